import path from 'node:path';
import type { Command } from 'commander';
import { InputFileError } from '../util/yaml-file.js';
import type { Finding } from '../model/finding.js';
import { neutralise, redaction } from '../report/redact.js';
import { HistorySource } from '../pipeline/history-source.js';
import { suppressionSetup } from './suppression-setup.js';
import { runPipeline } from '../pipeline/pipeline.js';
import { STDIN_PATH, STDIN_TARGET, WorktreeSource } from '../pipeline/worktree-source.js';
import { openRepo, selectHistory, type GitRepo } from '../sources/git-history.js';
import { TargetError } from '../sources/worktree.js';
import { toPosix } from '../util/paths.js';
import { entriesFromFindings, fingerprinterOf, resalt, staleEntries, updateBaseline, type Baseline, type BaselineEntry, type BaselineMode, type BaselinePathOf } from '../suppress/baseline.js';
import { readBaseline, writeBaseline } from '../suppress/baseline-file.js';
import { lockFileOf } from '../suppress/baseline-lock.js';
import { newSalt, saltedFingerprints, type Fingerprinter } from '../suppress/fingerprint.js';
import { DEFAULT_BASELINE_FILE } from '../model/defaults.js';
import { baselineTarget, whileLocked } from './baseline-target.js';
import { debugLog } from './debug.js';
import { EXIT } from './exit-codes.js';
import { incompleteScan } from './incomplete-scan.js';
import { firstDirectory } from './scan-command.js';
import { addOptions } from './option-defs.js';
import { SCAN_SETTING_OPTIONS } from './scan-flags.js';
import { resolveScanContext, scanSettings, type RawScanOptions, type ScanContext } from './scan-options.js';

/** What `scan` takes apart from the report's options, and the baseline's own. */
interface BaselineOptions extends Omit<RawScanOptions, 'color' | 'baseline'> {
  history?: boolean;
  /** `create -o`. */
  output?: string;
  /** `update` and `check`. */
  baseline?: string;
  /** `create` and `update`: seconds to wait for another run's lock on the baseline. */
  lockTimeout?: string;
}

/** A baseline scans as `scan` does, with the same options, so it records what `scan` will find. */
function addBaselineScanOptions(command: Command): Command {
  return addOptions(
    command.argument('[path]', 'directory or file to scan, or the repository with --history (use the same one the baseline was created from)', '.'),
    [...SCAN_SETTING_OPTIONS, 'history'],
  );
}

/**
 * Records file paths relative to the baseline file, so any working directory reads it the same; a
 * commit or ref a secret was found in is recorded as it is. `mask` hides found secrets (a token in
 * a file name): the baseline is committed, and must hold none.
 */
function relativePathOf(baselineFile: string, root: string, mask: (text: string) => string): BaselinePathOf {
  const dir = path.dirname(baselineFile);
  const isFile = (finding: Finding): boolean => finding.path !== STDIN_PATH && (finding.foundIn ?? 'path') === 'path';
  return (finding: Finding) => mask(isFile(finding) ? toPosix(path.relative(dir, path.resolve(root, finding.path))) : finding.path);
}

interface BaselineRun {
  context: ScanContext;
  baselineFile: string;
  /** Set for --history: the repository whose commits are scanned. */
  repo: GitRepo | undefined;
  /** What is scanned: a symlink in it is never written through. */
  trees: string[];
  /** Whether the config chose the baseline file (defaults.baseline), not the command line. */
  configNamed: boolean;
}

/** The config, rules and baseline file a baseline command works with; `baselineOption` is -o or --baseline. */
async function resolveRun(target: string, options: BaselineOptions, baselineOption: string | undefined): Promise<BaselineRun> {
  const repo = options.history ? openRepo(target) : undefined;
  // A baseline records findings, never what a provider said of them: it never verifies, whatever the config says.
  const raw: RawScanOptions = { ...options, color: false, baseline: baselineOption, verify: false };
  const context = await resolveScanContext(raw, repo ? (repo.workTree ?? repo.dir) : firstDirectory([target]));
  const trees = repo ? [repo.workTree ?? repo.dir, repo.dir] : target === STDIN_TARGET ? [] : [target];
  const configNamed = baselineOption === undefined && context.config.defaults.baseline !== undefined;
  return { context, baselineFile: context.baselineFile ?? path.resolve(DEFAULT_BASELINE_FILE), repo, trees, configNamed };
}

/** Where create and update write, checked before any scanning (see baselineTarget). */
function writeTarget(run: BaselineRun): ReturnType<typeof baselineTarget> {
  return baselineTarget({ file: run.baselineFile, trees: run.trees, ...(run.configNamed && { config: run.context.config }) });
}

/** What a baseline made now would hold: the findings, and their entries under a baseline's fingerprints. */
interface CurrentFindings {
  readonly findings: readonly Finding[];
  entries(fingerprint: Fingerprinter): BaselineEntry[];
}

/**
 * Scans the way `scan` (or `history`) would — config, rules, allowlists, inline markers — but
 * applies no baseline: the result is what a baseline made now would hold.
 */
async function scanCurrent(target: string, options: BaselineOptions, { context, baselineFile, repo }: BaselineRun): Promise<CurrentFindings> {
  debugLog(options, `config: ${context.config.file ?? 'none'}; ${context.specs.length} rules; baseline ${baselineFile}`);
  const request = {
    specs: context.specs,
    settings: scanSettings(context, options),
    ...(context.threads !== undefined && { threads: context.threads }),
  };
  // No baseline applies: the baseline file and its lock are not scanned, the rest as `scan` would.
  const suppression = await suppressionSetup({ ...context, baselineFile: undefined }, [baselineFile, lockFileOf(baselineFile)]);
  const source = repo ? new HistorySource(repo, selectHistory(repo, {}), suppression.skipsFile) : new WorktreeSource([target], suppression.skipsFile);
  const result = await runPipeline(source, request, suppression.stagesFor(source));
  debugLog(options, `scanned ${result.stats.files} files, ${result.stats.bytes} bytes in ${result.stats.durationMs} ms`);
  const shown = redaction(result, false);
  if (!options.quiet) {
    for (const { path: file, message } of result.errors) process.stderr.write(`warning: could not read ${neutralise(shown.text(file))}: ${neutralise(shown.text(message))} (its secrets are not in the baseline)\n`);
  }
  // A baseline made from what could be read would drop, on update, the entries of what could not.
  const incomplete = incompleteScan(result.errors, options.allowIncomplete);
  if (incomplete) throw new TargetError(incomplete);
  // History paths are relative to the repository; working-tree paths to the working directory.
  const root = repo ? (repo.workTree ?? repo.dir) : process.cwd();
  const pathOf = relativePathOf(baselineFile, root, shown.text);
  return { findings: result.findings, entries: (fingerprint) => entriesFromFindings(result.findings, pathOf, fingerprint) };
}

function where(entry: BaselineEntry): string {
  return entry.locations.map((location) => `${neutralise(location.path)}:${location.line}`).join(', ');
}

function entryLine(label: string, entry: BaselineEntry, detail = where(entry)): string {
  return `${label.padEnd(8)} ${entry.rule}  ${detail}  ${entry.fingerprint.slice(0, 12)}\n`;
}

function entries(count: number, adjective = ''): string {
  return `${count} ${adjective}${count === 1 ? 'entry' : 'entries'}`;
}

function display(file: string): string {
  return neutralise(path.relative(process.cwd(), file) || file);
}

function modeOf(options: BaselineOptions): BaselineMode {
  return options.history ? 'history' : 'tree';
}

/**
 * Reads the baseline `update` or `check` works on, refusing one made the other way: a tree scan
 * finds none of a history baseline's secrets that are gone from the tree, and would call them all
 * stale (and update would drop them). A baseline with no mode predates modes and is taken as it is.
 */
function readBaselineFor(command: 'update' | 'check', run: BaselineRun, options: BaselineOptions): Baseline {
  const baseline = readBaseline(run.baselineFile);
  const wanted = modeOf(options);
  if (baseline.mode && baseline.mode !== wanted) {
    const made = baseline.mode === 'history' ? 'with --history (mode "history")' : 'without --history (mode "tree")';
    const fix = baseline.mode === 'history' ? `run \`secretsift baseline ${command} --history\`` : `run \`secretsift baseline ${command}\` without --history`;
    throw new InputFileError(display(run.baselineFile), undefined, `this baseline was made ${made}: ${fix}, or create a new baseline (the file is left as it is)`);
  }
  return baseline;
}

async function create(target: string, options: BaselineOptions): Promise<void> {
  const run = await resolveRun(target, options, options.output);
  const destination = writeTarget(run);
  const current = await whileLocked(destination, options, async () => {
    // Replacing a baseline is fine; replacing some other file (a typo in -o) or a broken baseline someone may want back is not.
    if (destination.kind === 'file' && destination.exists) {
      try {
        readBaseline(run.baselineFile);
      } catch (error) {
        if (error instanceof InputFileError) throw new InputFileError(error.file, error.line, `not overwriting it: ${error.detail} (delete it or choose another -o to start afresh)`);
        throw error;
      }
    }
    // A new salt for every new baseline: its fingerprints match no other baseline's.
    const salt = newSalt();
    const found = (await scanCurrent(target, options, run)).entries(saltedFingerprints(salt));
    writeBaseline(run.baselineFile, { mode: modeOf(options), salt, entries: found }, { scanned: run.trees });
    return found;
  });
  if (!options.quiet) process.stdout.write(`wrote ${entries(current.length)} to ${display(run.baselineFile)}\n`);
}

async function update(target: string, options: BaselineOptions): Promise<void> {
  const run = await resolveRun(target, options, options.baseline);
  // Held from reading the baseline to writing it: a concurrent update waits rather than being undone.
  const { result, migrated, modeAdded, wrote } = await whileLocked(writeTarget(run), options, async () => {
    // Read before scanning: a broken baseline stops the command at once, and is never overwritten.
    const read = readBaselineFor('update', run, options);
    const current = await scanCurrent(target, options, run);
    // A version 1 baseline is rewritten salted; an entry no current finding matches cannot be carried over, and is removed.
    const { baseline: previous, lost } = read.salt ? { baseline: read, lost: [] } : resalt(read, current.findings, newSalt());
    const updated = updateBaseline(previous, current.entries(fingerprinterOf(previous)));
    const written = { ...updated, removed: [...lost, ...updated.removed] };
    // A baseline from before modes takes the mode of the update that rewrites it.
    const baseline = { ...updated.baseline, mode: modeOf(options) };
    return { result: written, migrated: !read.salt, modeAdded: !read.mode, wrote: writeBaseline(run.baselineFile, baseline, { scanned: run.trees }) };
  });
  if (options.quiet) return;
  for (const entry of result.added) process.stdout.write(entryLine('added', entry));
  for (const entry of result.removed) process.stdout.write(entryLine('removed', entry));
  for (const { before, after } of result.moved) process.stdout.write(entryLine('moved', after, `${where(before)} -> ${where(after)}`));
  const counts = `${result.added.length} added, ${result.removed.length} removed, ${result.moved.length} moved, ${result.unchanged} unchanged`;
  const note = migrated ? ' (rewritten as version 2, with salted fingerprints)' : modeAdded ? ` (now records its mode: ${modeOf(options)})` : wrote ? '' : ' (file unchanged)';
  process.stdout.write(`${display(run.baselineFile)}: ${counts}${note}\n`);
}

async function check(target: string, options: BaselineOptions): Promise<void> {
  const run = await resolveRun(target, options, options.baseline);
  const baseline = readBaselineFor('check', run, options);
  const current = await scanCurrent(target, options, run);
  const stale = staleEntries(baseline, current.entries(fingerprinterOf(baseline)));
  for (const entry of stale) process.stdout.write(entryLine('stale', entry));
  if (!options.quiet) {
    const summary = stale.length
      ? `${entries(stale.length, 'stale ')} of ${baseline.entries.length} in ${display(run.baselineFile)} (remove with: secretsift baseline update)`
      : `no stale entries in ${display(run.baselineFile)} (${entries(baseline.entries.length)} checked)`;
    process.stdout.write(`${summary}\n`);
  }
  process.exitCode = stale.length ? EXIT.leaks : EXIT.clean;
}

export function registerBaselineCommand(program: Command): void {
  const baseline = program
    .command('baseline')
    .description('record known findings so scans report only new ones')
    .addHelpText(
      'after',
      `
A baseline holds each finding's rule and a fingerprint of the secret (HMAC-SHA256 keyed with the
baseline's random salt), never the secret.
Moving, reformatting or renaming a file keeps its findings baselined.

Examples:
  $ secretsift baseline create -o .secretsift-baseline.json
  $ secretsift scan --baseline .secretsift-baseline.json
  $ secretsift baseline update --baseline .secretsift-baseline.json
  $ secretsift baseline check --baseline .secretsift-baseline.json   exit 1 if entries are stale`,
    );

  addOptions(addBaselineScanOptions(baseline.command('create').description('scan and write a baseline of every finding')), ['baselineOutput', 'lockTimeout'])
    .addHelpText('after', '\nExamples:\n  $ secretsift baseline create -o .secretsift-baseline.json\n  $ secretsift baseline create --history -o history-baseline.json   every commit\'s findings')
    .action((target: string, options: BaselineOptions) => create(target, options));

  addOptions(addBaselineScanOptions(baseline.command('update').description('add new findings to a baseline and remove entries that no longer occur')), ['baselineFile', 'lockTimeout'])
    .addHelpText('after', '\nExamples:\n  $ secretsift baseline update -b .secretsift-baseline.json\n  $ secretsift baseline update --history -b history-baseline.json   a baseline made with --history')
    .action((target: string, options: BaselineOptions) => update(target, options));

  addOptions(addBaselineScanOptions(baseline.command('check').description('list baseline entries that no longer occur; exit 1 if there are any')), ['baselineFile'])
    .addHelpText('after', '\nExamples:\n  $ secretsift baseline check -b .secretsift-baseline.json   exit 1 if entries are stale\n  $ secretsift baseline check --history -b history-baseline.json')
    .action((target: string, options: BaselineOptions) => check(target, options));
}

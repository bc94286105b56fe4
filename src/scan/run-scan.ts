import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { CompiledRules } from '../detect/compile.js';
import { compileRulesCached } from '../detect/compile-cache.js';
import { compareFindings, type Finding } from '../detect/finding.js';
import type { RuleSpec } from '../detect/rule.js';
import type { FileRef } from '../sources/content.js';
import { listFiles, toPosix } from '../sources/worktree.js';
import type { CompiledAllowlist } from '../suppress/allowlist.js';
import type { Suppressed } from '../suppress/suppression.js';
import { innerPathStart, pathName, PathNames, scanPathNames, type PathName } from './path-names.js';
import { fileBatches, inOrderBatches } from './file-batches.js';
import type { FileOutcome, ScanSettings } from './scan-file.js';
import { ScanPool } from './scan-pool.js';
import { scanStream } from './scan-stdin.js';
import type { ScanProgress } from './progress.js';
import { emptyStats, type ScanStats } from './scan-stats.js';

export const STDIN_TARGET = '-';
export const STDIN_PATH = '<stdin>';

// Measured on a 2-vCPU machine (docs/ARCHITECTURE.md, Threads): a worker beside the main thread
// made 200 MB of code 1.5x faster but 45 MB of node_modules slower (it starts, compiles and warms
// up its own regexes, and the two threads slow each other down); below this, one thread scans.
const MIN_FILES_FOR_WORKERS = 64;
const MIN_BYTES_FOR_WORKERS = 64 << 20;

export interface ScanRequest {
  targets: readonly string[];
  specs: RuleSpec[];
  settings: ScanSettings;
  allowlist: CompiledAllowlist;
  /** Worker threads beside the main thread, which scans too; 0 scans on the main thread alone. Default: one per core but one, when there is enough work. */
  threads?: number | undefined;
  /** Called after each file, for a progress display. */
  onProgress?: (progress: ScanProgress) => void;
}

export interface ScanError {
  path: string;
  message: string;
  /** The git object that could not be read: what it held was not scanned, so the scan is incomplete. */
  object?: string;
}

export interface ScanResult {
  findings: Finding[];
  suppressed: Suppressed[];
  stats: ScanStats;
  errors: ScanError[];
  /** Things passed over that the user should hear of, such as a refused zip bomb (also counted in stats.skipped). */
  warnings?: ScanError[];
}

/** Collects file outcomes into findings, suppressions, counts and errors. */
class ResultCollector {
  readonly findings: Finding[] = [];
  readonly suppressed: Suppressed[] = [];
  readonly stats = emptyStats();
  readonly errors: ScanError[] = [];
  readonly warnings: ScanError[] = [];

  constructor(private readonly allowlist: CompiledAllowlist) {}

  add = (outcome: FileOutcome): void => {
    switch (outcome.kind) {
      case 'skipped':
        this.stats.skipped[outcome.reason]++;
        if (outcome.message !== undefined) this.warnings.push({ path: outcome.path, message: outcome.message });
        return;
      case 'error':
        this.errors.push({ path: outcome.path, message: outcome.message });
        return;
      case 'scanned':
        this.stats.files++;
        this.stats.bytes += outcome.bytes;
        for (const finding of outcome.inlineAllowed) this.suppress(finding, 'inline');
        for (const finding of outcome.findings) {
          if (this.allowlist.allowsFinding(finding)) this.suppress(finding, 'allowlist');
          else this.findings.push(finding);
        }
    }
  };

  /** Findings in names, already sorted into reported and allowlisted. */
  addNames(names: { findings: readonly Finding[]; suppressed: readonly Suppressed[] }): void {
    this.findings.push(...names.findings);
    for (const { finding, reason } of names.suppressed) this.suppress(finding, reason);
  }

  private suppress(finding: Finding, reason: Suppressed['reason']): void {
    this.suppressed.push({ finding, reason });
    this.stats.suppressed[reason]++;
  }

  result(startedAt: number): ScanResult {
    this.findings.sort(compareFindings);
    this.suppressed.sort((a, b) => compareFindings(a.finding, b.finding));
    this.errors.sort(byPath);
    this.warnings.sort(byPath);
    this.stats.durationMs = Math.round(performance.now() - startedAt);
    return { findings: this.findings, suppressed: this.suppressed, stats: this.stats, errors: this.errors, warnings: this.warnings };
  }
}

function byPath(a: ScanError, b: ScanError): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

/**
 * Where the part of a file's reported path that the scanned tree chose begins: after the directory
 * target it was found under (the user chose that), or at its name when the user named the file.
 */
function treePartStart(file: Pick<FileRef, 'path' | 'absPath' | 'explicit'>, roots: readonly string[]): number {
  if (file.explicit) return file.path.lastIndexOf('/') + 1;
  const root = roots.find((dir) => file.absPath.startsWith(dir + path.sep));
  if (!root) return 0;
  const below = toPosix(file.absPath.slice(root.length + 1));
  return file.path.endsWith(below) ? file.path.length - below.length : 0;
}

export async function runScan(request: ScanRequest): Promise<ScanResult> {
  const startedAt = performance.now();
  const collector = new ResultCollector(request.allowlist);
  const fileTargets = request.targets.filter((target) => target !== STDIN_TARGET);
  const files: FileRef[] = [];
  const pathNames = new PathNames();
  const names: PathName[] = [];
  const listed = new Set<string>();
  const roots = fileTargets.map((target) => path.resolve(target));
  let compiled: CompiledRules | undefined;
  const compiledRules = (): CompiledRules => (compiled ??= compileRulesCached(request.specs));
  let done = 0;
  // One file may give several outcomes (one per file inside an archive); progress counts files.
  const add = (outcomes: readonly FileOutcome[]): void => {
    outcomes.forEach(collector.add);
    // Names of files inside archives are the archive's content: scanned too.
    for (const outcome of outcomes) {
      const from = innerPathStart(outcome.path, (name) => listed.has(name));
      if (from !== undefined) names.push(pathName(outcome.path, false, from));
    }
    request.onProgress?.({ done: ++done, total: files.length, bytes: collector.stats.bytes });
  };
  const wanted = fileTargets.length === 0 ? 0 : (request.threads ?? availableParallelism() - 1);
  let pool: ScanPool | undefined;
  try {
    const listing = listFiles(fileTargets);
    for (const skip of listing.skipped) collector.add({ kind: 'skipped', ...skip });
    collector.errors.push(...listing.errors);
    // What could not be listed or read is named in warnings: its name is scanned like any other.
    const unlisted = [...listing.errors.filter((error) => error.object === undefined), ...listing.skipped];
    for (const { path: shown } of unlisted) names.push(pathNames.file(shown, false, treePartStart({ path: shown, absPath: path.resolve(shown) }, roots)));
    for (const file of listing.files) {
      const allowlisted = request.allowlist.skipsFile(file.absPath);
      names.push(pathNames.file(file.path, allowlisted, treePartStart(file, roots)));
      listed.add(file.path);
      if (allowlisted) collector.stats.skipped.allowlisted++;
      else files.push(file);
    }
    names.push(...pathNames.directories((dir) => listed.has(dir)));
    const scanNames = (batch: readonly PathName[]): void => {
      if (batch.length) collector.addNames(scanPathNames(compiledRules(), batch, request.allowlist, request.settings));
    };
    // Names found inside archives arrive with the files' outcomes; the rest are known now.
    const namesBeforeFiles = names.length;
    // Sizes are read while the listed names are scanned.
    const sizing = wanted > 0 && (request.threads !== undefined || files.length >= MIN_FILES_FOR_WORKERS) ? fileBatches(files, wanted + 1) : undefined;
    scanNames(names.slice(0, namesBeforeFiles));
    const { batches, bytes } = sizing ? await sizing : { batches: inOrderBatches(files), bytes: 0 };
    const workers = request.threads !== undefined || bytes >= MIN_BYTES_FOR_WORKERS ? wanted : 0;
    // Workers start now, from what the main thread compiled for the names; it scans meanwhile.
    pool = new ScanPool({ specs: request.specs, settings: request.settings }, workers, compiledRules, (result) => {
      if (result.kind === 'files') result.outcomes.forEach(add);
    });
    for (const batch of batches) pool.submit(batch);
    await pool.finish();
    scanNames(names.slice(namesBeforeFiles));
    if (fileTargets.length !== request.targets.length) {
      // Streamed in chunks, never held whole: standard input may be endless (/dev/urandom).
      for (const outcome of await scanStream(compiledRules(), process.stdin, STDIN_PATH, request.settings)) collector.add(outcome);
    }
    return collector.result(startedAt);
  } finally {
    await pool?.close();
  }
}

import { Command, Option } from 'commander';
import path from 'node:path';
import { emptyConfig, findConfigFile, loadConfig, type Config } from '../config/config.js';
import { buildRuleset } from '../detect/ruleset.js';
import type { RuleSpec } from '../detect/rule.js';
import { FORMAT_NAMES, isFormatName, type FormatName } from '../report/format-names.js';
import { workTreeRoot } from '../sources/git-process.js';
import { DEFAULT_MAX_ARCHIVE_BYTES, DEFAULT_MAX_ARCHIVE_DEPTH, DEFAULT_MAX_ARCHIVE_ENTRIES, type ArchiveLimits } from '../sources/archive-budget.js';
import { DEFAULT_CHUNKING } from '../scan/chunks.js';
import { DEFAULT_DECODE_DEPTH, type ScanSettings } from '../scan/scan-file.js';
import { UsageError } from './exit-codes.js';

export const DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024;

/** Options every scanning command shares, as commander hands them over. */
export interface RawScanOptions {
  format?: string;
  output?: string;
  config?: string | false;
  rules: string[];
  showSecrets?: boolean;
  showSuppressed?: boolean;
  color: boolean;
  quiet?: boolean;
  maxFileSize?: string;
  inlineAllow: boolean;
  /** A file, false for --no-baseline, undefined for the config's default. */
  baseline?: string | false;
  threads?: string;
  maxDecodeDepth?: string;
  /** False for --no-archives; commands without the archive options leave all three undefined. */
  archives?: boolean;
  maxArchiveDepth?: string;
  maxArchiveBytes?: string;
  debug?: boolean;
  sarifCategory?: string;
  /** Report findings even when some git objects could not be read (exit 2 otherwise). */
  allowIncomplete?: boolean;
  /** Let git read repositories owned by another user (applied before any git process starts). */
  trustRepoOwner?: boolean;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function addScanOptions(command: Command): Command {
  return command
    .addOption(new Option('-f, --format <format>', `report format (${FORMAT_NAMES.join(', ')})`))
    .option('-o, --output <file>', 'write the report to a file (atomically) instead of stdout')
    .option('-c, --config <file>', 'config file (default: .secretsift.yaml found from the scanned directory up to the repository root)')
    .option('--no-config', 'ignore any .secretsift.yaml')
    .option('--rules <pack>', 'extra YAML rule pack (repeatable)', collect, [])
    .option('--show-secrets', 'print secrets in full (they are redacted by default)')
    .option('--show-suppressed', 'also list findings suppressed by the baseline, allowlists and inline markers')
    .option('--no-color', 'no colour (NO_COLOR is honoured too)')
    .option('-q, --quiet', 'print findings only: no summary, no warnings')
    .option('--max-file-size <bytes>', `skip files larger than this (default ${DEFAULT_MAX_FILE_SIZE}); files over ${DEFAULT_CHUNKING.wholeUpTo / 1024 / 1024} MB are scanned in overlapping chunks, in flat memory`)
    .option('--no-inline-allow', 'ignore inline allow markers (for audits)')
    .option('--baseline <file>', 'do not report findings recorded in this baseline (default: defaults.baseline in the config)')
    .option('--no-baseline', "ignore the config's default baseline")
    .option('--max-decode-depth <n>', 'layers of base64, hex and percent encoding to look through (default 2; 0 turns decoding off)')
    .option('--threads <n>', 'worker threads (0: scan on the main thread; default: one per core for large scans)')
    .option('--sarif-category <category>', 'SARIF automationDetails.id, to tell apart several analyses of one commit (default "secretsift/")')
    .option('--debug', 'log progress and stack traces to stderr (never secrets)')
    .option('--allow-incomplete', 'when git objects cannot be read (a partial clone, a damaged repository), report them and exit by the findings, not with 2')
    .option('--trust-repo-owner', "read a repository owned by another user (git refuses by default: its config could run commands as you)");
}

/** Options of commands that read files from disk, where archives may lie. */
export function addArchiveOptions(command: Command): Command {
  return command
    .option('--no-archives', 'do not look inside zip, jar, tar, tar.gz and gzip files')
    .option('--max-archive-depth <n>', `layers of archives inside archives to open (default ${DEFAULT_MAX_ARCHIVE_DEPTH}; 0 turns archives off)`)
    .option('--max-archive-bytes <bytes>', `stop reading an archive once it has inflated this much, nested archives included (default ${DEFAULT_MAX_ARCHIVE_BYTES})`);
}

export interface ScanContext {
  config: Config;
  specs: RuleSpec[];
  format: FormatName;
  maxFileSize: number;
  threads: number | undefined;
  maxDecodeDepth: number;
  /** Limits for looking inside archives; undefined when archives are off. */
  archives: ArchiveLimits | undefined;
  /** Absolute path of the baseline to apply, if any; read it with readBaseline. */
  baselineFile: string | undefined;
}

function parsePositiveInt(value: string, name: string, allowZero = false): number {
  if (!/^\d+$/.test(value) || (!allowZero && Number(value) === 0)) throw new UsageError(`${name} must be a ${allowZero ? 'non-negative' : 'positive'} whole number, not "${value}"`);
  return Number(value);
}

/**
 * The config that applies: named, found beside the first scanned directory (up to its repository
 * root), or none. A caller that already knows the root passes it and saves asking git.
 */
export function resolveConfig(options: RawScanOptions, firstDir: string, repositoryRoot?: string): Config {
  if (options.config === false) return emptyConfig(firstDir);
  if (typeof options.config === 'string') return loadConfig(path.resolve(options.config));
  const found = findConfigFile(firstDir, repositoryRoot ?? workTreeRoot(firstDir) ?? firstDir);
  return found ? loadConfig(found) : emptyConfig(firstDir);
}

export function resolveScanContext(options: RawScanOptions, firstDir: string, repositoryRoot?: string): ScanContext {
  const config = resolveConfig(options, firstDir, repositoryRoot);
  const format = options.format ?? config.defaults.format ?? 'text';
  if (!isFormatName(format)) throw new UsageError(`unknown format "${format}" (choose one of: ${FORMAT_NAMES.join(', ')})`);
  const maxFileSize = options.maxFileSize !== undefined ? parsePositiveInt(options.maxFileSize, '--max-file-size') : config.defaults.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const threads = options.threads !== undefined ? parsePositiveInt(options.threads, '--threads', true) : undefined;
  const maxDecodeDepth = options.maxDecodeDepth !== undefined ? parsePositiveInt(options.maxDecodeDepth, '--max-decode-depth', true) : DEFAULT_DECODE_DEPTH;
  const specs = buildRuleset(config, { extraPacks: options.rules.map((pack) => path.resolve(pack)) });
  const baselineFile = options.baseline === false ? undefined : options.baseline !== undefined ? path.resolve(options.baseline) : config.defaults.baseline;
  const archives = resolveArchiveLimits(options, maxFileSize);
  return { config, specs, format, maxFileSize, threads, maxDecodeDepth, archives, baselineFile };
}

/** Inner files get the same size limit as files on disk: each is held in memory whole for detection. */
function resolveArchiveLimits(options: RawScanOptions, maxFileSize: number): ArchiveLimits | undefined {
  const maxDepth = options.maxArchiveDepth !== undefined ? parsePositiveInt(options.maxArchiveDepth, '--max-archive-depth', true) : DEFAULT_MAX_ARCHIVE_DEPTH;
  const maxBytes = options.maxArchiveBytes !== undefined ? parsePositiveInt(options.maxArchiveBytes, '--max-archive-bytes') : DEFAULT_MAX_ARCHIVE_BYTES;
  if (options.archives === false || maxDepth === 0) return undefined;
  return { maxDepth, maxBytes, maxEntries: DEFAULT_MAX_ARCHIVE_ENTRIES, maxEntryBytes: maxFileSize };
}

export function useColor(options: RawScanOptions, toFile: boolean): boolean {
  if (!options.color || toFile || process.env.NO_COLOR) return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return Boolean(process.stdout.isTTY);
}

/** What the scanning stage needs from the command line, the same for every scanning command. */
export function scanSettings(context: ScanContext, options: RawScanOptions): ScanSettings {
  return {
    maxFileSize: context.maxFileSize,
    inlineAllow: options.inlineAllow,
    maxDecodeDepth: context.maxDecodeDepth,
    lineHashes: context.format === 'sarif',
    ...(context.archives && { archives: context.archives }),
  };
}

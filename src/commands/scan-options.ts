import path from 'node:path';
import { emptyConfig, findConfigFile, type Config } from '../config/config.js';
import { loadConfigCached } from '../config/config-cache.js';
import { buildRuleset } from '../config/ruleset.js';
import { DEFAULT_DECODE_DEPTH, DEFAULT_FAIL_ON, DEFAULT_FORMAT, DEFAULT_MAX_ARCHIVE_BYTES, DEFAULT_MAX_ARCHIVE_DEPTH, DEFAULT_MAX_ARCHIVE_ENTRIES, DEFAULT_MAX_FILE_SIZE } from '../model/defaults.js';
import { SEVERITY_ORDER, type RuleSpec, type Severity } from '../model/rule.js';
import { FORMAT_NAMES, isFormatName, type FormatName } from '../report/format-names.js';
import { workTreeRoot } from '../sources/git-process.js';
import type { ArchiveLimits } from '../sources/archive-budget.js';
import type { ScanSettings } from '../pipeline/scan-file.js';
import { UsageError } from './exit-codes.js';
import type { RawScanOptions } from './scan-flags.js';

export { addArchiveOptions, addScanOptions, type RawScanOptions } from './scan-flags.js';

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
  /** Findings below this severity are reported but do not make the exit code 1. */
  failOn: Severity;
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
  if (typeof options.config === 'string') return loadConfigCached(path.resolve(options.config));
  const found = findConfigFile(firstDir, repositoryRoot ?? workTreeRoot(firstDir) ?? firstDir);
  return found ? loadConfigCached(found) : emptyConfig(firstDir);
}

export function resolveScanContext(options: RawScanOptions, firstDir: string, repositoryRoot?: string): ScanContext {
  const config = resolveConfig(options, firstDir, repositoryRoot);
  const format = options.format ?? config.defaults.format ?? DEFAULT_FORMAT;
  if (!isFormatName(format)) throw new UsageError(`unknown format "${format}" (choose one of: ${FORMAT_NAMES.join(', ')})`);
  const maxFileSize = options.maxFileSize !== undefined ? parsePositiveInt(options.maxFileSize, '--max-file-size') : config.defaults.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const threads = options.threads !== undefined ? parsePositiveInt(options.threads, '--threads', true) : undefined;
  const maxDecodeDepth = options.maxDecodeDepth !== undefined ? parsePositiveInt(options.maxDecodeDepth, '--max-decode-depth', true) : DEFAULT_DECODE_DEPTH;
  const specs = buildRuleset(config, { extraPacks: options.rules.map((pack) => path.resolve(pack)) });
  const baselineFile = options.baseline === false ? undefined : options.baseline !== undefined ? path.resolve(options.baseline) : config.defaults.baseline;
  const archives = resolveArchiveLimits(options, maxFileSize);
  const failOn = resolveFailOn(options.failOn ?? config.defaults.failOn);
  return { config, specs, format, maxFileSize, threads, maxDecodeDepth, archives, baselineFile, failOn };
}

function resolveFailOn(value: string | undefined): Severity {
  if (value === undefined) return DEFAULT_FAIL_ON;
  const severity = SEVERITY_ORDER.find((known) => known === value);
  if (!severity) throw new UsageError(`--fail-on must be one of ${SEVERITY_ORDER.join(', ')}, not "${value}"`);
  return severity;
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

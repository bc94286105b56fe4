import path from 'node:path';
import type { Config } from '../config/config.js';
import { emptyConfig, findConfigFile } from '../config/config-file.js';
import { buildRuleset } from '../config/ruleset.js';
import { DEFAULT_MAX_ARCHIVE_ENTRIES, DEFAULT_VERIFY } from '../model/defaults.js';
import type { RuleSpec, Severity } from '../model/rule.js';
import type { FormatName } from '../report/format-names.js';
import { workTreeRoot } from '../sources/git-process.js';
import type { ArchiveLimits } from '../sources/archive-budget.js';
import type { ScanSettings } from '../pipeline/scan-file.js';
import { OPTIONS, parseOption } from './option-defs.js';
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
  /** How findings are verified with their providers; undefined when they are not (the default). */
  verify: VerifySettings | undefined;
}

/** `--verify` and what goes with it, resolved. */
export interface VerifySettings {
  /** Per request, in milliseconds. */
  timeoutMs: number;
  /** Report only findings found live. */
  onlyVerified: boolean;
  /**
   * Whether the command line asked (--verify, --only-verified), not only the config: a pack the
   * config names may send secrets only then, since a scanned repository writes its own config.
   */
  fromCommandLine: boolean;
  debug: boolean;
}

/**
 * The config that applies: named, found beside the first scanned directory (up to its repository
 * root), or none. A caller that already knows the root passes it and saves asking git. The config
 * cache's code loads only when there is a config to read.
 */
export async function resolveConfig(options: Pick<RawScanOptions, 'config'>, firstDir: string, repositoryRoot?: string): Promise<Config> {
  if (options.config === false) return emptyConfig(firstDir);
  const file = typeof options.config === 'string' ? path.resolve(options.config) : findConfigFile(firstDir, repositoryRoot ?? workTreeRoot(firstDir) ?? firstDir);
  if (file === undefined) return emptyConfig(firstDir);
  const { loadConfigCached } = await import('../config/config-cache.js');
  return loadConfigCached(file);
}

export async function resolveScanContext(options: RawScanOptions, firstDir: string, repositoryRoot?: string): Promise<ScanContext> {
  const config = await resolveConfig(options, firstDir, repositoryRoot);
  const format = parseOption(OPTIONS.format, options.format ?? config.defaults.format ?? OPTIONS.format.default);
  const limits = resolveLimits(options, config.defaults);
  const specs = await buildRuleset(config, { extraPacks: options.rules.map((pack) => path.resolve(pack)) });
  const baselineFile = options.baseline === false ? undefined : options.baseline !== undefined ? path.resolve(options.baseline) : config.defaults.baseline;
  const failOn = parseOption(OPTIONS.failOn, options.failOn ?? config.defaults.failOn ?? OPTIONS.failOn.default);
  return { config, specs, format, ...limits, baselineFile, failOn, verify: resolveVerify(options, config) };
}

function resolveVerify(options: RawScanOptions, config: Config): VerifySettings | undefined {
  if (options.onlyVerified && options.verify === false) throw new UsageError('--only-verified reports what --verify found live: drop --no-verify');
  const on = Boolean(options.onlyVerified) || (options.verify ?? config.defaults.verify ?? DEFAULT_VERIFY);
  if (!on) return undefined;
  return {
    timeoutMs: parseOption(OPTIONS.verifyTimeout, options.verifyTimeout) ?? OPTIONS.verifyTimeout.default,
    onlyVerified: Boolean(options.onlyVerified),
    fromCommandLine: options.verify === true || Boolean(options.onlyVerified),
    debug: Boolean(options.debug),
  };
}

/** How much a scan reads and decodes: from the command line, else the config, else the defaults. */
function resolveLimits(options: Partial<RawScanOptions>, defaults: Config['defaults']): Pick<ScanContext, 'maxFileSize' | 'threads' | 'maxDecodeDepth' | 'archives'> {
  const maxFileSize = parseOption(OPTIONS.maxFileSize, options.maxFileSize) ?? defaults.maxFileSize ?? OPTIONS.maxFileSize.default;
  const threads = parseOption(OPTIONS.threads, options.threads);
  const maxDecodeDepth = parseOption(OPTIONS.maxDecodeDepth, options.maxDecodeDepth) ?? OPTIONS.maxDecodeDepth.default;
  return { maxFileSize, threads, maxDecodeDepth, archives: resolveArchiveLimits(options, maxFileSize) };
}

/** Inner files get the same size limit as files on disk: each is held in memory whole for detection. */
function resolveArchiveLimits(options: Partial<RawScanOptions>, maxFileSize: number): ArchiveLimits | undefined {
  const maxDepth = parseOption(OPTIONS.maxArchiveDepth, options.maxArchiveDepth) ?? OPTIONS.maxArchiveDepth.default;
  const maxBytes = parseOption(OPTIONS.maxArchiveBytes, options.maxArchiveBytes) ?? OPTIONS.maxArchiveBytes.default;
  if (options.archives === false || maxDepth === 0) return undefined;
  return { maxDepth, maxBytes, maxEntries: DEFAULT_MAX_ARCHIVE_ENTRIES, maxEntryBytes: maxFileSize };
}

export function useColor(options: RawScanOptions, toFile: boolean): boolean {
  if (!options.color || toFile || process.env.NO_COLOR) return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return Boolean(process.stdout.isTTY);
}

/** What the scanning stage needs from the command line, the same for every scanning command. */
export function scanSettings(context: Pick<ScanContext, 'maxFileSize' | 'maxDecodeDepth' | 'archives' | 'format'> & Partial<Pick<ScanContext, 'verify'>>, options: Pick<RawScanOptions, 'inlineAllow'>): ScanSettings {
  return {
    maxFileSize: context.maxFileSize,
    inlineAllow: options.inlineAllow,
    maxDecodeDepth: context.maxDecodeDepth,
    lineHashes: context.format === 'sarif',
    ...(context.archives && { archives: context.archives }),
    ...(context.verify && { verifyValues: true }),
  };
}

/**
 * The settings of a scan given no option and no config: what `rules test` runs each example and
 * negative with, so a rule passes its tests exactly when a default scan agrees.
 */
export function defaultScanSettings(): ScanSettings {
  const limits = resolveLimits({}, {});
  return scanSettings({ ...limits, format: OPTIONS.format.default }, { inlineAllow: OPTIONS.noInlineAllow.default });
}

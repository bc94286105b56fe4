import { Command, Option } from 'commander';
import path from 'node:path';
import { emptyConfig, findConfigFile, loadConfig, type Config } from '../config/config.js';
import { buildRuleset } from '../detect/ruleset.js';
import type { RuleSpec } from '../detect/rule.js';
import { FORMATS, isFormatName, type FormatName } from '../report/formats.js';
import { workTreeRoot } from '../sources/git-process.js';
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
  threads?: string;
  debug?: boolean;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function addScanOptions(command: Command): Command {
  return command
    .addOption(new Option('-f, --format <format>', `report format (${Object.keys(FORMATS).join(', ')})`))
    .option('-o, --output <file>', 'write the report to a file (atomically) instead of stdout')
    .option('-c, --config <file>', 'config file (default: .secretsift.yaml found from the scanned directory up to the repository root)')
    .option('--no-config', 'ignore any .secretsift.yaml')
    .option('--rules <pack>', 'extra YAML rule pack (repeatable)', collect, [])
    .option('--show-secrets', 'print secrets in full (they are redacted by default)')
    .option('--show-suppressed', 'also list findings suppressed by allowlists and inline markers')
    .option('--no-color', 'no colour (NO_COLOR is honoured too)')
    .option('-q, --quiet', 'print findings only: no summary, no warnings')
    .option('--max-file-size <bytes>', `skip files larger than this (default ${DEFAULT_MAX_FILE_SIZE})`)
    .option('--no-inline-allow', 'ignore inline allow markers (for audits)')
    .option('--threads <n>', 'worker threads (0: scan on the main thread; default: one per core for large scans)')
    .option('--debug', 'log progress and stack traces to stderr (never secrets)');
}

export interface ScanContext {
  config: Config;
  specs: RuleSpec[];
  format: FormatName;
  maxFileSize: number;
  threads: number | undefined;
}

function parsePositiveInt(value: string, name: string, allowZero = false): number {
  if (!/^\d+$/.test(value) || (!allowZero && Number(value) === 0)) throw new UsageError(`${name} must be a ${allowZero ? 'non-negative' : 'positive'} whole number, not "${value}"`);
  return Number(value);
}

/** The config that applies: named, found beside the first scanned directory (up to its repository root), or none. */
export function resolveConfig(options: RawScanOptions, firstDir: string): Config {
  if (options.config === false) return emptyConfig(firstDir);
  if (typeof options.config === 'string') return loadConfig(path.resolve(options.config));
  const found = findConfigFile(firstDir, workTreeRoot(firstDir) ?? firstDir);
  return found ? loadConfig(found) : emptyConfig(firstDir);
}

export function resolveScanContext(options: RawScanOptions, firstDir: string): ScanContext {
  const config = resolveConfig(options, firstDir);
  const format = options.format ?? config.defaults.format ?? 'text';
  if (!isFormatName(format)) throw new UsageError(`unknown format "${format}" (choose one of: ${Object.keys(FORMATS).join(', ')})`);
  const maxFileSize = options.maxFileSize !== undefined ? parsePositiveInt(options.maxFileSize, '--max-file-size') : config.defaults.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const threads = options.threads !== undefined ? parsePositiveInt(options.threads, '--threads', true) : undefined;
  const specs = buildRuleset(config, { extraPacks: options.rules.map((pack) => path.resolve(pack)) });
  return { config, specs, format, maxFileSize, threads };
}

export function useColor(options: RawScanOptions, toFile: boolean): boolean {
  if (!options.color || toFile || process.env.NO_COLOR) return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return Boolean(process.stdout.isTTY);
}

import type { Command } from 'commander';
import { FORMAT_NAMES } from '../report/format-names.js';
import {
  DEFAULT_CHUNKING,
  DEFAULT_DECODE_DEPTH,
  DEFAULT_FAIL_ON,
  DEFAULT_MAX_ARCHIVE_BYTES,
  DEFAULT_MAX_ARCHIVE_DEPTH,
  DEFAULT_MAX_FILE_SIZE,
  DEFAULT_SARIF_CATEGORY,
} from '../model/defaults.js';
import { commander } from './commander.js';

/*
 * The options of the scanning commands, apart from what resolves them (scan-options.ts): a command
 * can declare them without loading config, rule or detection code, which it needs only once it runs.
 */

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
  baseline?: string | false | undefined;
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
  /** Lowest severity that makes the exit code 1; undefined for the config's default, else low. */
  failOn?: string;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function addScanOptions(command: Command): Command {
  return command
    .addOption(new commander.Option('-f, --format <format>', `report format (${FORMAT_NAMES.join(', ')})`))
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
    .option('--fail-on <severity>', `lowest severity that makes the exit code 1: critical, high, medium, low or info (default ${DEFAULT_FAIL_ON}; findings below it are still reported)`)
    .option('--baseline <file>', 'do not report findings recorded in this baseline (default: defaults.baseline in the config)')
    .option('--no-baseline', "ignore the config's default baseline")
    .option('--max-decode-depth <n>', `layers of base64, hex and percent encoding to look through (default ${DEFAULT_DECODE_DEPTH}; 0 turns decoding off)`)
    .option('--threads <n>', 'worker threads beside the main thread, which scans too (0: main thread alone; default: one per core but one, for large scans)')
    .option('--sarif-category <category>', `SARIF automationDetails.id, to tell apart several analyses of one commit (default "${DEFAULT_SARIF_CATEGORY}/")`)
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


import type { Command } from 'commander';
import {
  DEFAULT_BASELINE_FILE,
  DEFAULT_CHUNKING,
  DEFAULT_DECODE_DEPTH,
  DEFAULT_FAIL_ON,
  DEFAULT_FORMAT,
  DEFAULT_INLINE_ALLOW,
  DEFAULT_LOCK_TIMEOUT_SECONDS,
  DEFAULT_MAX_ARCHIVE_BYTES,
  DEFAULT_MAX_ARCHIVE_DEPTH,
  DEFAULT_MAX_FILE_SIZE,
  DEFAULT_SARIF_CATEGORY,
  DEFAULT_VERIFY_TIMEOUT_MS,
} from '../model/defaults.js';
import { SEVERITY_ORDER, type Severity } from '../model/rule.js';
import { FORMAT_NAMES, isFormatName, type FormatName } from '../report/format-names.js';
import { commander } from './commander.js';
import { UsageError } from './exit-codes.js';

/*
 * Every option of the commands that scan or read rules, defined once: its spelling, its help, how
 * its text is parsed and checked, its default. A command picks options from OPTIONS by name, so a
 * flag reads, parses and defaults the same in every command that takes it. What resolves them
 * against the config is scan-options.ts; this module loads nothing else, so a command can declare
 * its options without loading config, rule or detection code.
 */

export interface OptionDef<T = unknown> {
  /** Commander's spelling, `-c, --config <file>`; `--no-x` negates `--x` (and makes it default to true when alone). */
  readonly flags: string;
  readonly description: string;
  /** Turns the typed text into a value, or throws a UsageError naming the flag; absent for switches and text taken as it is. */
  readonly parse?: (text: string, flag: string) => T;
  /** The value when neither the command line nor the config gives one; the description states it. */
  readonly default?: T;
  /** May be given more than once: the values are collected, in order, into an array (empty by default). */
  readonly repeatable?: true;
}

function wholeNumber({ zero, unit }: { zero: boolean; unit?: string }): (text: string, flag: string) => number {
  return (text, flag) => {
    if (!/^\d+$/.test(text) || (!zero && Number(text) === 0)) throw new UsageError(`${flag} must be a ${zero ? 'non-negative' : 'positive'} whole number${unit ? ` of ${unit}` : ''}, not "${text}"`);
    return Number(text);
  };
}

// Every unit is a power of 1024, whichever way it is spelled: `10MB` means 10 MiB, as `--max-file-size`'s
// default (5 MiB) does, and as a file manager that says "5 MB" for 5,242,880 bytes does.
const BYTE_UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, kib: 1024, m: 1024 ** 2, mb: 1024 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3, gib: 1024 ** 3 };

/** A positive size in bytes: plain digits, or digits and a unit (`512k`, `10MB`, `1GiB`), all powers of 1024. */
export function byteSize(text: string, flag: string): number {
  const match = /^(\d+)\s*([a-z]*)$/i.exec(text.trim());
  const unit = match ? BYTE_UNITS[(match[2] as string).toLowerCase()] : undefined;
  const bytes = match && unit !== undefined ? Number(match[1]) * unit : 0;
  if (!(bytes > 0) || !Number.isSafeInteger(bytes)) throw new UsageError(`${flag} must be a positive size in bytes, plain or with a unit (512k, 10MB, 1GiB: powers of 1024), not "${text}"`);
  return bytes;
}

const DURATION_UNITS: Record<string, number> = { ms: 1, '': 1000, s: 1000, sec: 1000, m: 60_000, min: 60_000 };

/** A positive duration in milliseconds: seconds as plain digits, or digits and a unit (`500ms`, `10s`, `2m`). */
export function duration(text: string, flag: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(text.trim());
  const unit = match ? DURATION_UNITS[(match[2] as string).toLowerCase()] : undefined;
  const ms = match && unit !== undefined ? Math.round(Number(match[1]) * unit) : 0;
  if (!(ms > 0) || !Number.isSafeInteger(ms)) throw new UsageError(`${flag} must be a positive duration, in seconds or with a unit (500ms, 10s, 2m), not "${text}"`);
  return ms;
}

function format(text: string): FormatName {
  if (!isFormatName(text)) throw new UsageError(`unknown format "${text}" (choose one of: ${FORMAT_NAMES.join(', ')})`);
  return text;
}

function severity(text: string, flag: string): Severity {
  const known = SEVERITY_ORDER.find((candidate) => candidate === text);
  if (!known) throw new UsageError(`${flag} must be one of ${SEVERITY_ORDER.join(', ')}, not "${text}"`);
  return known;
}

const CONFIG_FOUND = '.secretsift.yaml found from the scanned or working directory up to the repository root';
const BASELINE_DEFAULT = `defaults.baseline in the config, else ${DEFAULT_BASELINE_FILE}`;

/** In the order help lists them. */
export const OPTIONS = {
  format: { flags: '-f, --format <format>', description: `report format (${FORMAT_NAMES.join(', ')})`, parse: format, default: DEFAULT_FORMAT },
  output: { flags: '-o, --output <file>', description: 'write the report to a file (atomically) instead of stdout' },
  config: { flags: '-c, --config <file>', description: `config file (default: ${CONFIG_FOUND})` },
  noConfig: { flags: '--no-config', description: 'ignore any .secretsift.yaml' },
  rules: { flags: '--rules <pack>', description: 'extra YAML rule pack (repeatable)', repeatable: true },
  showSecrets: { flags: '--show-secrets', description: 'print secrets in full (they are redacted by default)' },
  showSuppressed: { flags: '--show-suppressed', description: 'also list findings suppressed by the baseline, allowlists and inline markers' },
  noColor: { flags: '--no-color', description: 'no colour (NO_COLOR is honoured too)' },
  quiet: { flags: '-q, --quiet', description: 'print findings only: no summary, no warnings' },
  maxFileSize: {
    flags: '--max-file-size <size>',
    description: `skip files larger than this, in bytes or with k/M/G, KB/MB/GB or KiB/MiB/GiB, all powers of 1024 (default ${DEFAULT_MAX_FILE_SIZE}, 5 MiB); files over ${DEFAULT_CHUNKING.wholeUpTo / 1024 / 1024} MB are scanned in overlapping chunks, in flat memory`,
    parse: byteSize,
    default: DEFAULT_MAX_FILE_SIZE,
  },
  noInlineAllow: { flags: '--no-inline-allow', description: 'ignore inline allow markers (for audits)', default: DEFAULT_INLINE_ALLOW },
  failOn: {
    flags: '--fail-on <severity>',
    description: `lowest severity that makes the exit code 1: critical, high, medium, low or info (default ${DEFAULT_FAIL_ON}; findings below it are still reported)`,
    parse: severity,
    default: DEFAULT_FAIL_ON,
  },
  baseline: { flags: '--baseline <file>', description: 'do not report findings recorded in this baseline (default: defaults.baseline in the config)' },
  noBaseline: { flags: '--no-baseline', description: "ignore the config's default baseline" },
  maxDecodeDepth: {
    flags: '--max-decode-depth <n>',
    description: `layers of base64, hex and percent encoding to look through (default ${DEFAULT_DECODE_DEPTH}; 0 turns decoding off)`,
    parse: wholeNumber({ zero: true }),
    default: DEFAULT_DECODE_DEPTH,
  },
  threads: {
    flags: '--threads <n>',
    description: 'worker threads beside the main thread, which scans too (0: main thread alone; default: one per core but one, for large scans)',
    parse: wholeNumber({ zero: true }),
  },
  sarifCategory: {
    flags: '--sarif-category <category>',
    description: `SARIF automationDetails.id, to tell apart several analyses of one commit (default "${DEFAULT_SARIF_CATEGORY}/")`,
    default: DEFAULT_SARIF_CATEGORY,
  },
  verify: {
    flags: '--verify',
    description: "ask each finding's provider whether the secret is live, with its rule's verify: request (sends each secret to its rule's host only, over https; default: defaults.verify in the config, else off)",
  },
  noVerify: { flags: '--no-verify', description: "do not verify, whatever the config's defaults.verify says" },
  verifyTimeout: {
    flags: '--verify-timeout <duration>',
    description: `how long to wait for each provider's answer, in seconds or with a unit (500ms, 10s, 2m; default ${DEFAULT_VERIFY_TIMEOUT_MS / 1000}s, ${DEFAULT_VERIFY_TIMEOUT_MS} ms)`,
    parse: duration,
    default: DEFAULT_VERIFY_TIMEOUT_MS,
  },
  onlyVerified: { flags: '--only-verified', description: 'report only findings whose secret --verify found live (implies --verify); the exit code follows them' },
  noCache: { flags: '--no-cache', description: 'neither read nor write the cache of checked rules, configs and compiled code (as SECRETSIFT_NO_CACHE=1 does)' },
  debug: { flags: '--debug', description: 'log progress and stack traces to stderr (never secrets)' },
  allowIncomplete: {
    flags: '--allow-incomplete',
    description: 'when git objects cannot be read (a partial clone, a damaged repository), report them and go on with what could be read instead of exiting with 2',
  },
  trustRepoOwner: { flags: '--trust-repo-owner', description: 'read a repository owned by another user (git refuses by default: its config could run commands as you)' },
  noArchives: { flags: '--no-archives', description: 'do not look inside zip, jar, tar, tar.gz and gzip files' },
  maxArchiveDepth: {
    flags: '--max-archive-depth <n>',
    description: `layers of archives inside archives to open (default ${DEFAULT_MAX_ARCHIVE_DEPTH}; 0 turns archives off)`,
    parse: wholeNumber({ zero: true }),
    default: DEFAULT_MAX_ARCHIVE_DEPTH,
  },
  maxArchiveBytes: {
    flags: '--max-archive-bytes <size>',
    description: `stop reading an archive once it has inflated this much, nested archives included; a size as for --max-file-size (default ${DEFAULT_MAX_ARCHIVE_BYTES}, 256 MiB)`,
    parse: byteSize,
    default: DEFAULT_MAX_ARCHIVE_BYTES,
  },

  // history
  branch: { flags: '--branch <ref>', description: 'only commits reachable from this branch, tag or commit (default: all refs)' },
  range: { flags: '--range <A..B>', description: 'only commits in B that are not in A (a pull request: base..head); A...B, what `git diff A...B` reviews, means the same commits' },
  sinceCommit: { flags: '--since-commit <rev>', description: 'only commits after this one (on --branch, default HEAD)' },
  maxCommits: { flags: '--max-commits <n>', description: 'only the newest n commits, and only what they changed', parse: wholeNumber({ zero: false }) },

  // baseline
  history: { flags: '--history', description: 'scan every commit reachable from any ref (as `secretsift history` does) instead of the working tree' },
  baselineOutput: { flags: '-o, --output <file>', description: `baseline to write (default: ${BASELINE_DEFAULT})` },
  baselineFile: { flags: '-b, --baseline <file>', description: `baseline to update or check (default: ${BASELINE_DEFAULT})` },
  lockTimeout: {
    flags: '--lock-timeout <seconds>',
    description: `how long to wait while another run updates the baseline (default ${DEFAULT_LOCK_TIMEOUT_SECONDS})`,
    parse: wholeNumber({ zero: true, unit: 'seconds' }),
    default: DEFAULT_LOCK_TIMEOUT_SECONDS,
  },

  // rules list
  noKeyword: { flags: '--no-keyword', description: 'list only the rules without keywords: they run on every file, so keep them few' },
  json: { flags: '--json', description: 'print JSON (with where each rule runs: anchored at keyword hits, in windows around them, in their lines, or on the whole file)' },
} satisfies Record<string, OptionDef>;

export type OptionName = keyof typeof OPTIONS;

/** The flag an error names: the long one. */
export function longFlag(def: Pick<OptionDef, 'flags'>): string {
  return /--[\w-]+/.exec(def.flags)?.[0] ?? def.flags;
}

type Parsed<T> = Pick<OptionDef, 'flags'> & { readonly parse: (text: string, flag: string) => T };

/** An option's text parsed and checked (an error names the flag); undefined stays undefined, for "not given". */
export function parseOption<T>(def: Parsed<T>, text: string): T;
export function parseOption<T>(def: Parsed<T>, text: string | undefined): T | undefined;
export function parseOption<T>(def: Parsed<T>, text: string | undefined): T | undefined {
  return text === undefined ? undefined : def.parse(text, longFlag(def));
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Adds the named options to a command, in the order given. */
export function addOptions(command: Command, names: readonly OptionName[]): Command {
  for (const name of names) {
    const def: OptionDef = OPTIONS[name];
    const option = new commander.Option(def.flags, def.description);
    if (def.repeatable) option.argParser(collect).default([]);
    command.addOption(option);
  }
  return command;
}

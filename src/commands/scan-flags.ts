import type { Command } from 'commander';
import { addOptions, type OptionName } from './option-defs.js';

/*
 * The options of the scanning commands, apart from what resolves them (scan-options.ts): a command
 * can declare them without loading config, rule or detection code, which it needs only once it runs.
 * Each option is defined once, in option-defs.ts; these lists say which commands take it.
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
  /** False for --no-cache, applied before the command runs (src/cli/main.ts). */
  cache?: boolean;
  sarifCategory?: string;
  /** Report findings even when some git objects could not be read (exit 2 otherwise). */
  allowIncomplete?: boolean;
  /** Let git read repositories owned by another user (applied before any git process starts). */
  trustRepoOwner?: boolean;
  /** Lowest severity that makes the exit code 1; undefined for the config's default, else low. */
  failOn?: string;
  /** True for --verify, false for --no-verify, undefined for the config's default. */
  verify?: boolean;
  verifyTimeout?: string;
  onlyVerified?: boolean;
}

/** What a report looks like and which findings fail the run: commands that report findings take these. */
const REPORT_OPTIONS: ReadonlySet<OptionName> = new Set(['format', 'output', 'showSecrets', 'showSuppressed', 'noColor', 'failOn', 'baseline', 'noBaseline', 'sarifCategory', 'verify', 'noVerify', 'verifyTimeout', 'onlyVerified']);

/** Options every scanning command shares, in the order help lists them. */
export const SCAN_OPTIONS: readonly OptionName[] = [
  'format',
  'output',
  'config',
  'noConfig',
  'rules',
  'showSecrets',
  'showSuppressed',
  'noColor',
  'quiet',
  'maxFileSize',
  'noInlineAllow',
  'failOn',
  'baseline',
  'noBaseline',
  'maxDecodeDepth',
  'threads',
  'sarifCategory',
  'verify',
  'noVerify',
  'verifyTimeout',
  'onlyVerified',
  'debug',
  'noCache',
  'allowIncomplete',
  'trustRepoOwner',
];

/** Options of commands that read files from disk, where archives may lie. */
export const ARCHIVE_OPTIONS: readonly OptionName[] = ['noArchives', 'maxArchiveDepth', 'maxArchiveBytes'];

/**
 * What decides what a scan finds and how it runs, without the report: `baseline create`, `update`
 * and `check` scan exactly as `scan` does, and record every finding.
 */
export const SCAN_SETTING_OPTIONS: readonly OptionName[] = [...SCAN_OPTIONS.filter((name) => !REPORT_OPTIONS.has(name)), ...ARCHIVE_OPTIONS];

/** The options that choose the rules: the config and extra packs. */
export const RULESET_OPTIONS: readonly OptionName[] = ['config', 'noConfig', 'rules'];

export function addScanOptions(command: Command): Command {
  return addOptions(command, SCAN_OPTIONS);
}

export function addArchiveOptions(command: Command): Command {
  return addOptions(command, ARCHIVE_OPTIONS);
}

import { realpathSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { isInside, OutputError, resolveOutput, type OutputTarget } from '../util/output-target.js';
import { listFiles } from '../sources/worktree.js';

/** What a run reads, so that its report is never written over any of it. */
export interface RunInputs {
  /** Scanned directories and files (for `history` and `staged`, the repository): symlinks in them are never followed. */
  readonly trees: readonly string[];
  /** Other files the run reads: config, rule packs, baseline. */
  readonly files: readonly (string | undefined)[];
  /** The targets `scan` lists files under: the report may not replace a file listed there. */
  readonly listed?: readonly string[];
}

/** Where the report goes: standard output, or a destination checked before any scanning. */
export type ReportDestination = { readonly kind: 'stdout' } | OutputTarget;

function statOrUndefined(file: string): Stats | undefined {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}

function sameFile(a: Stats, b: Stats | undefined): boolean {
  return b !== undefined && a.dev === b.dev && a.ino === b.ino;
}

/**
 * Checks `-o` before the scan starts: a destination that cannot be written (a missing directory, a
 * directory, a symlink planted in the scanned tree) fails at once, naming it, and so does one that
 * would replace a file the run reads (`scan leak.txt -o leak.txt` would destroy the evidence). A
 * file inside a scanned directory is refused only if the scan lists it: a previous report that
 * .gitignore hides may be replaced.
 */
export function reportDestination(output: string | undefined, inputs: RunInputs): ReportDestination {
  if (output === undefined) return { kind: 'stdout' };
  const target = resolveOutput(output, { scanned: inputs.trees });
  if (target.kind !== 'file' || !target.exists) return target;
  const existing = statSync(target.file);
  const refuse = (what: string): never => {
    throw new OutputError(`refusing to write the report to ${output}: it is ${what}, which this run reads; write it elsewhere`);
  };
  for (const file of inputs.files) if (file !== undefined && sameFile(existing, statOrUndefined(file))) refuse('the config, a rule pack or the baseline');
  for (const scanned of inputs.listed ?? []) {
    const stat = statOrUndefined(scanned);
    if (!stat) continue;
    if (stat.isFile() && sameFile(existing, stat)) refuse('a file being scanned');
    if (stat.isDirectory() && listedUnder(realpathSync(scanned), target.file)) refuse('a file being scanned');
  }
  return target;
}

/**
 * Whether scanning `dir` (a real path) reads `file` (a real path, as resolveOutput gives): lists
 * it as the scan will, git's ignore rules and all. Listing follows no symlink, so a listed path is
 * real too.
 */
function listedUnder(dir: string, file: string): boolean {
  return isInside(dir, file) && listFiles([dir]).files.some((ref) => ref.absPath === file);
}

/** The files a scanning command reads besides what it scans: its config, rule packs and baseline. */
export function contextFiles(context: { config: { file: string | undefined; packs: readonly string[] }; baselineFile: string | undefined }, extraPacks: readonly string[]): (string | undefined)[] {
  return [context.config.file, context.baselineFile, ...context.config.packs, ...extraPacks.map((pack) => path.resolve(pack))];
}

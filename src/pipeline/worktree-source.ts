import path from 'node:path';
import { compareFindings } from '../model/finding.js';
import type { FileRef } from '../model/content.js';
import type { ContentItem, Draft, ItemRef } from '../model/occurrence.js';
import type { FileOutcome } from '../model/outcome.js';
import { listFiles } from '../sources/worktree.js';
import { toPosix } from '../util/paths.js';
import { ownsPath, ownsSharedNames, type Shard } from '../util/shard.js';
import { innerPathStart, pathName, PathNames, withPathNames, type PathName } from './path-names.js';
import type { ScanContext, Source } from './source.js';

export const STDIN_TARGET = '-';
export const STDIN_PATH = '<stdin>';

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

/**
 * Files and directories on disk (git's listing inside a work tree, a walk outside), and standard
 * input for "-". The names the tree chose are scanned too: every directory, every file's own name,
 * and the names of files inside archives.
 */
export class WorktreeSource implements Source {
  readonly order = compareFindings;
  private readonly pathNames = new PathNames();
  private readonly names: PathName[] = [];
  private readonly listed = new Set<string>();

  /** `skipsFile`: files not to read (the allowlist's paths, the baseline file); their names are still scanned. */
  constructor(
    private readonly targets: readonly string[],
    private readonly skipsFile: (absPath: string) => boolean,
    /** Scan only the files whose path (below the target named) falls in this part; names are the first part's. */
    private readonly shard?: Shard,
  ) {}

  private owned(file: Pick<FileRef, 'path' | 'absPath' | 'explicit'>, roots: readonly string[]): boolean {
    return ownsPath(this.shard, file.path.slice(treePartStart(file, roots)));
  }

  async *items(): AsyncIterable<ContentItem> {
    const fileTargets = this.targets.filter((target) => target !== STDIN_TARGET);
    const sharedNames = ownsSharedNames(this.shard);
    if (fileTargets.length > 0) {
      const roots = fileTargets.map((target) => path.resolve(target));
      const listing = listFiles(fileTargets);
      const ownedPath = (shown: string) => this.owned({ path: shown, absPath: path.resolve(shown) }, roots);
      for (const skip of listing.skipped) if (ownedPath(skip.path)) yield { kind: 'outcome', outcome: { kind: 'skipped', ...skip } };
      for (const error of listing.errors) if (ownedPath(error.path)) yield { kind: 'outcome', outcome: { kind: 'error', ...error } };
      // What could not be listed or read is named in warnings: its name is scanned like any other.
      const unlisted = [...listing.errors.filter((error) => error.object === undefined), ...listing.skipped];
      if (sharedNames) for (const { path: shown } of unlisted) this.names.push(this.pathNames.file(shown, false, treePartStart({ path: shown, absPath: path.resolve(shown) }, roots)));
      const files: FileRef[] = [];
      for (const file of listing.files) {
        const skip = this.skipsFile(file.absPath);
        if (sharedNames) this.names.push(this.pathNames.file(file.path, skip, treePartStart(file, roots)));
        this.listed.add(file.path);
        if (!this.owned(file, roots)) continue;
        if (skip) yield { kind: 'outcome', outcome: { kind: 'skipped', path: file.path, reason: 'allowlisted' } };
        else files.push(file);
      }
      if (sharedNames) this.names.push(...this.pathNames.directories((dir) => this.listed.has(dir)));
      yield { kind: 'files', files };
    }
    if (fileTargets.length !== this.targets.length && sharedNames) yield { kind: 'stream', path: STDIN_PATH, stream: process.stdin };
  }

  /** Names of files inside archives are the archive's content: scanned too. */
  observe(_item: ItemRef, outcome: FileOutcome): void {
    const from = innerPathStart(outcome.path, (name) => this.listed.has(name));
    if (from !== undefined) this.names.push(pathName(outcome.path, false, from));
  }

  finish(draft: Draft, scan: ScanContext): Draft {
    return withPathNames(draft, scan, this.names);
  }
}

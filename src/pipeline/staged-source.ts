import path from 'node:path';
import { compareFindings, type Finding } from '../model/finding.js';
import type { ContentItem, Draft, Stage } from '../model/occurrence.js';
import type { GitRepo } from '../sources/git-history.js';
import { GitObjectReader } from '../sources/git-objects.js';
import type { StagedFile } from '../sources/staged.js';
import { PathNames, withPathNames, type PathName } from './path-names.js';
import type { ScanContext, Source } from './source.js';

/** A finding counts when any of its lines is one the staged change adds or modifies. */
function onAddedLine(finding: Finding, added: ReadonlySet<number>): boolean {
  for (let line = finding.startLine; line <= finding.endLine; line++) if (added.has(line)) return true;
  return false;
}

/**
 * The staged content of each file (the index's blob, not the working tree), and every staged
 * path's name. Its `scope` stage keeps the findings on lines the change touches: an old line in an
 * edited file does not block a commit.
 */
export class StagedSource implements Source {
  readonly order = compareFindings;
  private readonly names: PathName[] = [];
  private readonly reader: GitObjectReader;
  private readonly byPath: ReadonlyMap<string, StagedFile>;
  /** Files with added lines, not allowlisted: the ones read. */
  private readonly wanted: readonly StagedFile[];
  private readonly allowlisted: string[] = [];

  /** `skipsFile`: paths not to read (the allowlist's paths, the baseline file); their names are still scanned. */
  constructor(
    repo: GitRepo,
    files: readonly StagedFile[],
    skipsFile: (absPath: string) => boolean,
  ) {
    this.reader = new GitObjectReader(repo.workTree ?? repo.dir);
    this.byPath = new Map(files.map((file) => [file.path, file]));
    const root = repo.workTree ?? repo.dir;
    const pathNames = new PathNames();
    this.wanted = files.filter((file) => {
      const skip = skipsFile(path.join(root, file.path));
      // Every staged path, even one with no added line: a commit that only names a file records the name.
      this.names.push(pathNames.file(file.path, skip));
      if (skip) this.allowlisted.push(file.path);
      return !skip && file.addedLines.size > 0;
    });
    this.names.push(...pathNames.directories());
  }

  async *items(scan: ScanContext): AsyncIterable<ContentItem> {
    for (const skipped of this.allowlisted) yield { kind: 'outcome', outcome: { kind: 'skipped', path: skipped, reason: 'allowlisted' } };
    // Git starts (on the first read, if any) and reads the blobs while the rules compile. Reads
    // answer failures as results, never by rejecting.
    const reads = Promise.all(this.wanted.map((file) => this.reader.read(file.oid, scan.settings.maxFileSize)));
    if (this.wanted.length > 0) scan.compiled();
    const results = await reads;
    for (const [i, result] of results.entries()) {
      const file = this.wanted[i] as StagedFile;
      if (result.kind === 'content') yield { kind: 'blob', oid: file.oid, path: file.path, data: result.data };
      else if (result.kind === 'too-large') yield { kind: 'outcome', outcome: { kind: 'skipped', path: file.path, reason: 'too-large' } };
      else yield { kind: 'outcome', outcome: { kind: 'error', path: `${file.path} (${file.oid})`, message: result.kind === 'missing' ? 'staged object missing' : result.message, object: file.oid } };
    }
  }

  finish(draft: Draft, scan: ScanContext): Draft {
    return withPathNames(draft, scan, this.names);
  }

  async close(): Promise<void> {
    await this.reader.close();
  }

  /** Only what the change adds: content findings on its added lines, and every name. */
  readonly scope: Stage = {
    name: 'staged lines',
    run: (draft) => ({
      ...draft,
      occurrences: draft.occurrences.filter(({ finding, from }) => {
        if (from.kind !== 'blob') return true;
        const file = this.byPath.get(finding.path);
        return file !== undefined && onAddedLine(finding, file.addedLines);
      }),
    }),
  };
}

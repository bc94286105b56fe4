import type { Finding } from '../model/finding.js';
import type { Draft, Occurrence } from '../model/occurrence.js';
import { scanNames, type NameItem } from './scan-names.js';
import type { ScanContext } from './source.js';

/**
 * A path to scan as text (`text` is the path), and whether the allowlist passes over what is at it.
 * `from` is where this name's own part begins: the parts before it are scanned as names of their own.
 */
export interface PathName extends NameItem {
  readonly allowlisted: boolean;
}

export function pathName(path: string, allowlisted: boolean, from = 0): PathName {
  return { text: path, path, allowlisted, from };
}

/**
 * Splits paths into the names a scanned tree chose, each to be scanned once: every directory, then
 * every file's own name. A token in a directory's name is one finding, not one per file below it.
 * Each path is reported whole (`dir/cfg-<token>.txt`), so the finding says where the name is.
 */
export class PathNames {
  /** Directory → whether the allowlist passes over every file below it. */
  private readonly dirs = new Map<string, boolean>();

  /**
   * The file's own name. `rootEnd` is where the part of `path` the scanned tree chose begins: the
   * path of a directory the user named is theirs, not the tree's, and is not scanned.
   */
  file(path: string, allowlisted: boolean, rootEnd = 0): PathName {
    const nameStart = Math.max(rootEnd, path.lastIndexOf('/') + 1);
    // Deepest first: an allowlisted file stops at the first directory already seen (its parents
    // were recorded with it); any other stops at the first already known to hold such a file.
    for (let end = nameStart - 1; end > rootEnd; end = path.lastIndexOf('/', end - 1)) {
      const dir = path.slice(0, end);
      const known = this.dirs.get(dir);
      if (known !== undefined && (allowlisted || !known)) break;
      this.dirs.set(dir, allowlisted && (known ?? true));
    }
    return pathName(path, allowlisted, nameStart);
  }

  /**
   * Every directory seen, each scanned from just after its parent's path; but not one `isFile`
   * knows as a file's path too (a symlink listed as a file where the index has a directory): that
   * name is scanned once, as the file's.
   */
  *directories(isFile: (path: string) => boolean = () => false): Generator<PathName> {
    for (const [dir, allowlisted] of this.dirs) if (!isFile(dir)) yield pathName(dir, allowlisted, dir.lastIndexOf('/') + 1);
  }
}

/**
 * For a file inside an archive (`archive.zip!inner/file.env`), where its own part of the path
 * begins: just after the archive's path, which `isListed` knows. Undefined for a listed path.
 */
export function innerPathStart(outcomePath: string, isListed: (path: string) => boolean): number | undefined {
  if (isListed(outcomePath)) return undefined;
  for (let at = outcomePath.indexOf('!'); at !== -1; at = outcomePath.indexOf('!', at + 1)) {
    if (isListed(outcomePath.slice(0, at))) return at + 1;
  }
  return undefined;
}

/** Findings in names, as occurrences the suppression stage judges (an allowlisted path's are suppressed). */
export function nameOccurrences(found: readonly { finding: Finding; allowlisted: boolean }[]): Occurrence[] {
  return found.map(({ finding, allowlisted }) => ({ finding, from: { kind: 'name' }, ...(allowlisted && { allowlisted: true }) }));
}

/** The draft with the secrets found in `paths` added: what a source that names files adds in `finish`. */
export function withPathNames(draft: Draft, scan: ScanContext, paths: readonly PathName[]): Draft {
  if (paths.length === 0) return draft;
  const found = scanNames(scan.compiled(), 'path', paths, scan.settings).map(({ item, finding }) => ({ finding, allowlisted: item.allowlisted }));
  return { ...draft, occurrences: [...draft.occurrences, ...nameOccurrences(found)] };
}

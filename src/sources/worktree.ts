import { lstatSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { FileRef, SkipReason } from '../model/content.js';
import { toPosix } from '../util/paths.js';
import { gitComplaint, runGit, workTreeRoot } from './git-process.js';
import { walkedFile, walkFiles, type UnreadDirectory, type WalkedFile } from './walk.js';

/** The path reports show: relative to the working directory when inside it, else absolute. */
export function displayPath(absPath: string, cwd = process.cwd()): string {
  const relative = path.relative(cwd, absPath);
  return toPosix(relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : absPath);
}

export class TargetError extends Error {}

/** A listed path that was refused before any read, and why. */
export interface ListingSkip {
  readonly path: string;
  readonly reason: SkipReason;
  readonly message: string;
}

/** What could not be listed: a directory that could not be read, or a git object the index needed. */
export interface ListingError {
  readonly path: string;
  readonly message: string;
  /** The git object that could not be read: what it held was not listed. */
  readonly object?: string;
}

export interface Listing {
  readonly files: FileRef[];
  readonly skipped: ListingSkip[];
  readonly errors: ListingError[];
}

/**
 * Lists the files under each target. Inside a git work tree git itself says what is tracked or
 * untracked-but-not-ignored (.gitignore, .git/info/exclude, global excludes, nested ignores all
 * apply); outside one, every file is listed. `.git/` is never entered, symlinks never followed,
 * not even as a directory on the way to a file the index names. What could not be listed is said.
 */
export function listFiles(targets: readonly string[], cwd = process.cwd()): Listing {
  const seen = new Set<string>();
  const files: FileRef[] = [];
  const skipped: ListingSkip[] = [];
  const errors: ListingError[] = [];
  const add = (absPath: string, explicit = false, rawPath?: Buffer): void => {
    if (seen.has(absPath)) return;
    seen.add(absPath);
    files.push({ absPath, path: displayPath(absPath, cwd), ...(explicit && { explicit }), ...(rawPath && { rawPath }) });
  };
  for (const target of targets) {
    const absTarget = path.resolve(cwd, target);
    let isDirectory: boolean;
    try {
      // An explicitly named path is followed even if it is a symlink: the user chose it.
      isDirectory = statSync(absTarget).isDirectory();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new TargetError(`cannot scan ${target}: ${code === 'ENOENT' ? 'no such file or directory' : (code ?? String(error))}`);
    }
    if (!isDirectory) {
      add(absTarget, true);
      continue;
    }
    const where = (entry: WalkedFile): string => displayPath(path.join(absTarget, entry.relative), cwd);
    const top = workTreeRoot(absTarget);
    const listed = top ? gitListing(absTarget, top) : { ...walkFiles(absTarget), missing: [] };
    for (const { dir, message } of listed.unread) errors.push({ path: where(dir), message });
    for (const object of listed.missing) errors.push({ path: object, message: 'tree missing from the repository: files of the sparse directory it stands for were not listed', object });
    const parents = new ParentCheck(absTarget);
    for (const entry of listed.files) {
      if (parents.throughSymlink(entry)) skipped.push({ path: where(entry), reason: 'symlink', message: 'not read: a directory on its path is a symlink' });
      else add(path.join(absTarget, entry.relative), false, entry.raw && Buffer.concat([Buffer.from(`${absTarget}/`), entry.raw]));
    }
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, skipped, errors };
}

/**
 * Says whether a listed file lies below something other than a directory. Git lists what its index
 * holds, and a directory committed as `dir/` may since have been replaced by a symlink to anywhere:
 * opening `dir/file` would follow it (O_NOFOLLOW guards only the last part of a path).
 */
class ParentCheck {
  private readonly seen = new Map<string, boolean>();

  constructor(private readonly root: string) {}

  throughSymlink(entry: WalkedFile): boolean {
    const bytes = entry.raw ?? Buffer.from(entry.relative);
    for (let slash = bytes.indexOf(0x2f); slash !== -1; slash = bytes.indexOf(0x2f, slash + 1)) {
      const parent = bytes.subarray(0, slash);
      const key = parent.toString('latin1');
      let refused = this.seen.get(key);
      if (refused === undefined) {
        try {
          refused = !lstatSync(Buffer.concat([Buffer.from(`${this.root}/`), parent])).isDirectory();
        } catch {
          // Gone: reading the file will say it vanished.
          refused = false;
        }
        this.seen.set(key, refused);
      }
      if (refused) return true;
    }
    return false;
  }
}

/** Git's complaints that ls-files prints and still exits 0 after. */
// Git cuts a message at 4 KB: a long path may lose its end and the reason.
const UNREAD_DIRECTORY = /^warning: could not open directory '(.*?)(?:': (.*))?$/;
// A tree a sparse directory stands for: the files below it go unlisted.
const UNREAD_TREE = /^error: Could not read ([0-9a-f]{40}|[0-9a-f]{64})$/;
// A listed entry whose blob is missing, found while git checks its cache of trees: the file is still listed and read from disk.
const ENTRY_WITHOUT_BLOB = /^error: invalid object \d+ [0-9a-f]+ for '/;

/**
 * What git lists in `dir`. `--sparse` keeps a sparse index as it is, so its trees are not read
 * for nothing; when they must be (an untracked file in a sparse directory), one git cannot read
 * makes ls-files warn and carry on: those are returned, not passed over.
 */
function gitListing(dir: string, top: string): { files: WalkedFile[]; unread: UnreadDirectory[]; missing: string[] } {
  const result = runGit(dir, ['ls-files', '-z', '--sparse', '--cached', '--others', '--exclude-standard', '--deduplicate', '--', '.']);
  if (result.status !== 0) throw new TargetError(`git ls-files failed in ${dir}: ${gitComplaint(result.stderr)}`);
  // Split as bytes: a name that is not UTF-8 must keep its bytes to be opened.
  const files: WalkedFile[] = [];
  for (let start = 0, end = result.stdout.indexOf(0); end !== -1; start = end + 1, end = result.stdout.indexOf(0, start)) {
    const entry = walkedFile(result.stdout.subarray(start, end));
    // A sparse directory entry ("dir/") stands for files that are not checked out.
    if (entry.relative.length > 0 && !entry.relative.endsWith('/') && !isInsideGitDir(entry.relative)) files.push(entry);
  }
  const unread: UnreadDirectory[] = [];
  const missing = new Set<string>();
  for (const line of result.stderr.split('\n')) {
    const directory = UNREAD_DIRECTORY.exec(line);
    const tree = UNREAD_TREE.exec(line);
    // Git names the directory from the top of the work tree, which it gives with symlinks resolved.
    if (directory) unread.push({ dir: { relative: path.relative(realpathSync(dir), path.join(top, directory[1] ?? '')) }, message: `directory not read${directory[2] ? `: ${directory[2]}` : ''}` });
    else if (tree?.[1]) missing.add(tree[1]);
    else if ((line.startsWith('error:') && !ENTRY_WITHOUT_BLOB.test(line)) || line.startsWith('fatal:')) throw new TargetError(`git ls-files failed in ${dir}: ${line}`);
  }
  return { files, unread, missing: [...missing] };
  // Submodules appear as directories here; reading refuses them as not-a-file.
}

function isInsideGitDir(relative: string): boolean {
  return relative.split('/').includes('.git');
}

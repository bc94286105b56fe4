import { readdirSync, type Dirent } from 'node:fs';
import { describeError } from './read-file.js';

/** A file found below a directory: its relative path, and its bytes when the name is not UTF-8. */
export interface WalkedFile {
  readonly relative: string;
  /** Set only when `relative` cannot name the file: a string holds no invalid UTF-8. */
  readonly raw?: Buffer;
}

const SLASH = Buffer.from('/');
const DOT_GIT = Buffer.from('.git');

/** The entry as a string when that names it exactly, else with its bytes kept. */
export function walkedFile(raw: Buffer): WalkedFile {
  const relative = raw.toString('utf8');
  return Buffer.byteLength(relative) === raw.length && Buffer.from(relative).equals(raw) ? { relative } : { relative, raw };
}

/** A directory below the walked one that could not be read, and why. */
export interface UnreadDirectory {
  readonly dir: WalkedFile;
  readonly message: string;
}

/**
 * Lists what is below `dir` but directories, reading names as bytes: glob libraries drop a name
 * with a newline and cannot open one that is not UTF-8, and a hostile tree may hold both. Symlinks,
 * FIFOs and devices are listed too, as git lists symlinks: the reader refuses them without opening
 * them, and the skip is counted. `.git` is never entered, symlinks never followed (so loops cannot
 * trap the walk), and a stack, not recursion,
 * holds the way down, so deep nesting cannot overflow it. Directories that cannot be read (no
 * permission, a path longer than the system opens) are returned, so none is passed over unsaid.
 */
export function walkFiles(dir: string): { files: WalkedFile[]; unread: UnreadDirectory[] } {
  const root = Buffer.from(dir);
  const files: WalkedFile[] = [];
  const unread: UnreadDirectory[] = [];
  const pending: Buffer[] = [Buffer.alloc(0)];
  for (let relative = pending.pop(); relative !== undefined; relative = pending.pop()) {
    let entries: Dirent<Buffer>[];
    try {
      entries = readdirSync(relative.length ? Buffer.concat([root, SLASH, relative]) : root, { withFileTypes: true, encoding: 'buffer' });
    } catch (error) {
      // One removed while the walk ran held nothing left to scan.
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') unread.push({ dir: walkedFile(relative), message: `directory not read: ${describeError(error)}` });
      continue;
    }
    for (const entry of entries) {
      if (entry.name.equals(DOT_GIT)) continue;
      const child = relative.length ? Buffer.concat([relative, SLASH, entry.name]) : entry.name;
      if (entry.isDirectory()) pending.push(child);
      else files.push(walkedFile(child));
    }
  }
  return { files, unread };
}

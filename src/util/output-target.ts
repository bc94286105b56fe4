import { accessSync, constants, fstatSync, lstatSync, readlinkSync, realpathSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';

/** A destination secretsift will not write to. The message names it as the user gave it. */
export class OutputError extends Error {
  override name = 'OutputError';
}

/** Where a report, baseline or hook goes, once checked. */
export type OutputTarget =
  /** A regular file, or none yet: a temp file is written beside it and renamed over it. `file` has no symlink in it. */
  | { readonly kind: 'file'; readonly shown: string; readonly file: string; readonly exists: boolean }
  /** Our own standard output or error, named as /dev/stdout, /dev/fd/1 or the file it is redirected to. */
  | { readonly kind: 'stdio'; readonly shown: string; readonly fd: 1 | 2 }
  /** A character device or FIFO outside the scanned paths (/dev/null, a named pipe): written in place. */
  | { readonly kind: 'device'; readonly shown: string; readonly file: string; readonly fifo: boolean };

export interface OutputGuard {
  /**
   * The directories and files this run scans. A symlink in them was put there by whoever wrote
   * the repository and may point anywhere (a shell startup file): it is never followed.
   */
  readonly scanned?: readonly string[];
}

// Linux's limit on symlinks followed while resolving one path.
const MAX_LINKS = 40;

function realRoots(scanned: readonly string[]): string[] {
  return scanned.map((target) => {
    try {
      return realpathSync(target);
    } catch {
      return path.resolve(target);
    }
  });
}

export function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (!relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative));
}

function sameFile(a: Stats, fd: number): boolean {
  try {
    const b = fstatSync(fd);
    return a.dev === b.dev && a.ino === b.ino;
  } catch {
    return false;
  }
}

/**
 * Resolves `file` the way the kernel would, one component at a time, so every symlink on the way
 * is seen: one inside the scanned paths is refused, one outside them (the user's own) is followed.
 * Then says what kind of destination it is, refusing what cannot be written (a missing directory,
 * a directory, an unwritable directory, a socket). Runs before scanning, so a bad destination costs
 * no scan, and again just before writing.
 */
export function resolveOutput(file: string, guard: OutputGuard = {}): OutputTarget {
  const shown = file;
  const fail = (detail: string): never => {
    throw new OutputError(`cannot write ${shown}: ${detail}`);
  };
  const roots = realRoots(guard.scanned ?? []);
  const absolute = path.resolve(file);
  let real = path.parse(absolute).root;
  const pending = absolute.slice(real.length).split(path.sep).filter(Boolean).reverse();
  let links = 0;
  while (pending.length > 0) {
    const name = pending.pop() as string;
    const last = pending.length === 0;
    if (name === '.') continue;
    if (name === '..') {
      real = path.dirname(real);
      continue;
    }
    const candidate = path.join(real, name);
    let stat: Stats;
    try {
      stat = lstatSync(candidate);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' && last) return newFile(shown, real, candidate, fail);
      if (code === 'ENOENT') return fail('its directory does not exist');
      if (code === 'ENOTDIR') return fail('a parent of it is not a directory');
      if (code === 'EACCES' || code === 'EPERM') return fail('permission denied');
      return fail(code ?? String(error));
    }
    if (stat.isSymbolicLink()) {
      if (roots.some((root) => isInside(root, candidate))) {
        const what = candidate === absolute ? 'it' : candidate;
        return fail(`${what} is a symbolic link inside the scanned paths, and is never followed (it could point anywhere, such as a shell startup file); write outside the scanned paths`);
      }
      if (++links > MAX_LINKS) return fail('too many levels of symbolic links');
      const target = readlinkSync(candidate);
      // /proc/<pid>/fd/1 of a pipe reads "pipe:[1234]": no path to follow, but open() reaches it.
      if (!target.includes(path.sep) && /^[a-z_]+:/.test(target)) {
        if (!last) return fail('a parent of it is not a directory');
        return special(shown, candidate, statOf(candidate, fail), roots, fail);
      }
      if (path.isAbsolute(target)) real = path.parse(target).root;
      pending.push(...target.split(path.sep).filter(Boolean).reverse());
      continue;
    }
    if (!last) {
      if (!stat.isDirectory()) return fail('a parent of it is not a directory');
      real = candidate;
      continue;
    }
    if (stat.isDirectory()) return fail('is a directory');
    if (stat.isFile()) {
      if (sameFile(stat, 1)) return { kind: 'stdio', shown, fd: 1 };
      if (sameFile(stat, 2)) return { kind: 'stdio', shown, fd: 2 };
      checkWritableDir(real, fail);
      return { kind: 'file', shown, file: candidate, exists: true };
    }
    return special(shown, candidate, stat, roots, fail);
  }
  // Only "/" or the like is left.
  return fail('is a directory');
}

function statOf(file: string, fail: (detail: string) => never): Stats {
  try {
    return statSync(file);
  } catch (error) {
    return fail((error as NodeJS.ErrnoException).code ?? String(error));
  }
}

function checkWritableDir(dir: string, fail: (detail: string) => never): void {
  try {
    accessSync(dir, constants.W_OK | constants.X_OK);
  } catch {
    fail('its directory is not writable');
  }
}

function newFile(shown: string, dir: string, file: string, fail: (detail: string) => never): OutputTarget {
  checkWritableDir(dir, fail);
  return { kind: 'file', shown, file, exists: false };
}

/** Not a regular file: our own stdout or stderr, a device or FIFO the user named, or refused. */
function special(shown: string, file: string, stat: Stats, roots: readonly string[], fail: (detail: string) => never): OutputTarget {
  if (sameFile(stat, 1)) return { kind: 'stdio', shown, fd: 1 };
  if (sameFile(stat, 2)) return { kind: 'stdio', shown, fd: 2 };
  if (stat.isDirectory()) return fail('is a directory');
  // Reached through /proc/<pid>/fd: a descriptor, not a name a temp file could be renamed over.
  if (stat.isFile()) return fail('names an open file descriptor; name the file itself');
  if (!stat.isCharacterDevice() && !stat.isFIFO()) return fail('is not a regular file, a character device or a FIFO');
  // Nothing in a repository is a device or FIFO by right (git cannot record one): one there was planted.
  if (roots.some((root) => isInside(root, file))) return fail(`${file} is a ${stat.isFIFO() ? 'FIFO' : 'device'} inside the scanned paths`);
  return { kind: 'device', shown, file, fifo: stat.isFIFO() };
}

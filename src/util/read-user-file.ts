import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { InputFileError } from './yaml-file.js';

/** A kind of file read because a config or the command line names it, and how much of it may be read. */
export interface UserFileKind {
  /** How messages call it: "config", "rule pack", "baseline". */
  readonly name: string;
  readonly maxBytes: number;
  /** What to say when the file does not exist, if more can be said than "it does not exist". */
  readonly missing?: string;
}

const MiB = 1024 * 1024;

// Far above any hand-written file (the built-in packs together are under 200 KB), far below what would strain memory.
export const CONFIG_FILE: UserFileKind = { name: 'config', maxBytes: 16 * MiB };
export const RULE_PACK_FILE: UserFileKind = { name: 'rule pack', maxBytes: 16 * MiB };
// About 150 bytes an entry: room for some 800,000 entries.
export const BASELINE_FILE: UserFileKind = { name: 'baseline', maxBytes: 128 * MiB, missing: 'no such baseline (make one with: secretsift baseline create -o FILE)' };

// O_NONBLOCK: opening a FIFO returns at once (and is then refused) instead of waiting for a writer.
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK;

function reason(code: string | undefined): string {
  switch (code) {
    case 'ENOENT':
      return 'it does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory, not a file';
    case 'ENOTDIR':
      return 'a parent of it is not a directory';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    default:
      return code ?? 'unreadable';
  }
}

function describeSize(bytes: number): string {
  return bytes % MiB === 0 ? `${bytes / MiB} MiB` : `${bytes} bytes`;
}

/**
 * Reads a file a config or the command line names (a config, a rule pack, a baseline): only a
 * regular file (symlinks are followed to one), and at most `kind.maxBytes`, so naming /dev/zero,
 * /dev/urandom, a FIFO or a directory is an error at once, not a read that never ends. The checks
 * run on the opened descriptor, so a file swapped after a check is still refused.
 */
export function readUserBytes(file: string, kind: UserFileKind): Buffer {
  const fail = (detail: string): never => {
    throw new InputFileError(file, undefined, detail);
  };
  let fd: number;
  try {
    fd = openSync(file, OPEN_FLAGS);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return fail(code === 'ENOENT' && kind.missing ? kind.missing : `cannot read ${kind.name}: ${reason(code)}`);
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) return fail(`cannot read ${kind.name}: is a directory, not a file`);
    if (!stat.isFile()) return fail(`cannot read ${kind.name}: not a regular file (a device, FIFO or socket)`);
    const tooLarge = `cannot read ${kind.name}: larger than ${describeSize(kind.maxBytes)}, the limit for a ${kind.name}`;
    if (stat.size > kind.maxBytes) return fail(tooLarge);
    // Read to the end, not to the stated size: files in /proc state 0. One byte over the limit proves it too large.
    let data = Buffer.allocUnsafe(Math.min(kind.maxBytes + 1, Math.max(stat.size + 1, 64 * 1024)));
    let length = 0;
    for (;;) {
      if (length === data.length) {
        if (data.length > kind.maxBytes) return fail(tooLarge);
        const bigger = Buffer.allocUnsafe(Math.min(kind.maxBytes + 1, data.length * 2));
        data.copy(bigger, 0, 0, length);
        data = bigger;
      }
      const read = readSync(fd, data, length, data.length - length, null);
      if (read === 0) break;
      length += read;
    }
    if (length > kind.maxBytes) return fail(tooLarge);
    return data.subarray(0, length);
  } catch (error) {
    if (error instanceof InputFileError) throw error;
    return fail(`cannot read ${kind.name}: ${reason((error as NodeJS.ErrnoException).code)}`);
  } finally {
    closeSync(fd);
  }
}

/** readUserBytes, as UTF-8 text. */
export function readUserFile(file: string, kind: UserFileKind): string {
  return readUserBytes(file, kind).toString('utf8');
}

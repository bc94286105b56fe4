import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import type { ReadResult } from '../model/content.js';

// O_NONBLOCK: opening a FIFO must not hang the scan; O_NOFOLLOW: a symlink is never followed.
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW;

/** Opens a file for reading without following symlinks (unless asked) or blocking on a FIFO, or says why not. */
function openForRead(absPath: string | Buffer, followSymlink: boolean): number | Exclude<ReadResult, { kind: 'content' }> {
  try {
    return openSync(absPath, followSymlink ? OPEN_FLAGS & ~constants.O_NOFOLLOW : OPEN_FLAGS);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return { kind: 'skipped', reason: 'symlink' };
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'skipped', reason: 'vanished' };
    if (code === 'ENXIO' || code === 'EISDIR') return { kind: 'skipped', reason: 'not-a-file' };
    return { kind: 'error', message: describeError(error) };
  }
}

/**
 * Reads a file's raw bytes, binary or not. The type and size checks run on the opened descriptor,
 * so a file swapped for a FIFO or a symlink between listing and reading is still refused. A file
 * larger than `wholeUpTo` (but within `maxBytes`) is not read: it is `large`, for reading in slices.
 */
export function readFileBytes(absPath: string | Buffer, maxBytes: number, followSymlink = false, wholeUpTo = Number.POSITIVE_INFINITY): ReadResult {
  const fd = openForRead(absPath, followSymlink);
  if (typeof fd !== 'number') return fd;
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { kind: 'skipped', reason: 'not-a-file' };
    if (stat.size > maxBytes) return { kind: 'skipped', reason: 'too-large' };
    if (stat.size > wholeUpTo) return { kind: 'large', size: stat.size };
    const data = readAll(fd, stat.size, maxBytes);
    return data === undefined ? { kind: 'skipped', reason: 'too-large' } : { kind: 'content', data };
  } catch (error) {
    return { kind: 'error', message: describeError(error) };
  } finally {
    closeSync(fd);
  }
}

/** Reads `length` bytes from `offset` (fewer at the end of the file), with the same checks as readFileBytes. */
export function readFileSlice(absPath: string | Buffer, offset: number, length: number, followSymlink = false): ReadResult {
  const fd = openForRead(absPath, followSymlink);
  if (typeof fd !== 'number') return fd;
  try {
    if (!fstatSync(fd).isFile()) return { kind: 'skipped', reason: 'not-a-file' };
    const buf = Buffer.allocUnsafe(length);
    let filled = 0;
    for (let read = -1; filled < length && read !== 0; filled += read) read = readSync(fd, buf, filled, length - filled, offset + filled);
    return { kind: 'content', data: buf.subarray(0, filled) };
  } catch (error) {
    return { kind: 'error', message: describeError(error) };
  } finally {
    closeSync(fd);
  }
}

/** Reads to end of file; a file that grew past the limit while being read counts as too large. */
function readAll(fd: number, expected: number, maxBytes: number): Buffer | undefined {
  let buf = Buffer.allocUnsafe(Math.max(expected, 1) + 1);
  let length = 0;
  for (;;) {
    if (length === buf.length) {
      if (buf.length > maxBytes) return undefined;
      const bigger = Buffer.allocUnsafe(buf.length * 2);
      buf.copy(bigger, 0, 0, length);
      buf = bigger;
    }
    const read = readSync(fd, buf, length, buf.length - length, null);
    if (read === 0) break;
    length += read;
  }
  return length > maxBytes ? undefined : buf.subarray(0, length);
}

export function describeError(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EIO') return 'I/O error';
  if (code === 'ENAMETOOLONG') return 'path longer than the system can open';
  return code ?? message;
}

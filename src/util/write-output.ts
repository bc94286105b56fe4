import { randomBytes } from 'node:crypto';
import { closeSync, constants, fchmodSync, fstatSync, fsyncSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { OutputError, resolveOutput, type OutputGuard, type OutputTarget } from './output-target.js';

export interface WriteOptions extends OutputGuard {
  /** Permission bits of the new file (default: those of the file it replaces, else 0o644 less the umask). */
  readonly mode?: number;
}

// O_EXCL with O_CREAT never opens an existing file or follows a symlink; O_NOFOLLOW says so twice.
const CREATE_TEMP = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EDQUOT':
      return 'disk quota exceeded';
    case 'EROFS':
      return 'read-only file system';
    case 'EISDIR':
      return 'is a directory';
    case 'ENXIO':
      return 'no process is reading the FIFO';
    case 'EPIPE':
      return 'the reader went away';
    default:
      return code ?? (error as Error).message;
  }
}

function writeAll(fd: number, data: Buffer): void {
  for (let at = 0; at < data.length; ) at += writeSync(fd, data, at, data.length - at);
}

/**
 * Writes a file so that readers see the old content or the new, never a torn mix, and so that no
 * symlink the scanned repository planted is followed: a temp file is created beside the target
 * (exclusively, so nothing existing is opened), flushed, and renamed over the target (a rename
 * replaces a name, it never writes through one). The destination is checked again here, after a
 * scan that may have taken minutes. Errors name the destination, never the temp file.
 */
export function writeFileAtomic(file: string, content: string | Buffer, options: WriteOptions = {}): void {
  writeOutput(resolveOutput(file, options), content, options.mode);
}

export function writeOutput(target: OutputTarget, content: string | Buffer, mode?: number): void {
  const data = typeof content === 'string' ? Buffer.from(content) : content;
  switch (target.kind) {
    case 'stdio':
      (target.fd === 1 ? process.stdout : process.stderr).write(data);
      return;
    case 'device':
      return writeInPlace(target, data);
    case 'file':
      return replaceFile(target, data, mode);
  }
}

function replaceFile(target: Extract<OutputTarget, { kind: 'file' }>, data: Buffer, mode: number | undefined): void {
  let keepMode = mode;
  if (keepMode === undefined && target.exists) {
    try {
      keepMode = statSync(target.file).mode & 0o7777;
    } catch {
      // Gone since it was checked: a new file it is.
    }
  }
  const temp = path.join(path.dirname(target.file), `.${path.basename(target.file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(temp, CREATE_TEMP, 0o644);
    if (keepMode !== undefined) fchmodSync(fd, keepMode);
    writeAll(fd, data);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, target.file);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    rmSync(temp, { force: true });
    throw new OutputError(`cannot write ${target.shown}: ${describe(error)}`);
  }
}

/**
 * A device or FIFO cannot be replaced by a rename; it is written in place. A FIFO is opened
 * without blocking first, so one nobody reads is an error rather than a hang.
 */
function writeInPlace(target: Extract<OutputTarget, { kind: 'device' }>, data: Buffer): void {
  let fd: number | undefined;
  try {
    if (target.fifo) closeSync(openSync(target.file, constants.O_WRONLY | constants.O_NONBLOCK));
    fd = openSync(target.file, constants.O_WRONLY | constants.O_NOCTTY);
    const stat = fstatSync(fd);
    if (!stat.isCharacterDevice() && !stat.isFIFO()) throw new OutputError(`cannot write ${target.shown}: changed while being written`);
    writeAll(fd, data);
  } catch (error) {
    if (error instanceof OutputError) throw error;
    throw new OutputError(`cannot write ${target.shown}: ${describe(error)}`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, realpathSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';

/**
 * Writes a file so that readers see the old content or the new, never a torn mix: write a
 * sibling temp file, flush it, rename it over the target. A target that is not a regular file
 * (/dev/stdout, /dev/null, a FIFO) is written in place: renaming over it would replace the device.
 * A symlinked target is resolved, so the link stays and its target gets the new content.
 */
export function writeFileAtomic(file: string, content: string): void {
  let target = file;
  try {
    target = realpathSync(file);
    if (!statSync(target).isFile()) {
      writeFileSync(target, content);
      return;
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fd = openSync(temp, 'wx', 0o644);
  let open = true;
  try {
    writeSync(fd, content);
    fsyncSync(fd);
    closeSync(fd);
    open = false;
    renameSync(temp, target);
  } catch (error) {
    if (open) closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
}

import { randomBytes } from 'node:crypto';
import { closeSync, constants, linkSync, lstatSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';

/** Another secretsift holds the lock, and did not let go in the time we were allowed to wait. */
export class BaselineLockError extends Error {
  override name = 'BaselineLockError';
}

export interface LockOptions {
  /** How long to wait for another run to finish; 0 fails at once. */
  readonly timeoutMs: number;
  /** Called once, when the lock is found taken and waiting starts. */
  readonly onWait?: (holder: string) => void;
}

interface Holder {
  pid: number;
  host: string;
  /** Random per lock: a lock is released only by the run that took it. */
  token: string;
  started: string;
}

// A lock whose holder cannot be checked (another host, unreadable) is stale after this long: no update takes a day.
const STALE_AFTER_MS = 24 * 60 * 60 * 1000;
const POLL_MS = 100;

export function lockFileOf(baselineFile: string): string {
  return `${baselineFile}.lock`;
}

function readHolder(lock: string): Holder | undefined {
  let fd: number;
  try {
    // O_NOFOLLOW: a lock is a file we made, never a symlink; O_NONBLOCK: a FIFO is not waited on.
    fd = openSync(lock, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch {
    return undefined;
  }
  try {
    const buf = Buffer.alloc(1024);
    const text = buf.subarray(0, readSync(fd, buf, 0, buf.length, 0)).toString('utf8');
    const value = JSON.parse(text) as Partial<Holder>;
    if (typeof value.pid === 'number' && typeof value.host === 'string' && typeof value.token === 'string' && typeof value.started === 'string') return value as Holder;
    return undefined;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A lock left by a run that ended without releasing it (killed, crashed, machine rebooted). */
function isStale(lock: string, holder: Holder | undefined): boolean {
  if (holder && holder.host === hostname()) return !isRunning(holder.pid);
  try {
    return Date.now() - lstatSync(lock).mtimeMs > STALE_AFTER_MS;
  } catch {
    return false;
  }
}

/**
 * Removes a stale lock. It is first renamed to a name of our own, so two runs that both found it
 * stale cannot both remove it; if what we moved is not the lock we judged (another run replaced it
 * meanwhile), it is put back.
 */
function breakStale(lock: string): void {
  let judged: number;
  try {
    judged = lstatSync(lock).ino;
  } catch {
    return;
  }
  const moved = `${lock}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    renameSync(lock, moved);
  } catch {
    return;
  }
  try {
    if (lstatSync(moved).ino !== judged) linkSync(moved, lock);
  } catch {
    // Someone took the lock again meanwhile: theirs stands.
  } finally {
    rmSync(moved, { force: true });
  }
}

function describe(holder: Holder | undefined): string {
  return holder ? `pid ${holder.pid} on ${holder.host}, since ${holder.started}` : 'unknown holder';
}

function tryCreate(lock: string, holder: Holder): boolean {
  let fd: number;
  try {
    fd = openSync(lock, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, `${JSON.stringify(holder)}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

function release(lock: string, token: string): void {
  if (readHolder(lock)?.token === token) rmSync(lock, { force: true });
}

/**
 * Runs `work` holding `<baseline>.lock`, created exclusively beside the baseline: two runs that
 * read, change and write one baseline take turns instead of the last one silently undoing the
 * other. A run that finds the lock taken waits up to `timeoutMs`, then fails naming the holder. A
 * lock whose process is gone is broken; the lock goes when the run ends, even by a signal.
 */
export async function withBaselineLock<T>(baselineFile: string, options: LockOptions, work: () => Promise<T>): Promise<T> {
  const lock = lockFileOf(baselineFile);
  const ours: Holder = { pid: process.pid, host: hostname(), token: randomBytes(8).toString('hex'), started: new Date().toISOString() };
  const deadline = Date.now() + options.timeoutMs;
  let waiting = false;
  for (;;) {
    try {
      if (tryCreate(lock, ours)) break;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new BaselineLockError(`cannot lock ${baselineFile}: cannot create ${lock} (${code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? String(error))})`);
    }
    const holder = readHolder(lock);
    if (isStale(lock, holder)) {
      breakStale(lock);
      continue;
    }
    if (Date.now() >= deadline) {
      throw new BaselineLockError(
        `${baselineFile} is locked by another secretsift run (${describe(holder)}); try again when it has finished, or delete ${lock} if no secretsift is running`,
      );
    }
    if (!waiting) {
      waiting = true;
      options.onWait?.(describe(holder));
    }
    await sleep(Math.min(POLL_MS, Math.max(1, deadline - Date.now())));
  }
  // process.exit (as on SIGINT and SIGTERM) skips `finally`: the exit handler releases then.
  const onExit = (): void => release(lock, ours.token);
  process.once('exit', onExit);
  try {
    return await work();
  } finally {
    process.removeListener('exit', onExit);
    release(lock, ours.token);
  }
}

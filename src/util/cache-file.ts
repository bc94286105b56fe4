import { createHash, randomBytes, type Hash } from 'node:crypto';
import { closeSync, constants, lutimesSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { readUserBytes, type UserFileKind } from './read-user-file.js';

/**
 * Entries of secretsift's cache: validated work (rule packs, configs) kept for the next run. The
 * cache is the user's own but is read as if it might hold anything: an entry that is not exactly
 * what was written for its key (torn, truncated, edited, a FIFO, copied under another name) is
 * ignored, and the caller rebuilds it; it is never trusted and never a crash.
 */

const FORMAT = 'secretsift-cache 1';
// Far above any entry we write (the built-in rules take a few hundred KB); a bigger file is not ours.
const ENTRY_FILE: UserFileKind = { name: 'cache entry', maxBytes: 64 * 1024 * 1024 };
// A temp file this old belongs to a run that was killed mid-write.
const STALE_TEMP_MS = 60 * 60 * 1000;

const require = createRequire(import.meta.url);

// Found once a run: a config's key and the rules' key both hold them, and resolving costs a millisecond each.
const manifests = new Map<string, Buffer>();

/** The package.json of a library, found upward from its entry point (its exports may hide the file). */
function manifest(name: string): Buffer {
  let text = manifests.get(name);
  if (text === undefined) manifests.set(name, (text = findManifest(name)));
  return text;
}

function findManifest(name: string): Buffer {
  let dir = path.dirname(require.resolve(name));
  for (;;) {
    try {
      const text = readFileSync(path.join(dir, 'package.json'));
      if ((JSON.parse(text.toString('utf8')) as { name?: unknown }).name === name) return text;
    } catch {
      // No manifest here (or a nested one without a name): keep going up.
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json for ${name}`);
    dir = parent;
  }
}

// Time for any change to a file to show in its timestamps, whatever their granularity (2 s on FAT).
const SETTLED_MS = 3000;

/**
 * A regular file's identity, size and times, to key a cache entry on instead of its bytes; or
 * undefined when they cannot be trusted to change with it. Any change to a file sets its ctime to
 * the time of the change, and no one can set that back (utimes sets it too), so once a granule has
 * passed since the last change, the next one always shows. A file changed more recently than that,
 * or dated in the future, is undefined, and so is one that says it is empty (files in /proc do,
 * whatever they hold) or is not a regular file. `now` is for tests.
 */
export function settledFileStamp(file: string, now = Date.now()): string | undefined {
  const stat = statSync(file, { bigint: true, throwIfNoEntry: false });
  if (!stat?.isFile() || stat.size === 0n) return undefined;
  const settled = now - SETTLED_MS;
  if (Number(stat.ctimeMs) > settled || Number(stat.mtimeMs) > settled) return undefined;
  return `${stat.dev} ${stat.ino} ${stat.size} ${stat.mtimeNs} ${stat.ctimeNs}`;
}

/** Builds a key from everything an entry depends on; each part is labelled and length-prefixed, so no two lists of parts collide. */
export class CacheKey {
  private readonly hash: Hash = createHash('sha256').update(FORMAT).update(process.version);

  add(label: string, data: string | Buffer): this {
    this.hash.update(`\0${label}\0${data.length}\0`).update(data);
    return this;
  }

  /** The bytes of modules of ours, given relative to `base` (an import.meta.url). */
  addModules(base: string, relatives: readonly string[]): this {
    for (const relative of relatives) this.add(relative, readFileSync(new URL(relative, base)));
    return this;
  }

  /** The manifests (so the versions) of libraries whose verdicts an entry relies on. */
  addLibraries(names: readonly string[]): this {
    for (const name of names) this.add(name, manifest(name));
    return this;
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}

function digest(body: string | Buffer): string {
  return createHash('sha256').update(body).digest('hex');
}

function entryName(kind: string, key: string, extension: 'json' | 'bin' = 'json'): string {
  return `${kind}-${key}.${extension}`;
}

/**
 * Marks an entry just read as used now: pruning keeps the most recently used entries, so the rule
 * set of every day's runs is not pushed out by a few one-off runs with other packs (and compiled
 * again). Never follows a link; a read-only cache serves its entries unmarked.
 */
function markUsed(file: string): void {
  try {
    const now = new Date();
    lutimesSync(file, now, now);
  } catch {
    // A read-only cache still serves its entries.
  }
}

/**
 * An entry file's bytes and where its body starts, or undefined unless it opens with `format`'s
 * line and the SHA-256 of the body that follows: both forms of entry begin so.
 */
function readWhole(file: string, format: string): { data: Buffer; bodyStart: number } | undefined {
  const data = readUserBytes(file, ENTRY_FILE);
  const formatEnd = data.indexOf(0x0a);
  const sumEnd = data.indexOf(0x0a, formatEnd + 1);
  if (formatEnd === -1 || sumEnd === -1 || data.toString('latin1', 0, formatEnd) !== format) return undefined;
  if (digest(data.subarray(sumEnd + 1)) !== data.toString('latin1', formatEnd + 1, sumEnd)) return undefined;
  return { data, bodyStart: sumEnd + 1 };
}

/** The value cached as `kind` for `key`, or undefined unless the entry is whole, ours, for that key and of the shape `isValid` checks. */
export function readCacheEntry<T>(dir: string, kind: string, key: string, isValid: (value: unknown) => value is T): T | undefined {
  try {
    const file = path.join(dir, entryName(kind, key));
    const read = readWhole(file, FORMAT);
    if (!read) return undefined;
    const entry = JSON.parse(read.data.toString('utf8', read.bodyStart)) as { kind?: unknown; key?: unknown; value?: unknown };
    if (entry.kind !== kind || entry.key !== key || !isValid(entry.value)) return undefined;
    markUsed(file);
    return entry.value;
  } catch {
    return undefined;
  }
}

/**
 * Replaces the entry atomically: a temp file created exclusively beside it (never following a
 * link), renamed over the name. A reader sees the old file or the new one; a rename also replaces
 * whatever else was at the name, a FIFO or a link included, without opening it. Then only the
 * `keep` most recently written or read entries of the kind stay: a cache that only grows would fill
 * the disk over months.
 * Failures are the caller's to ignore: a read-only or full home is no reason to fail a run.
 */
export function writeCacheEntry(dir: string, kind: string, key: string, value: unknown, keep: number): void {
  const name = entryName(kind, key);
  const body = JSON.stringify({ kind, key, value });
  writeAtomically(dir, name, [Buffer.from(`${FORMAT}\n${digest(body)}\n${body}`)]);
  prune(dir, kind, name, keep);
}

/** `bytes` as the file `name` in `dir`, all at once for any reader (see writeCacheEntry). */
function writeAtomically(dir: string, name: string, chunks: readonly Uint8Array[]): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const temp = path.join(dir, `.${name}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let fd: number | undefined = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
  try {
    for (const bytes of chunks) for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, path.join(dir, name));
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
}

/**
 * Binary entries hold typed arrays as their bytes, which a reader views in place: no JSON or
 * base64 to decode, and almost nothing for the garbage collector. After the format line and the
 * SHA-256 of the body, the body is a line of JSON ({ kind, key, value, parts: byte lengths }), zero
 * padding, then each part, every one starting at a multiple of 8 bytes into the file (so an
 * Int32Array or Float64Array can view it).
 */
const BINARY_FORMAT = 'secretsift-cache-binary 1';
const ALIGN = 8;
const padding = (length: number): number => (ALIGN - (length % ALIGN)) % ALIGN;

/** What a binary entry holds: a JSON value and byte parts (views of the file's bytes). */
export interface BinaryEntry {
  readonly value: unknown;
  readonly parts: readonly Uint8Array[];
}

/** The binary entry cached as `kind` for `key`, or undefined unless it is whole, ours, for that key and laid out as its header says. */
export function readBinaryCacheEntry(dir: string, kind: string, key: string): BinaryEntry | undefined {
  try {
    const file = path.join(dir, entryName(kind, key, 'bin'));
    const read = readWhole(file, BINARY_FORMAT);
    if (!read) return undefined;
    const { data, bodyStart } = read;
    const headerEnd = data.indexOf(0x0a, bodyStart);
    if (headerEnd === -1) return undefined;
    const header = JSON.parse(data.toString('utf8', bodyStart, headerEnd)) as { kind?: unknown; key?: unknown; value?: unknown; parts?: unknown };
    const { parts: lengths } = header;
    if (header.kind !== kind || header.key !== key || !Array.isArray(lengths) || !lengths.every((n) => Number.isSafeInteger(n) && n >= 0)) return undefined;
    let at = headerEnd + 1;
    at += padding(at);
    const parts: Uint8Array[] = [];
    for (const length of lengths as number[]) {
      if (at + length > data.length) return undefined;
      parts.push(data.subarray(at, at + length));
      at += length + padding(length);
    }
    if (at !== data.length) return undefined;
    markUsed(file);
    return { value: header.value, parts };
  } catch {
    return undefined;
  }
}

/** Replaces the binary entry atomically and prunes old entries of the kind, as writeCacheEntry does. */
export function writeBinaryCacheEntry(dir: string, kind: string, key: string, entry: BinaryEntry, keep: number): void {
  const name = entryName(kind, key, 'bin');
  const header = Buffer.from(`${JSON.stringify({ kind, key, value: entry.value, parts: entry.parts.map((part) => part.byteLength) })}\n`);
  const chunks: Uint8Array[] = [header];
  // Offsets count from the file's start: the format line and the digest line are 26 + 65 bytes.
  const bodyStart = BINARY_FORMAT.length + 1 + 65;
  chunks.push(new Uint8Array(padding(bodyStart + header.length)));
  for (const part of entry.parts) chunks.push(part, new Uint8Array(padding(part.byteLength)));
  const sum = createHash('sha256');
  for (const chunk of chunks) sum.update(chunk);
  writeAtomically(dir, name, [Buffer.from(`${BINARY_FORMAT}\n${sum.digest('hex')}\n`), ...chunks]);
  prune(dir, kind, name, keep);
}

function prune(dir: string, kind: string, kept: string, keep: number): void {
  const now = Date.now();
  const entries: { name: string; mtime: number }[] = [];
  // Both forms of entry count (a kind that moved from JSON to binary leaves its old entries to age out).
  const isEntry = new RegExp(`^${kind}-[0-9a-f]{64}\\.(?:json|bin)$`);
  const isTemp = new RegExp(`^\\.${kind}-[0-9a-f]{64}\\.(?:json|bin)\\.\\d+\\.[0-9a-f]+\\.tmp$`);
  for (const name of readdirSync(dir)) {
    const entry = isEntry.test(name);
    if ((!entry && !isTemp.test(name)) || name === kept) continue;
    try {
      const mtime = statSync(path.join(dir, name)).mtimeMs;
      if (entry) entries.push({ name, mtime });
      else if (now - mtime > STALE_TEMP_MS) rmSync(path.join(dir, name), { force: true });
    } catch {
      // Removed by another run meanwhile.
    }
  }
  entries.sort((a, b) => b.mtime - a.mtime);
  for (const { name } of entries.slice(keep - 1)) rmSync(path.join(dir, name), { force: true });
}

/**
 * How one kind of work is cached: its key, the shape of a valid entry and how to do it uncached
 * (asynchronous, so that the work's code loads only when it runs: a hit never loads it).
 */
export interface CachedWork<T> {
  readonly kind: string;
  /** Throws when the inputs cannot be read: the work is then done uncached, to report why properly. */
  readonly key: () => string;
  readonly isValid: (value: unknown) => value is T;
  readonly load: () => Promise<T>;
  /** Puts back what JSON cannot hold, on a value read from the cache. */
  readonly restore?: (value: T) => T;
  /** Entries of this kind kept; older ones go. */
  readonly keep: number;
}

/**
 * The cached result of some work when a whole entry for its key exists in `dir`, else the work
 * done and cached. No cache directory, an unreadable input or a failed write only costs the cache:
 * a read-only or full home is no reason to fail a scan.
 */
export async function cached<T>(dir: string | undefined, work: CachedWork<T>): Promise<T> {
  const key = keyOf(dir, work);
  const hit = dir !== undefined && key !== undefined ? readCacheEntry(dir, work.kind, key, work.isValid) : undefined;
  if (hit !== undefined) return work.restore ? work.restore(hit) : hit;
  const value = await work.load();
  if (dir !== undefined && key !== undefined) {
    try {
      writeCacheEntry(dir, work.kind, key, value, work.keep);
    } catch {
      // See above: the result stands without its cache entry.
    }
  }
  return value;
}

/** The work's key; undefined when there is no cache, or its inputs cannot be read. */
function keyOf(dir: string | undefined, work: Pick<CachedWork<unknown>, 'key'>): string | undefined {
  if (!dir) return undefined;
  try {
    return work.key();
  } catch {
    return undefined;
  }
}

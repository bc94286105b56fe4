import { createHash } from 'node:crypto';
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { debuglog } from 'node:util';
import { isInside } from '../util/output-target.js';
import { readUserBytes } from '../util/read-user-file.js';
import { writeFileAtomic } from '../util/write-output.js';

const FORMAT = 'secretsift-blob-cache 1';
/**
 * The most entries kept (about 45 bytes each, so some 45 MB): past it the least recently seen go.
 * A history of 24,000 commits holds around 200,000 unique blobs.
 */
export const MAX_BLOB_CACHE_ENTRIES = 1_000_000;
const MAX_BYTES = 96 * 1024 * 1024;
const ENTRY = /^([0-9a-f]{32}) (\d{1,15}) (\d{1,12})$/;
const debug = debuglog('secretsift');

/**
 * A blob and the path it was scanned at, as the cache names it: rules may be limited to paths, so a
 * blob clean at one path need not be clean at another. A hash, so the cache holds no path (a path
 * may hold a secret); it can be checked only by someone who has the blob's id, that is, the repository.
 */
function entryId(oid: string, blobPath: string): string {
  return createHash('sha256').update(`${oid}\0${blobPath}`).digest('hex').slice(0, 32);
}

interface Entry {
  bytes: number;
  /** When a run last saw the blob, in seconds: the oldest go first when the cache is full. */
  seen: number;
}

/** Why the cache on disk was not used; `keep` says it is not ours to replace. */
type Refusal = { readonly warning: string; readonly keep: boolean };

/**
 * Blobs a history scan found clean (scanned whole, no finding, no warning) under one key: the
 * tool's version and rule-set hash (rules, config, size and decoding limits). A later run with the
 * same key skips them. The file is replaced atomically (a reader sees the old file or the new,
 * whichever writer was last); one that is not a cache, torn or edited is ignored with a warning, and
 * one that is not ours (no cache header) is never overwritten. A cache for another key is ignored
 * and replaced.
 */
export class BlobCache {
  private readonly entries = new Map<string, Entry>();
  private readonly now = Math.floor(Date.now() / 1000);
  private writable = true;
  readonly warnings: string[] = [];
  /** Blobs this run did not read because the cache knew them clean, and blobs it scanned clean. */
  hits = 0;
  misses = 0;
  added = 0;

  constructor(
    private readonly file: string,
    private readonly key: string,
    /** The scanned repository: a cache inside it could have been written by whoever wrote the repository. */
    private readonly repositoryDirs: readonly string[],
    private readonly maxEntries = MAX_BLOB_CACHE_ENTRIES,
  ) {
    const refusal = this.insideRepository() ?? this.load();
    if (refusal) {
      this.warnings.push(refusal.warning);
      this.writable = !refusal.keep;
    }
  }

  /** The size of a blob known clean at this path, or undefined when it must be read. */
  knownClean(oid: string, blobPath: string): number | undefined {
    const entry = this.entries.get(entryId(oid, blobPath));
    if (!entry) {
      this.misses++;
      return undefined;
    }
    entry.seen = this.now;
    this.hits++;
    return entry.bytes;
  }

  clean(oid: string, blobPath: string, bytes: number): void {
    this.entries.set(entryId(oid, blobPath), { bytes, seen: this.now });
    this.added++;
  }

  /** Writes the cache back, newest entries first up to the bound; a failure is a warning, never fatal. */
  save(): void {
    // NODE_DEBUG=secretsift: how a run can be seen to have read only what it had to.
    debug('blob cache: %d blobs known clean and not read, %d read, %d found clean and added', this.hits, this.misses, this.added);
    if (!this.writable) return;
    const kept = [...this.entries].sort(([, a], [, b]) => b.seen - a.seen).slice(0, this.maxEntries);
    const body = kept.map(([id, { bytes, seen }]) => `${id} ${bytes} ${seen}\n`).join('');
    try {
      writeFileAtomic(this.file, `${FORMAT} ${this.key}\n${digest(body)}\n${body}`, { scanned: this.repositoryDirs });
    } catch (error) {
      this.warnings.push(`blob cache ${this.file} not written: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private insideRepository(): Refusal | undefined {
    const absolute = path.resolve(this.file);
    const real = realIfExists(absolute);
    for (const dir of this.repositoryDirs) {
      const root = realIfExists(dir);
      if (isInside(root, absolute) || isInside(root, real) || isInside(dir, absolute)) {
        return { warning: `blob cache ${this.file} not used: it is inside the scanned repository, which could have written it`, keep: true };
      }
    }
    return undefined;
  }

  private load(): Refusal | undefined {
    if (!existsSync(this.file)) return undefined;
    let data: Buffer;
    try {
      data = readUserBytes(this.file, { name: 'blob cache', maxBytes: MAX_BYTES });
    } catch (error) {
      return { warning: `blob cache ignored: ${error instanceof Error ? error.message : String(error)}`, keep: true };
    }
    const headerEnd = data.indexOf(0x0a);
    const header = data.toString('latin1', 0, headerEnd === -1 ? Math.min(data.length, 200) : headerEnd);
    if (!header.startsWith(`${FORMAT} `)) return { warning: `blob cache ${this.file} ignored and left alone: it is not a secretsift blob cache`, keep: true };
    const sumEnd = data.indexOf(0x0a, headerEnd + 1);
    const body = sumEnd === -1 ? '' : data.toString('latin1', sumEnd + 1);
    if (sumEnd === -1 || digest(body) !== data.toString('latin1', headerEnd + 1, sumEnd)) {
      return { warning: `blob cache ${this.file} ignored: it is damaged (torn or edited); it will be rebuilt`, keep: false };
    }
    if (header.slice(FORMAT.length + 1) !== this.key) {
      debug('blob cache: made for another tool version, rules, config or limits; starting afresh');
      return undefined;
    }
    const lines = body.split('\n');
    lines.pop();
    for (const line of lines) {
      const match = ENTRY.exec(line);
      if (!match) {
        this.entries.clear();
        return { warning: `blob cache ${this.file} ignored: it is damaged (an entry is malformed); it will be rebuilt`, keep: false };
      }
      this.entries.set(match[1] as string, { bytes: Number(match[2]), seen: Number(match[3]) });
    }
    return undefined;
  }
}

function digest(body: string): string {
  return createHash('sha256').update(body, 'latin1').digest('hex');
}

function realIfExists(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    try {
      return path.join(realpathSync(path.dirname(file)), path.basename(file));
    } catch {
      return file;
    }
  }
}

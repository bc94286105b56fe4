import { createHash } from 'node:crypto';

/** One part of a scan spread over machines: `index` of `total`, counted from 0. */
export interface Shard {
  readonly index: number;
  readonly total: number;
}

/**
 * The shard a git object belongs to: its id's first four bytes, modulo the total. Object ids are
 * already uniform hashes, so the parts are even and every machine computes the same one.
 */
export function shardOfObject(oid: string, total: number): number {
  const head = Number.parseInt(oid.slice(0, 8), 16);
  return Number.isNaN(head) ? 0 : head % total;
}

/**
 * The shard a file belongs to: a SHA-256 of its path (posix, below the scanned directory), so the
 * parts are even whatever the names look like, and stable across machines and runs.
 */
export function shardOfPath(relativePath: string, total: number): number {
  return createHash('sha256').update(relativePath).digest().readUInt32BE(0) % total;
}

/** Whether this run owns what belongs to `index`; without a shard it owns everything. */
function owns(shard: Shard | undefined, index: number): boolean {
  return shard === undefined || shard.index === index;
}

/** Whether this run reads git object `oid` (every object without a shard). */
export function ownsObject(shard: Shard | undefined, oid: string): boolean {
  return shard === undefined || owns(shard, shardOfObject(oid, shard.total));
}

/** Whether this run reads the file at `relativePath` below the scanned directory (every file without a shard). */
export function ownsPath(shard: Shard | undefined, relativePath: string): boolean {
  return shard === undefined || owns(shard, shardOfPath(relativePath, shard.total));
}

/**
 * Text that is not a blob or a file (commit messages, authors, ref names, directory names) is
 * scanned by one shard only, the first, so merging the shards neither loses nor repeats it.
 */
export function ownsSharedNames(shard: Shard | undefined): boolean {
  return owns(shard, 0);
}

import { debuglog } from 'node:util';
import type { CompiledRules } from '../detect/compile.js';
import type { FileOutcome } from '../model/outcome.js';
import { scanBlob, type BlobSlot } from './scan-batch.js';
import type { ScanSettings } from './scan-file.js';
import type { ScanPool } from './scan-pool.js';

const ARENA_BYTES = 4 << 20;
const ITEMS_PER_BATCH = 256;
// Scanning this much on the main thread first keeps small histories free of worker start-up.
export const INLINE_BYTES = 16 << 20;
// NODE_DEBUG=secretsift says when a history was big enough to go to the pool, and on how many workers.
const debug = debuglog('secretsift');

/**
 * Scans blobs on the main thread, then — once they prove many enough to pay for workers' start-up
 * — on the pool, copied into transferable arenas. When batches queue up, `scan` returns a promise:
 * the caller stops reading meanwhile, and the main thread, which would idle, scans what is queued.
 */
export class BlobFeeder {
  private inlineBytes = 0;
  private pool: ScanPool | undefined;
  private arena: ArrayBuffer | undefined;
  private used = 0;
  private items: BlobSlot[] = [];
  // Archives open asynchronously: their outcomes arrive later, and finish() waits for them.
  private readonly opening: Promise<void>[] = [];

  constructor(
    private readonly compiled: () => CompiledRules,
    private readonly settings: ScanSettings,
    /** Absent: every blob is scanned on the main thread. */
    private readonly startPool: (() => ScanPool) | undefined,
    private readonly onOutcome: (oid: string, blobPath: string, outcome: FileOutcome) => void,
    private readonly inlineUpTo = INLINE_BYTES,
  ) {}

  /** `data` may be a view of a reader's buffer: it is used or copied before this returns. */
  scan(oid: string, path: string, data: Buffer): void | Promise<void> {
    if (this.pool) return this.pooled(this.pool, oid, path, data);
    const outcomes = scanBlob(this.compiled(), oid, path, data, this.settings);
    const deliver = (list: readonly { oid: string; blobPath: string; outcome: FileOutcome }[]) => list.forEach((o) => this.onOutcome(o.oid, o.blobPath, o.outcome));
    if (Array.isArray(outcomes)) deliver(outcomes);
    else this.opening.push(outcomes.then(deliver));
    this.inlineBytes += data.length;
    if (this.startPool && this.inlineBytes >= this.inlineUpTo) {
      this.pool = this.startPool();
      debug('history: blobs go to the scan pool (%d worker threads) after %d bytes on the main thread', this.pool.workers, this.inlineBytes);
    }
  }

  async finish(): Promise<void> {
    await Promise.all(this.opening);
    this.seal();
  }

  private pooled(pool: ScanPool, oid: string, path: string, data: Buffer): void | Promise<void> {
    if (!this.arena || this.used + data.length > this.arena.byteLength || this.items.length >= ITEMS_PER_BATCH) {
      this.seal();
      this.arena = new ArrayBuffer(Math.max(ARENA_BYTES, data.length));
      this.used = 0;
    }
    data.copy(Buffer.from(this.arena, this.used, data.length));
    this.items.push({ oid, path, offset: this.used, length: data.length });
    this.used += data.length;
    if (pool.backlog > pool.workers) return pool.help();
  }

  private seal(): void {
    if (this.pool && this.arena && this.items.length > 0) this.pool.submit({ kind: 'blobs', arena: this.arena, items: this.items });
    this.arena = undefined;
    this.items = [];
  }
}

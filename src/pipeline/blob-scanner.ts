import type { CompiledRules } from '../detect/compile.js';
import { scanBlob, type BlobOutcome, type BlobSlot, type ScanInit } from './scan-batch.js';
import { ScanPool } from './scan-pool.js';

/** Where the blobs come from, so a scanner that falls behind can make the reader wait. */
export interface FlowControl {
  pause(): void;
  resume(): void;
}

/** Scans blob contents; outcomes arrive through the callback given at creation, possibly later. */
export interface BlobScanner {
  /** `data` may be a view of a reader's buffer: it is used or copied before this returns. */
  scan(oid: string, path: string, data: Buffer): void;
  /** Resolves when every blob handed in has its outcome. */
  finish(): Promise<void>;
}

const ARENA_BYTES = 4 << 20;
const ITEMS_PER_BATCH = 256;
// Scanning this much on the main thread first keeps small histories free of worker start-up.
export const INLINE_BYTES = 16 << 20;

/**
 * Scans on the main thread, then — once a history proves big enough to pay for their start-up —
 * on the scan pool: `threads` workers, and the main thread whenever the reader is paused.
 */
export function createBlobScanner(init: ScanInit, compiledRules: () => CompiledRules, threads: number, flow: FlowControl, onOutcome: (result: BlobOutcome) => void, inlineUpTo = INLINE_BYTES): BlobScanner {
  let inlineBytes = 0;
  let pooled: PooledBlobs | undefined;
  // Archives open asynchronously: their outcomes arrive later, and finish() waits for them.
  const opening: Promise<void>[] = [];
  return {
    scan(oid, path, data) {
      if (pooled) return pooled.scan(oid, path, data);
      const outcomes = scanBlob(compiledRules(), oid, path, data, init.settings);
      if (Array.isArray(outcomes)) outcomes.forEach(onOutcome);
      else opening.push(outcomes.then((list) => list.forEach(onOutcome)));
      inlineBytes += data.length;
      if (threads > 0 && inlineBytes >= inlineUpTo) pooled = new PooledBlobs(new ScanPool(init, threads, compiledRules, (result) => result.kind === 'blobs' && result.outcomes.forEach(onOutcome)), threads, flow);
    },
    finish: async () => {
      await Promise.all(opening);
      await pooled?.finish();
    },
  };
}

/** Copies blobs into arenas, submits them to the pool, and pauses the reader while the pool catches up. */
class PooledBlobs {
  private arena: ArrayBuffer | undefined;
  private used = 0;
  private items: BlobSlot[] = [];
  private paused = false;
  private helping: Promise<void> | undefined;

  constructor(
    private readonly pool: ScanPool,
    private readonly workers: number,
    private readonly flow: FlowControl,
  ) {}

  scan(oid: string, path: string, data: Buffer): void {
    if (!this.arena || this.used + data.length > this.arena.byteLength || this.items.length >= ITEMS_PER_BATCH) {
      this.seal();
      this.arena = new ArrayBuffer(Math.max(ARENA_BYTES, data.length));
      this.used = 0;
    }
    data.copy(Buffer.from(this.arena, this.used, data.length));
    this.items.push({ oid, path, offset: this.used, length: data.length });
    this.used += data.length;
  }

  async finish(): Promise<void> {
    this.seal();
    await this.helping;
    await this.pool.finish();
  }

  private seal(): void {
    if (this.arena && this.items.length > 0) {
      this.pool.submit({ kind: 'blobs', arena: this.arena, items: this.items });
      if (!this.paused && this.pool.backlog > this.workers) this.pauseAndHelp();
    }
    this.arena = undefined;
    this.items = [];
  }

  /** The reader waits; meanwhile the main thread, which would idle, scans what is queued. */
  private pauseAndHelp(): void {
    this.paused = true;
    this.flow.pause();
    this.helping = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.pool.help())
      .finally(() => {
        this.paused = false;
        this.helping = undefined;
        this.flow.resume();
      });
    // A failure surfaces from finish(); the reader must not stay paused until then.
    this.helping.catch(() => undefined);
  }
}

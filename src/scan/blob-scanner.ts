import { Worker } from 'node:worker_threads';
import { compileRules, type CompiledRules } from '../detect/compile.js';
import type { RuleSpec } from '../detect/rule.js';
import { scanContent, type FileOutcome, type ScanSettings } from './scan-file.js';

export interface BlobWorkerInit {
  specs: RuleSpec[];
  settings: ScanSettings;
}

/** Blobs copied into one transferable buffer: one message and no copy per blob to reach a worker. */
export interface BlobBatch {
  id: number;
  arena: ArrayBuffer;
  items: { oid: string; path: string; offset: number; length: number }[];
}

/** What scanning one blob gave: one outcome, or for an archive one per file inside (`blob!inner`). */
export interface BlobOutcome {
  oid: string;
  /** The path the blob was scanned under; an archive's inner files have longer paths. */
  blobPath: string;
  outcome: FileOutcome;
}

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

const WORKER_URL = new URL('./blob-worker.js', import.meta.url);
const ARENA_BYTES = 4 << 20;
const ITEMS_PER_BATCH = 256;
const BATCHES_PER_WORKER = 2;
// Scanning this much on the main thread first keeps small histories free of worker start-up.
const INLINE_BYTES = 16 << 20;

/** The outcomes of one blob; asynchronous only for an archive. */
export function scanBlob(compiled: CompiledRules, oid: string, blobPath: string, data: Buffer, settings: ScanSettings): BlobOutcome[] | Promise<BlobOutcome[]> {
  const tag = (outcomes: FileOutcome[]): BlobOutcome[] => outcomes.map((outcome) => ({ oid, blobPath, outcome }));
  const outcomes = scanContent(compiled, data, blobPath, settings);
  return Array.isArray(outcomes) ? tag(outcomes) : outcomes.then(tag);
}

/**
 * Scans on the main thread, then — once a history proves big enough to pay for their start-up —
 * on `threads` workers, so git keeps reading while detection runs.
 */
export function createBlobScanner(init: BlobWorkerInit, threads: number, flow: FlowControl, onOutcome: (result: BlobOutcome) => void): BlobScanner {
  let compiled: CompiledRules | undefined;
  let inlineBytes = 0;
  let pool: WorkerScanner | undefined;
  // Archives open asynchronously: their outcomes arrive later, and finish() waits for them.
  const opening: Promise<void>[] = [];
  return {
    scan(oid, path, data) {
      if (pool) return pool.scan(oid, path, data);
      compiled ??= compileRules(init.specs);
      const outcomes = scanBlob(compiled, oid, path, data, init.settings);
      if (Array.isArray(outcomes)) outcomes.forEach(onOutcome);
      else opening.push(outcomes.then((list) => list.forEach(onOutcome)));
      inlineBytes += data.length;
      if (threads > 0 && inlineBytes >= INLINE_BYTES) pool = new WorkerScanner(init, threads, flow, onOutcome);
    },
    finish: async () => {
      await Promise.all(opening);
      await pool?.finish();
    },
  };
}

class WorkerScanner implements BlobScanner {
  private readonly workers: { worker: Worker; inFlight: number }[];
  private readonly queue: BlobBatch[] = [];
  private arena: ArrayBuffer | undefined;
  private used = 0;
  private items: BlobBatch['items'] = [];
  private nextId = 0;
  private paused = false;
  private failure: Error | undefined;
  private finished: (() => void) | undefined;
  private failed: ((error: Error) => void) | undefined;

  constructor(
    init: BlobWorkerInit,
    threads: number,
    private readonly flow: FlowControl,
    private readonly onOutcome: (result: BlobOutcome) => void,
  ) {
    this.workers = Array.from({ length: threads }, () => {
      const slot = { worker: new Worker(WORKER_URL, { workerData: init }), inFlight: 0 };
      slot.worker.on('message', ({ outcomes }: { outcomes: BlobOutcome[] }) => {
        slot.inFlight--;
        outcomes.forEach(this.onOutcome);
        this.dispatch();
      });
      slot.worker.on('error', (error) => this.fail(error));
      slot.worker.on('exit', (code) => {
        if (slot.inFlight > 0) this.fail(new Error(`blob scan worker exited with code ${code}`));
      });
      return slot;
    });
  }

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

  finish(): Promise<void> {
    this.seal();
    return new Promise<void>((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      this.finished = resolve;
      this.failed = reject;
      this.dispatch();
    }).finally(() => Promise.all(this.workers.map(({ worker }) => worker.terminate())));
  }

  private seal(): void {
    if (this.arena && this.items.length > 0) {
      this.queue.push({ id: this.nextId++, arena: this.arena, items: this.items });
      this.dispatch();
    }
    this.arena = undefined;
    this.items = [];
  }

  private dispatch(): void {
    for (const slot of this.workers) {
      while (slot.inFlight < BATCHES_PER_WORKER && this.queue.length > 0) {
        const batch = this.queue.shift() as BlobBatch;
        slot.inFlight++;
        slot.worker.postMessage(batch, [batch.arena]);
      }
    }
    const backlog = this.queue.length;
    if (!this.paused && backlog > this.workers.length) {
      this.paused = true;
      this.flow.pause();
    } else if (this.paused && backlog === 0) {
      this.paused = false;
      this.flow.resume();
    }
    if (this.finished && backlog === 0 && this.workers.every((slot) => slot.inFlight === 0)) this.finished();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    // Let the reader drain, so the run reaches finish() and reports the failure instead of hanging.
    if (this.paused) this.flow.resume();
    this.paused = false;
    this.failed?.(error);
  }
}

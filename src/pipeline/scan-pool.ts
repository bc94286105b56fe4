import { Worker } from 'node:worker_threads';
import { precompiled, type CompiledRules } from '../detect/compile.js';
import { scanBatch, type Batch, type BatchResult, type ScanInit } from './scan-batch.js';

const WORKER_URL = new URL('./scan-worker.js', import.meta.url);
// Two in flight per worker keep it busy while a result travels back and the next batch travels out.
const BATCHES_PER_WORKER = 2;

interface Slot {
  readonly worker: Worker;
  inFlight: number;
}

/**
 * The one pool every scan runs on: files and git blobs alike, with or without workers. The main
 * thread is a scanner too: whenever every worker is busy and batches wait, it takes the next one
 * itself, so on two cores one worker and the main thread keep both busy (a second worker would
 * only leave the main thread waiting). Each worker compiles the rules once, at start, from the
 * precompiled data the main thread gives it.
 */
export class ScanPool {
  private readonly slots: Slot[];
  private readonly queue: Batch[] = [];
  private failure: Error | undefined;
  private mainBusy = false;
  private settled: (() => void) | undefined;

  constructor(
    private readonly init: ScanInit,
    workers: number,
    private readonly compiledOnMain: () => CompiledRules,
    private readonly onResult: (result: BatchResult) => void,
  ) {
    // Workers start from what the main thread compiled, so none works it out again.
    const workerInit = workers > 0 ? { ...init, precompiled: precompiled(compiledOnMain()) } : init;
    this.slots = Array.from({ length: workers }, () => this.startWorker(workerInit));
  }

  /** Worker threads (the main thread scans too). */
  get workers(): number {
    return this.slots.length;
  }

  /** Batches not yet taken by any scanner. */
  get backlog(): number {
    return this.queue.length;
  }

  /** Batches the workers hold. */
  private get inFlight(): number {
    return this.slots.reduce((sum, slot) => sum + slot.inFlight, 0);
  }

  submit(batch: Batch): void {
    this.queue.push(batch);
    this.dispatch();
  }

  /**
   * Scans waiting batches on the main thread until none wait. A reader that paused its source
   * calls this: the main thread scans instead of idling.
   */
  async help(): Promise<void> {
    if (this.mainBusy) return;
    this.mainBusy = true;
    try {
      while (this.queue.length > 0 && !this.failure) {
        const batch = this.queue.shift() as Batch;
        this.onResult(await scanBatch(this.compiledOnMain(), batch, this.init.settings));
        // Let the workers' finished batches in, and hand them the next ones, before taking another.
        await new Promise<void>((resolve) => setImmediate(resolve));
        this.dispatch();
      }
    } finally {
      this.mainBusy = false;
    }
    if (this.failure) throw this.failure;
  }

  /** Scans everything submitted so far, the main thread helping; the workers stay for more. */
  async drain(): Promise<void> {
    await this.help();
    await new Promise<void>((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      this.settled = () => {
        this.settled = undefined;
        if (this.failure) reject(this.failure);
        else resolve();
      };
      this.checkSettled();
    });
  }

  /** Stops every worker (also when a scan is given up halfway). */
  async close(): Promise<void> {
    await Promise.all(this.slots.map(({ worker }) => worker.terminate()));
  }

  private startWorker(init: ScanInit): Slot {
    const slot: Slot = { worker: new Worker(WORKER_URL, { workerData: init }), inFlight: 0 };
    slot.worker.on('message', (result: BatchResult) => {
      slot.inFlight--;
      this.onResult(result);
      this.dispatch();
    });
    slot.worker.on('error', (error) => this.fail(error));
    slot.worker.on('exit', (code) => {
      if (slot.inFlight > 0) this.fail(new Error(`scan worker exited with code ${code}`));
    });
    return slot;
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      while (slot.inFlight < BATCHES_PER_WORKER && this.queue.length > 0 && !this.failure) {
        const batch = this.queue.shift() as Batch;
        slot.inFlight++;
        slot.worker.postMessage(batch, batch.kind === 'blobs' ? [batch.arena] : []);
      }
    }
    this.checkSettled();
  }

  private checkSettled(): void {
    if (this.settled && (this.failure || (this.queue.length === 0 && this.inFlight === 0))) this.settled();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.checkSettled();
  }
}

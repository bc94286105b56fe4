import { Worker } from 'node:worker_threads';
import type { FileRef } from '../sources/content.js';
import type { FileOutcome } from './scan-file.js';
import type { WorkerInit, WorkerRequest, WorkerResponse } from './scan-worker.js';

const WORKER_URL = new URL('./scan-worker.js', import.meta.url);
// Small batches balance load; two in flight per worker keep it busy while results travel back.
const FILES_PER_BATCH = 32;
const BATCHES_IN_FLIGHT = 2;

/** Scans files on `threads` worker threads, each with its own compiled rules; `onFile` gets each file's outcomes. */
export async function scanOnWorkers(files: readonly FileRef[], init: WorkerInit, threads: number, onFile: (outcomes: FileOutcome[]) => void): Promise<void> {
  const batches: FileRef[][] = [];
  for (let i = 0; i < files.length; i += FILES_PER_BATCH) batches.push(files.slice(i, i + FILES_PER_BATCH));
  let next = 0;
  const workers = Array.from({ length: Math.min(threads, batches.length) }, () => new Worker(WORKER_URL, { workerData: init }));
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            let inFlight = 0;
            const send = (): void => {
              while (inFlight < BATCHES_IN_FLIGHT && next < batches.length) {
                const request: WorkerRequest = { id: next, files: batches[next] as FileRef[] };
                next++;
                inFlight++;
                worker.postMessage(request);
              }
              if (inFlight === 0) resolve();
            };
            worker.on('message', ({ outcomes }: WorkerResponse) => {
              inFlight--;
              outcomes.forEach(onFile);
              send();
            });
            worker.on('error', reject);
            worker.on('exit', (code) => {
              if (inFlight > 0) reject(new Error(`scan worker exited with code ${code}`));
            });
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

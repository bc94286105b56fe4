import { parentPort, workerData } from 'node:worker_threads';
import { compileRules } from '../detect/compile.js';
import { scanBatch, type Batch, type ScanInit } from './scan-batch.js';

const { specs, settings, precompiled } = workerData as ScanInit;
const compiled = compileRules(specs, precompiled);

// One batch at a time, even while another waits: memory stays at one archive's worth per worker.
let queue = Promise.resolve();
parentPort?.on('message', (batch: Batch) => {
  queue = queue.then(async () => parentPort?.postMessage(await scanBatch(compiled, batch, settings)));
});

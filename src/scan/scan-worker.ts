import { parentPort, workerData } from 'node:worker_threads';
import { compileRulesCached } from '../detect/compile-cache.js';
import { compileRules } from '../detect/compile.js';
import { scanBatch, type Batch, type ScanInit } from './scan-batch.js';

const { specs, settings, precompiled } = workerData as ScanInit;
// Given what the main thread compiled, or else read from the cache as the main thread does, so a
// worker can start before the main thread has compiled anything.
const compiled = precompiled ? compileRules(specs, precompiled) : compileRulesCached(specs);

// One batch at a time, even while another waits: memory stays at one archive's worth per worker.
let queue = Promise.resolve();
parentPort?.on('message', (batch: Batch) => {
  queue = queue.then(async () => parentPort?.postMessage(await scanBatch(compiled, batch, settings)));
});

import { parentPort, workerData } from 'node:worker_threads';
import { compileRules } from '../detect/compile.js';
import { scanBlob, type BlobBatch, type BlobWorkerInit } from './blob-scanner.js';

const { specs, settings } = workerData as BlobWorkerInit;
const compiled = compileRules(specs);

parentPort?.on('message', async ({ id, arena, items }: BlobBatch) => {
  const outcomes = await Promise.all(items.map(({ oid, path, offset, length }) => scanBlob(compiled, oid, path, Buffer.from(arena, offset, length), settings)));
  parentPort?.postMessage({ id, outcomes: outcomes.flat() });
});

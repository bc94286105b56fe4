import { parentPort, workerData } from 'node:worker_threads';
import { compileRules } from '../detect/compile.js';
import { textBytes } from '../sources/text-decoding.js';
import type { BlobBatch, BlobOutcome, BlobWorkerInit } from './blob-scanner.js';
import { scanBuffer } from './scan-file.js';

const { specs, settings } = workerData as BlobWorkerInit;
const compiled = compileRules(specs);

parentPort?.on('message', ({ id, arena, items }: BlobBatch) => {
  const outcomes: BlobOutcome[] = items.map(({ oid, path, offset, length }) => {
    const data = textBytes(Buffer.from(arena, offset, length));
    return { oid, outcome: data ? scanBuffer(compiled, data, path, settings) : { kind: 'skipped', path, reason: 'binary' } };
  });
  parentPort?.postMessage({ id, outcomes });
});

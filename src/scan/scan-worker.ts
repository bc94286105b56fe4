import { parentPort, workerData } from 'node:worker_threads';
import { compileRules } from '../detect/compile.js';
import type { RuleSpec } from '../detect/rule.js';
import type { FileRef } from '../sources/content.js';
import { scanFile, type FileOutcome, type ScanSettings } from './scan-file.js';

export interface WorkerInit {
  specs: RuleSpec[];
  settings: ScanSettings;
}
export interface WorkerRequest {
  id: number;
  files: FileRef[];
}
export interface WorkerResponse {
  id: number;
  /** One list per file, in request order. */
  outcomes: FileOutcome[][];
}

const { specs, settings } = workerData as WorkerInit;
const compiled = compileRules(specs);
async function scanBatch({ id, files }: WorkerRequest): Promise<WorkerResponse> {
  const outcomes: FileOutcome[][] = [];
  for (const file of files) outcomes.push(await scanFile(compiled, file, settings));
  return { id, outcomes };
}

// One batch at a time, even while another waits: memory stays at one archive's worth per worker.
let queue = Promise.resolve();
parentPort?.on('message', (request: WorkerRequest) => {
  queue = queue.then(async () => parentPort?.postMessage(await scanBatch(request)));
});

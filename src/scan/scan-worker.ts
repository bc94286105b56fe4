import { parentPort, workerData } from 'node:worker_threads';
import { compileRules } from '../detect/compile.js';
import type { RuleSpec } from '../detect/rule.js';
import type { FileRef } from '../sources/content.js';
import { scanFile, type ScanSettings } from './scan-file.js';

export interface WorkerInit {
  specs: RuleSpec[];
  settings: ScanSettings;
}
export interface WorkerRequest {
  id: number;
  files: FileRef[];
}

const { specs, settings } = workerData as WorkerInit;
const compiled = compileRules(specs);
parentPort?.on('message', ({ id, files }: WorkerRequest) => {
  parentPort?.postMessage({ id, outcomes: files.map((file) => scanFile(compiled, file, settings)) });
});

import { neutralise } from '../report/redact.js';

/** Debug lines carry counts, paths and timings; never a secret or a line of scanned content. */
export function debugLog(options: { debug?: boolean }, message: string): void {
  // Paths in the message may hold anything, control characters included.
  if (options.debug) process.stderr.write(`debug: ${neutralise(message)}\n`);
}

/** Debug lines carry counts, paths and timings; never a secret or a line of scanned content. */
export function debugLog(options: { debug?: boolean }, message: string): void {
  if (options.debug) process.stderr.write(`debug: ${message}\n`);
}

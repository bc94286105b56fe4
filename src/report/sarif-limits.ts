import { gzipSync } from 'node:zlib';

/** GitHub code scanning's documented upload limits. */
export const GITHUB_MAX_RESULTS_PER_RUN = 25_000;
export const GITHUB_MAX_GZIP_BYTES = 10 * 1024 * 1024;

/** Warnings for a SARIF log GitHub would truncate or reject; empty when it fits. */
export function sarifLimitWarnings(sarif: string, resultCount: number): string[] {
  const warnings: string[] = [];
  if (resultCount > GITHUB_MAX_RESULTS_PER_RUN) {
    warnings.push(`the SARIF log has ${resultCount} results; GitHub code scanning accepts at most ${GITHUB_MAX_RESULTS_PER_RUN} per run (use a baseline or narrow the scan)`);
  }
  // Compressing costs time; text under the limit cannot exceed it once gzipped (JSON only shrinks).
  if (Buffer.byteLength(sarif) > GITHUB_MAX_GZIP_BYTES) {
    const compressed = gzipSync(sarif).length;
    if (compressed > GITHUB_MAX_GZIP_BYTES) {
      warnings.push(`the SARIF log is ${(compressed / 1024 / 1024).toFixed(1)} MB gzip-compressed; GitHub code scanning rejects uploads over 10 MB`);
    }
  }
  return warnings;
}

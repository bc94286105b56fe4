import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { GITHUB_MAX_RESULTS_PER_RUN, sarifLimitWarnings } from '../../src/report/sarif-limits.js';

describe('GitHub SARIF upload limits', () => {
  it('is silent for a log that fits', () => {
    expect(sarifLimitWarnings('{"runs":[]}', 10)).toEqual([]);
    // Big but compressible: under 10 MB once gzipped.
    expect(sarifLimitWarnings('x'.repeat(11 * 1024 * 1024), 1)).toEqual([]);
  });

  it('warns past 25,000 results or 10 MB gzip-compressed', () => {
    expect(sarifLimitWarnings('{}', GITHUB_MAX_RESULTS_PER_RUN + 1)[0]).toContain('at most 25000 per run');
    const incompressible = randomBytes(14 * 1024 * 1024).toString('base64');
    expect(sarifLimitWarnings(incompressible, 1)[0]).toMatch(/MB gzip-compressed; GitHub code scanning rejects uploads over 10 MB/);
  });
});

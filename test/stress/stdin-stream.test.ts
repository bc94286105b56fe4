import { describe, expect, it } from 'vitest';
import { MiB, scanPlantedStdin } from '../helpers/stdin-feed.js';

describe('stress: standard input', () => {
  it('100 MB on stdin: tokens across a chunk edge and near the end found once, in place, in flat memory', async () => {
    const run = await scanPlantedStdin(100 * MiB);
    expect(run.code, run.stderr).toBe(1);
    expect(run.report.findings.map((f) => [f.startLine, f.startColumn])).toEqual(run.where);
    // Reading it all into memory took 100 MB for the bytes alone, several times that while scanning.
    // 715 rules loaded: up to 378 MB seen on Node 24.
    expect(run.maxRssKiB).toBeLessThan(400 * 1024);
  });
});

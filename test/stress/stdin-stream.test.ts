import { describe, expect, it } from 'vitest';
import { DEMO_PACK } from '../helpers/cli.js';
import { feed, MiB, type StdinReport } from '../helpers/stdin-feed.js';
import { fakeDemoToken } from '../helpers/tokens.js';

const DEMO = ['--no-config', '--rules', DEMO_PACK];

describe('stress: standard input', () => {
  it('100 MB on stdin: tokens across a chunk edge and near the end found once, in place, in flat memory', async () => {
    const total = 100 * MiB;
    const planted = [
      { offset: 16 * MiB - 10, token: fakeDemoToken() },
      { offset: total - 200, token: fakeDemoToken() },
    ];
    const run = await feed(['scan', '-', ...DEMO, '-f', 'json', '--max-file-size', String(200 * MiB)], total, planted);
    expect(run.code, run.stderr).toBe(1);
    const report = JSON.parse(run.stdout) as StdinReport;
    expect(report.findings.map((f) => [f.startLine, f.startColumn])).toEqual(run.where);
    // Reading it all into memory took 100 MB for the bytes alone, several times that while scanning.
    // 715 rules loaded: up to 378 MB seen on Node 24.
    expect(run.maxRssKiB).toBeLessThan(400 * 1024);
  });
});

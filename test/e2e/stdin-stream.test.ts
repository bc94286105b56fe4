import { describe, expect, it } from 'vitest';
import { DEMO_PACK, runCli } from '../helpers/cli.js';
import { feed, MiB, scanPlantedStdin, type StdinReport } from '../helpers/stdin-feed.js';
import { fakeDemoToken } from '../helpers/tokens.js';

const DEMO = ['--no-config', '--rules', DEMO_PACK];

describe('scan - streams standard input through the chunked reader', () => {
  it('40 MB on stdin: tokens across a chunk edge and near the end found once, in place', async () => {
    const run = await scanPlantedStdin(40 * MiB);
    expect(run.code, run.stderr).toBe(1);
    expect(run.report.findings.map((f) => [f.startLine, f.startColumn])).toEqual(run.where);
    expect(run.report.findings.every((f) => f.path === '<stdin>')).toBe(true);
    expect(run.report.stats.files).toBe(1);
  });

  it('an endless stream stops at --max-file-size: findings before it reported, a warning for the rest, exit by the findings', async () => {
    const token = fakeDemoToken();
    const run = await feed(['scan', '-', ...DEMO, '-f', 'json', '--max-file-size', String(MiB)], Number.MAX_SAFE_INTEGER, [{ offset: 1000, token }]);
    expect(run.code, run.stderr).toBe(1);
    const report = JSON.parse(run.stdout) as StdinReport;
    expect(report.findings).toHaveLength(1);
    expect(report.stats.bytes).toBe(MiB);
    expect(report.stats.skipped['too-large']).toBe(1);
    expect(run.stderr).toContain(`warning: <stdin>: larger than --max-file-size (${MiB} bytes): only its first ${MiB} bytes were scanned`);
  });

  it('binary input is skipped after its first chunk, however long', async () => {
    const random = Buffer.alloc(2 * MiB);
    for (let i = 0; i < random.length; i++) random[i] = (i * 7919) % 256;
    const run = await runCli(['scan', '-', ...DEMO, '-f', 'json'], { input: random });
    expect(run.code, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as StdinReport).stats.skipped.binary).toBe(1);
  });
});

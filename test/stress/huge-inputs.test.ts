import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_PACK, runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';
import { fakeDemoToken } from '../helpers/tokens.js';

const DEMO = ['--rules', DEMO_PACK, '--no-config'];

interface JsonReport {
  findings: { path: string; startLine: number; startColumn: number; line: string }[];
  stats: { files: number; skipped: Record<string, number> };
}

describe('stress: huge inputs', () => {
  it('a single 20 MB line: tokens at its start, middle and end, with short context', async () => {
    const dir = tempDir();
    const filler = Buffer.alloc(10 * 1024 * 1024, 'a b=c; ');
    const tokens = [fakeDemoToken(), fakeDemoToken(), fakeDemoToken()];
    writeFileSync(path.join(dir, 'long.min.js'), Buffer.concat([Buffer.from(`T=${tokens[0]} `), filler, Buffer.from(` T=${tokens[1]} `), filler, Buffer.from(` T=${tokens[2]}\n`)]));
    const started = performance.now();
    const result = await runCli(['scan', dir, ...DEMO, '-f', 'json', '--max-file-size', String(64 * 1024 * 1024)]);
    // Generous: a few seconds on a quiet machine.
    expect(performance.now() - started).toBeLessThan(120_000);
    expect(result.code, result.stderr).toBe(1);
    const report = JSON.parse(result.stdout) as JsonReport;
    const second = 3 + 29 + filler.length + 3;
    expect(report.findings.map((finding) => [finding.startLine, finding.startColumn])).toEqual([
      [1, 3],
      [1, second],
      [1, second + 29 + filler.length + 3],
    ]);
    // The report quotes a window around each secret, never the 20 MB line.
    expect(result.stdout.length).toBeLessThan(10_000);
    // Over the default size limit it is skipped, and the skip is counted.
    const skipped = JSON.parse((await runCli(['scan', dir, ...DEMO, '-f', 'json'])).stdout) as JsonReport;
    expect(skipped.stats.skipped['too-large']).toBe(1);
  });

  it('a 72 MB file, over the size read whole, is scanned in chunks: tokens near chunk edges found once, in place', async () => {
    const dir = tempDir();
    const line = 'ordinary text = value; more text here, nothing secret at all 0123456\r\n';
    const lines = Array<string>(Math.ceil((72 * 1024 * 1024) / line.length)).fill(line);
    const MB = 1024 * 1024;
    // Near where the first chunks end (16 MB, 31 MB) and where ownership passes between them.
    const planted = [15.5 * MB, 16 * MB, 31 * MB - 20].map((offset) => Math.floor(offset / line.length) + 1);
    for (const lineNumber of planted) lines[lineNumber - 1] = `${line.slice(0, 40)} T=${fakeDemoToken()} \r\n`;
    writeFileSync(path.join(dir, 'big.log'), lines.join(''));
    const result = await runCli(['scan', dir, ...DEMO, '-f', 'json', '--max-file-size', String(100 * MB)]);
    expect(result.code, result.stderr).toBe(1);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.findings.map((finding) => [finding.startLine, finding.startColumn])).toEqual(planted.map((lineNumber) => [lineNumber, 44]));
  });

  it('100,000 small files', async () => {
    const dir = tempDir();
    const token = fakeDemoToken();
    for (let d = 0; d < 100; d++) {
      mkdirSync(path.join(dir, `d${d}`));
      for (let f = 0; f < 1000; f++) writeFileSync(path.join(dir, `d${d}`, `f${f}.txt`), d === 77 && f === 777 ? `T=${token}\n` : `hello ${f}\n`);
    }
    const result = await runCli(['scan', dir, ...DEMO, '-f', 'json']);
    expect(result.code, result.stderr).toBe(1);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.stats.files).toBe(100_000);
    expect(report.findings.map((finding) => path.basename(finding.path))).toEqual(['f777.txt']);
  });
});

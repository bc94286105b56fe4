import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, DEMO_PACK, runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';
import { fakeDemoToken } from '../helpers/tokens.js';

const DEMO = ['--no-config', '--rules', DEMO_PACK];
const MiB = 1024 * 1024;

interface JsonReport {
  findings: { path: string; startLine: number; startColumn: number }[];
  stats: { files: number; bytes: number; skipped: Record<string, number> };
}

interface Planted {
  offset: number;
  token: string;
}

/**
 * Feeds `total` bytes of ordinary lines to the CLI's standard input, with tokens starting at the
 * given offsets, honouring backpressure; stops early, without error, if the CLI stops reading.
 * Resolves with where each token landed (line, column), the CLI's output and its peak RSS in KiB,
 * which a preloaded module writes when the CLI exits.
 */
async function feed(args: readonly string[], total: number, planted: readonly Planted[]): Promise<{ code: number | null; stdout: string; stderr: string; maxRssKiB: number; where: [number, number][] }> {
  const dir = tempDir();
  const rssFile = path.join(dir, 'maxrss');
  const preload = path.join(dir, 'maxrss.mjs');
  writeFileSync(preload, `import { writeFileSync } from 'node:fs';\nprocess.on('exit', () => writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS)));\n`);
  const child = spawn(process.execPath, ['--import', preload, CLI, ...args], { env: { ...process.env, NO_COLOR: '1' }, stdio: ['pipe', 'pipe', 'pipe'] });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
  child.stdin.on('error', () => {
    // EPIPE: the CLI stopped reading (it read what it was allowed to).
  });
  const closed = new Promise<number | null>((resolve) => child.on('close', resolve));

  const filler = 'ordinary text = value; more text here, nothing secret at all 0123456\n';
  const where: [number, number][] = [];
  let offset = 0;
  let line = 1;
  let next = 0;
  let open = true;
  child.stdin.on('close', () => (open = false));
  while (offset < total && open) {
    let piece = '';
    while (piece.length < MiB && offset + piece.length < total) {
      const at = offset + piece.length;
      const target = planted[next];
      if (target && target.offset < at + filler.length) {
        // Spaces up to the token's offset, on the current line.
        const pad = ' '.repeat(target.offset - at);
        where.push([line, pad.length + 1]);
        piece += `${pad}${target.token} T\n`;
        next++;
      } else piece += filler;
      line++;
    }
    offset += piece.length;
    if (!child.stdin.write(piece)) await new Promise((resolve) => child.stdin.once('drain', resolve).once('close', resolve));
  }
  child.stdin.end();
  const code = await closed;
  return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), maxRssKiB: Number(readFileSync(rssFile, 'utf8')), where };
}

describe('scan - streams standard input through the chunked reader', () => {
  it('100 MB on stdin: tokens across a chunk edge and near the end found once, in place, in flat memory', async () => {
    const total = 100 * MiB;
    // The first chunk ends at 16 MiB: one token straddles that edge; one sits just before the end.
    const planted = [
      { offset: 16 * MiB - 10, token: fakeDemoToken() },
      { offset: total - 200, token: fakeDemoToken() },
    ];
    const run = await feed(['scan', '-', ...DEMO, '-f', 'json', '--max-file-size', String(200 * MiB)], total, planted);
    expect(run.code, run.stderr).toBe(1);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.findings.map((f) => [f.startLine, f.startColumn])).toEqual(run.where);
    expect(report.findings.every((f) => f.path === '<stdin>')).toBe(true);
    expect(report.stats.files).toBe(1);
    // Reading it all into memory took 100 MB for the bytes alone, several times that while scanning.
    // 715 rules loaded: up to 378 MB seen on Node 24 (which grows ~70 MB from 32 to 100 MB of input).
    expect(run.maxRssKiB).toBeLessThan(400 * 1024);
  });

  it('an endless stream stops at --max-file-size: findings before it reported, a warning for the rest, exit by the findings', async () => {
    const token = fakeDemoToken();
    const run = await feed(['scan', '-', ...DEMO, '-f', 'json', '--max-file-size', String(MiB)], Number.MAX_SAFE_INTEGER, [{ offset: 1000, token }]);
    expect(run.code, run.stderr).toBe(1);
    const report = JSON.parse(run.stdout) as JsonReport;
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
    expect((JSON.parse(run.stdout) as JsonReport).stats.skipped.binary).toBe(1);
  });
});

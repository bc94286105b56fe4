import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CLI, cliEnv, DEMO_PACK } from './cli.js';
import { tempDir } from './temp.js';
import { fakeDemoToken } from './tokens.js';

export const MiB = 1024 * 1024;

export interface StdinReport {
  findings: { path: string; startLine: number; startColumn: number }[];
  stats: { files: number; bytes: number; skipped: Record<string, number> };
}

export interface Planted {
  offset: number;
  token: string;
}

/**
 * Feeds `total` bytes of ordinary lines to the CLI's standard input, with tokens starting at the
 * given offsets, honouring backpressure; stops early, without error, if the CLI stops reading.
 * Resolves with where each token landed (line, column), the CLI's output and its peak RSS in KiB,
 * which a preloaded module writes when the CLI exits.
 */
export async function feed(args: readonly string[], total: number, planted: readonly Planted[]): Promise<{ code: number | null; stdout: string; stderr: string; maxRssKiB: number; where: [number, number][] }> {
  const dir = tempDir();
  const rssFile = path.join(dir, 'maxrss');
  const preload = path.join(dir, 'maxrss.mjs');
  writeFileSync(preload, `import { writeFileSync } from 'node:fs';\nprocess.on('exit', () => writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS)));\n`);
  const child = spawn(process.execPath, ['--import', preload, CLI, ...args], { env: cliEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
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
    if (!child.stdin.write(piece)) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          child.stdin.off('drain', done).off('close', done);
          resolve();
        };
        child.stdin.on('drain', done).on('close', done);
      });
    }
  }
  child.stdin.end();
  const code = await closed;
  return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), maxRssKiB: Number(readFileSync(rssFile, 'utf8')), where };
}

/**
 * `total` bytes on a scan's standard input with a demo token across the first chunk's edge (16 MiB)
 * and one just before the end; the run, its JSON report, and where the tokens were put.
 */
export async function scanPlantedStdin(total: number): Promise<Awaited<ReturnType<typeof feed>> & { report: StdinReport }> {
  const planted = [
    { offset: 16 * MiB - 10, token: fakeDemoToken() },
    { offset: total - 200, token: fakeDemoToken() },
  ];
  const run = await feed(['scan', '-', '--no-config', '--rules', DEMO_PACK, '-f', 'json', '--max-file-size', String(200 * MiB)], total, planted);
  return { ...run, report: JSON.parse(run.stdout || '{}') as StdinReport };
}

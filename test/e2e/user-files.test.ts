import { execFileSync, spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, ftruncateSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, cliEnv, DEMO_PACK, type CliResult } from '../helpers/cli.js';
import { initRepo } from '../helpers/git.js';
import { tempDir } from '../helpers/temp.js';

/**
 * runCli, but the child is killed if it has not finished in `killAfterMs`: a regression that waits
 * on a FIFO or reads /dev/zero must fail this test (exit code null), not hang the suite. The bound
 * is a guard, not an assertion on time.
 */
function runBounded(args: readonly string[], cwd: string, killAfterMs = 90_000): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: cliEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

function repoWith(config: string): string {
  const dir = tempDir();
  writeFileSync(path.join(dir, '.secretsift.yaml'), config);
  writeFileSync(path.join(dir, 'a.txt'), 'nothing here\n');
  return dir;
}

describe('files a config or flag names are read only when they are regular files of bounded size', () => {
  it('a missing config, rule pack or baseline is named, with that it does not exist, before anything is scanned', async () => {
    const dir = repoWith('{}\n');
    initRepo(dir);
    const missing = path.join(dir, 'nope', 'missing.yaml');
    for (const [args, message] of [
      [['scan', '.', '-c', missing], `${missing}: cannot read config: it does not exist`],
      [['scan', '.', '--no-config', '--rules', missing], `${missing}: cannot read rule pack: it does not exist`],
      [['rules', 'test', missing], `${missing}: cannot read rule pack: it does not exist`],
      [['history', '.', '--no-config', '-o', path.join(dir, 'nope', 'report.json')], `cannot write ${path.join(dir, 'nope', 'report.json')}: its directory does not exist`],
    ] as const) {
      const run = await runBounded(args, dir);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toBe(`secretsift: ${message}\n`);
    }
  });

  it.each([
    ['rules: [/dev/zero]', 'rules: [/dev/zero]\n', '/dev/zero: cannot read rule pack: not a regular file (a device, FIFO or socket)'],
    ['defaults.baseline: /dev/urandom', 'defaults:\n  baseline: /dev/urandom\n', '/dev/urandom: cannot read baseline: not a regular file (a device, FIFO or socket)'],
    ['defaults.baseline: /dev/zero', 'defaults:\n  baseline: /dev/zero\n', '/dev/zero: cannot read baseline: not a regular file'],
    ['rules: [a directory]', 'rules: [sub]\n', 'sub: cannot read rule pack: is a directory, not a file'],
  ])('%s: exit 2 at once, naming the file', async (_name, config, message) => {
    const dir = repoWith(config);
    mkdirSync(path.join(dir, 'sub'));
    const run = await runBounded(['scan', '.'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr.split('\n')).toHaveLength(2);
  });

  it('a FIFO named as config, rule pack or baseline is refused without waiting for a writer', async () => {
    const dir = tempDir();
    const fifo = path.join(dir, 'pipe.yaml');
    execFileSync('mkfifo', [fifo]);
    writeFileSync(path.join(dir, 'a.txt'), 'nothing here\n');
    for (const [args, kind] of [
      [['--config', fifo], 'config'],
      [['--no-config', '--rules', fifo], 'rule pack'],
      [['--no-config', '--baseline', fifo], 'baseline'],
    ] as const) {
      const run = await runBounded(['scan', 'a.txt', ...args], dir);
      expect(run.code, kind).toBe(2);
      expect(run.stderr, kind).toContain(`${fifo}: cannot read ${kind}: not a regular file (a device, FIFO or socket)`);
    }
    // A repository's own .secretsift.yaml may be a symlink to one: followed, then refused.
    symlinkSync(fifo, path.join(dir, '.secretsift.yaml'));
    const found = await runBounded(['scan', 'a.txt'], dir);
    expect(found.code).toBe(2);
    expect(found.stderr).toContain('.secretsift.yaml: cannot read config: not a regular file');
  });

  it('a config or pack over 16 MiB, or a baseline over 128 MiB, is refused by size without being read', async () => {
    const dir = tempDir();
    const sparse = (name: string, bytes: number): string => {
      const file = path.join(dir, name);
      const fd = openSync(file, 'w');
      ftruncateSync(fd, bytes);
      closeSync(fd);
      return file;
    };
    const config = sparse('big.yaml', 16 * 1024 * 1024 + 1);
    const baseline = sparse('big.json', 128 * 1024 * 1024 + 1);
    writeFileSync(path.join(dir, 'a.txt'), 'nothing here\n');
    const cases = [
      [['--config', config], `${config}: cannot read config: larger than 16 MiB, the limit for a config`],
      [['--no-config', '--rules', config], `${config}: cannot read rule pack: larger than 16 MiB, the limit for a rule pack`],
      [['--no-config', '--rules', DEMO_PACK, '--baseline', baseline], `${baseline}: cannot read baseline: larger than 128 MiB, the limit for a baseline`],
    ] as const;
    for (const [args, message] of cases) {
      const run = await runBounded(['scan', 'a.txt', ...args], dir);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(message);
    }
  });
});

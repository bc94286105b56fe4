import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { CLI, cliEnv, DEMO_PACK, runCli, type CliResult } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';
import { fakeDemoToken } from '../helpers/tokens.js';

const DEMO = ['--no-config', '--rules', DEMO_PACK];

interface Running {
  child: ChildProcessWithoutNullStreams;
  stderr: () => string;
  done: Promise<CliResult>;
}

/** Starts the CLI and leaves its standard input open: `baseline update -` then holds the lock until the test feeds it. */
function start(args: readonly string[], cwd: string): Running {
  const child = spawn(process.execPath, [CLI, ...args], { cwd, env: cliEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
  return { child, stderr: () => Buffer.concat(err).toString('utf8'), done };
}

/** Waits for a condition another process brings about; the bound only turns a hang into a failure. */
async function until(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !condition(); waited += 20) {
    if (waited > 90_000) throw new Error(`gave up waiting for ${what}`);
    await sleep(20);
  }
}

/** A directory with two leaks in one file and an empty baseline beside it; the first leak is also fed on stdin. */
function setup(): { dir: string; baseline: string; lock: string; first: string } {
  const dir = tempDir();
  const first = fakeDemoToken();
  writeFileSync(path.join(dir, 'keys.env'), `A=${first}\nB=${fakeDemoToken()}\n`);
  const baseline = path.join(dir, 'base.json');
  return { dir, baseline, lock: `${baseline}.lock`, first };
}

async function emptyBaseline(dir: string): Promise<void> {
  const created = await runCli(['baseline', 'create', '-', ...DEMO, '-o', 'base.json'], { cwd: dir, input: '' });
  expect(created.code, created.stderr).toBe(0);
}

describe('concurrent baseline updates take turns on a lock file', () => {
  it('the second update fails at once with --lock-timeout 0, naming the holder; the baseline keeps the first one\'s write', async () => {
    const { dir, baseline, lock, first } = setup();
    await emptyBaseline(dir);
    const holder = start(['baseline', 'update', '-', ...DEMO, '-b', 'base.json'], dir);
    await until(() => existsSync(lock), 'the first update to take the lock');

    const before = readFileSync(baseline, 'utf8');
    const second = await runCli(['baseline', 'update', 'keys.env', ...DEMO, '-b', 'base.json', '--lock-timeout', '0'], { cwd: dir });
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(/^secretsift: [^\n]+\n$/);
    expect(second.stderr).toContain(`${baseline} is locked by another secretsift run (pid ${holder.child.pid} on `);
    expect(second.stderr).toContain(`try again when it has finished, or delete ${lock} if no secretsift is running`);
    expect(readFileSync(baseline, 'utf8')).toBe(before);

    holder.child.stdin.end(`TOKEN=${first}\n`);
    const firstRun = await holder.done;
    expect(firstRun.code, firstRun.stderr).toBe(0);
    expect(firstRun.stdout).toMatch(/1 added, 0 removed, 0 moved, 0 unchanged/);
    expect(existsSync(lock)).toBe(false);
  });

  it('a second update that waits runs after the first, on what the first wrote: both findings end up in the file', async () => {
    const { dir, baseline, lock, first } = setup();
    await emptyBaseline(dir);
    const holder = start(['baseline', 'update', '-', ...DEMO, '-b', 'base.json'], dir);
    await until(() => existsSync(lock), 'the first update to take the lock');
    const waiter = start(['baseline', 'update', 'keys.env', ...DEMO, '-b', 'base.json', '--lock-timeout', '600'], dir);
    waiter.child.stdin.end();
    await until(() => waiter.stderr().includes('waiting up to 600 s for base.json'), 'the second update to wait');

    holder.child.stdin.end(`TOKEN=${first}\n`);
    expect((await holder.done).code).toBe(0);
    const second = await waiter.done;
    expect(second.code, second.stderr).toBe(0);
    // It read the first one's write: the stdin entry moved to keys.env, the other one is new.
    expect(second.stdout).toMatch(/^moved +demo-token +<stdin>:1 -> keys\.env:1 /m);
    expect(second.stdout).toMatch(/^added +demo-token +keys\.env:2 /m);
    expect(second.stdout).toMatch(/1 added, 0 removed, 1 moved, 0 unchanged/);
    const entries = (JSON.parse(readFileSync(baseline, 'utf8')) as { entries: { locations: { path: string; line: number }[] }[] }).entries;
    expect(entries.map((entry) => entry.locations)).toEqual([[{ path: 'keys.env', line: 1 }], [{ path: 'keys.env', line: 2 }]]);
    expect(existsSync(lock)).toBe(false);
  });

  it('SIGTERM releases the lock; a lock left by a killed run is broken by the next one', async () => {
    const { dir, lock } = setup();
    await emptyBaseline(dir);
    const terminated = start(['baseline', 'update', '-', ...DEMO, '-b', 'base.json'], dir);
    await until(() => existsSync(lock), 'the update to take the lock');
    terminated.child.kill('SIGTERM');
    expect((await terminated.done).code).toBe(143);
    expect(existsSync(lock)).toBe(false);

    const killed = start(['baseline', 'update', '-', ...DEMO, '-b', 'base.json'], dir);
    await until(() => existsSync(lock), 'the update to take the lock');
    killed.child.kill('SIGKILL');
    await killed.done;
    expect(existsSync(lock)).toBe(true);
    const next = await runCli(['baseline', 'update', 'keys.env', ...DEMO, '-b', 'base.json', '--lock-timeout', '0'], { cwd: dir });
    expect(next.code, next.stderr).toBe(0);
    expect(next.stdout).toMatch(/2 added/);
    expect(existsSync(lock)).toBe(false);
  });
});

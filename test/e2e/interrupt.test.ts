import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, cliEnv, DEMO_PACK } from '../helpers/cli.js';
import { git, initRepo } from '../helpers/git.js';
import { tempDir, writeTree } from '../helpers/temp.js';
import { fakeDemoToken } from '../helpers/tokens.js';

const DEMO = ['--rules', DEMO_PACK, '--no-config'];

interface Running {
  child: ChildProcess;
  /** Resolves once stderr has shown `text`. */
  saw(text: string): Promise<void>;
  exited: Promise<{ code: number | null; stderr: string }>;
}

/** Starts the CLI with stdin left open, so a scan of "-" waits until it is interrupted. */
function start(args: readonly string[], env: NodeJS.ProcessEnv = {}): Running {
  const child = spawn(process.execPath, [CLI, ...args], { env: cliEnv(env), stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  const waiters: { text: string; resolve: () => void }[] = [];
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
    for (const waiter of waiters.filter((w) => stderr.includes(w.text))) waiter.resolve();
  });
  child.stdout?.resume();
  return {
    child,
    saw: (text) => new Promise((resolve) => (stderr.includes(text) ? resolve() : waiters.push({ text, resolve }))),
    exited: new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr }))),
  };
}

/** Live children of `pid` (Linux /proc), zombies excluded: an ended child is not running. */
function childrenOf(pid: number): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(ppid) === pid && state !== 'Z') found.push(Number(entry));
    } catch {
      // Gone while we looked.
    }
  }
  return found;
}

/** The command line of `pid`, or '' once it has exited: a child can end between listing and reading. */
function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return '';
  }
}

function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

async function until(check: () => boolean, ms = 60_000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

describe('an interrupted run', () => {
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    it(`${signal} mid-scan: exit ${code}, the previous report intact, no temp file left`, async () => {
      const dir = tempDir();
      writeTree(dir, { 'a.env': `T=${fakeDemoToken()}\n` });
      // Outside the scanned directory: a report may not replace a file the scan reads.
      const out = tempDir();
      const report = path.join(out, 'report.json');
      writeFileSync(report, '{"previous": "report"}\n');
      const run = start(['scan', dir, '-', ...DEMO, '-f', 'json', '-o', report, '--debug']);
      // The scan is waiting for standard input, which never ends.
      await run.saw('debug: config');
      run.child.kill(signal);
      const { code: exitCode, stderr } = await run.exited;
      expect(exitCode, stderr).toBe(code);
      expect(stderr).toContain(`interrupted by ${signal}`);
      expect(readFileSync(report, 'utf8')).toBe('{"previous": "report"}\n');
      expect(readdirSync(out)).toEqual(['report.json']);
    });
  }

  it.skipIf(process.platform !== 'linux')('SIGINT during history ends the git process reading objects', async () => {
    const repo = tempDir();
    initRepo(repo);
    writeTree(repo, { 'a.env': `T=${fakeDemoToken()}\n` });
    git(repo, ['add', '-A']);
    git(repo, ['commit', '-q', '-m', 'a']);
    // A git whose object reader never answers, so the run is surely mid-read when interrupted.
    const bin = tempDir();
    const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    writeFileSync(path.join(bin, 'git'), `#!/bin/sh\ncase "$*" in *cat-file*) exec sleep 120;; esac\nexec "${realGit}" "$@"\n`);
    chmodSync(path.join(bin, 'git'), 0o755);
    const run = start(['history', repo, ...DEMO, '--threads', '0', '--debug'], { PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}` });
    await run.saw('debug: config');
    const pid = run.child.pid as number;
    const readers = (): number[] => childrenOf(pid).filter((child) => commandOf(child).startsWith('sleep'));
    expect(await until(() => readers().length > 0)).toBe(true);
    const reader = readers();
    run.child.kill('SIGINT');
    const { code } = await run.exited;
    expect(code).toBe(130);
    expect(await until(() => !reader.some(isRunning))).toBe(true);
  });
});

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, cliEnv, DEMO_PACK, runCli, type CliResult } from '../helpers/cli.js';
import { git, initRepo } from '../helpers/git.js';
import { leakedPieces } from '../helpers/secret-corpus.js';
import { tempDir, writeTree } from '../helpers/temp.js';
import { fakeDemoToken } from '../helpers/tokens.js';

const DEMO = ['--no-config', '--rules', DEMO_PACK];
const BASHRC = 'export PATH=/usr/bin\n';

/** A cloned-looking repository with a leak, next to a "home" holding a file a report must never replace. */
function hostileRepo(): { repo: string; home: string; bashrc: string; token: string } {
  const root = tempDir();
  const repo = path.join(root, 'repo');
  const home = path.join(root, 'home');
  mkdirSync(repo);
  mkdirSync(home);
  const bashrc = path.join(home, '.bashrc');
  writeFileSync(bashrc, BASHRC);
  const token = fakeDemoToken();
  initRepo(repo);
  writeTree(repo, { 'app.env': `TOKEN=${token}\n` });
  symlinkSync(bashrc, path.join(repo, 'report.txt'));
  symlinkSync(home, path.join(repo, 'reports'));
  git(repo, ['add', '-A']);
  git(repo, ['commit', '-q', '-m', 'init']);
  return { repo, home, bashrc, token };
}

/** Runs the CLI with standard input left open: a run that got as far as reading it would never end. */
function runWithStdinOpen(args: readonly string[], cwd: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: cliEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    // A guard so that a regression fails (code null) rather than hangs; not an assertion on time.
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      child.stdin.destroy();
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

describe('-o never follows a symlink planted in the scanned repository', () => {
  it('report.txt -> ~/.bashrc: every scanning command refuses, exit 2, the target untouched', async () => {
    const { repo, home, bashrc, token } = hostileRepo();
    for (const command of [['scan', '.'], ['history', '.'], ['baseline', 'create', '.']]) {
      const run = await runCli([...command, ...DEMO, '-o', 'report.txt'], { cwd: repo });
      expect(run.code, command.join(' ')).toBe(2);
      expect(run.stderr).toContain('cannot write report.txt: ');
      expect(run.stderr).toContain('cannot write report.txt: it is a symbolic link inside the scanned paths');
      expect(leakedPieces(run.stdout + run.stderr, [token])).toEqual([]);
    }
    expect(readFileSync(bashrc, 'utf8')).toBe(BASHRC);
    expect(readdirSync(home)).toEqual(['.bashrc']);
  });

  it('a symlinked directory on the way (reports -> ~): refused, nothing created there', async () => {
    const { repo, home } = hostileRepo();
    const run = await runCli(['scan', '.', ...DEMO, '-o', 'reports/leaks.json'], { cwd: repo });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('cannot write reports/leaks.json: ');
    expect(readdirSync(home)).toEqual(['.bashrc']);
  });

  it('a baseline the config names outside its own directory, or through a planted link, is never written', async () => {
    const { repo, home, bashrc } = hostileRepo();
    for (const baseline of ['../home/new.json', 'report.txt', 'reports/new.json']) {
      writeFileSync(path.join(repo, '.secretsift.yaml'), `rules: [${DEMO_PACK}]\ndefaults:\n  baseline: ${baseline}\n`);
      for (const command of ['create', 'update']) {
        const run = await runCli(['baseline', command, '.'], { cwd: repo });
        expect(run.code, `${command} ${baseline}`).toBe(2);
        expect(run.stderr, `${command} ${baseline}`).toMatch(/\.secretsift\.yaml:3: defaults\.baseline points outside the directory of the config|is a symbolic link inside the scanned paths/);
      }
    }
    expect(readFileSync(bashrc, 'utf8')).toBe(BASHRC);
    expect(readdirSync(home)).toEqual(['.bashrc']);
  });

  it('a symlink the user made outside the scanned paths is followed (the user chose it)', async () => {
    const { repo, home } = hostileRepo();
    const elsewhere = tempDir();
    symlinkSync(path.join(home, 'latest.json'), path.join(elsewhere, 'latest.json'));
    const run = await runCli(['scan', '.', ...DEMO, '-f', 'json', '-o', path.join(elsewhere, 'latest.json')], { cwd: repo });
    expect(run.code, run.stderr).toBe(1);
    expect(JSON.parse(readFileSync(path.join(home, 'latest.json'), 'utf8'))).toMatchObject({ findings: [{ ruleId: 'demo-token' }] });
  });
});

describe('-o onto a file being read is refused', () => {
  it('scan leak.txt -o leak.txt: exit 2, the source untouched', async () => {
    const dir = tempDir();
    const source = `TOKEN=${fakeDemoToken()}\n`;
    writeFileSync(path.join(dir, 'leak.txt'), source);
    const run = await runCli(['scan', 'leak.txt', ...DEMO, '-o', 'leak.txt'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('refusing to write the report to leak.txt: it is a file being scanned');
    expect(readFileSync(path.join(dir, 'leak.txt'), 'utf8')).toBe(source);
  });

  it('a file the scan lists inside a scanned directory, or the baseline it applies: refused; an ignored old report: replaced', async () => {
    const dir = tempDir();
    initRepo(dir);
    const source = `TOKEN=${fakeDemoToken()}\n`;
    writeTree(dir, { 'src/config.env': source, '.gitignore': 'report.json\n', 'report.json': 'old report\n' });
    const scanned = await runCli(['scan', '.', ...DEMO, '-o', 'src/config.env'], { cwd: dir });
    expect(scanned.code).toBe(2);
    expect(scanned.stderr).toContain('refusing to write the report to src/config.env: it is a file being scanned');
    expect(readFileSync(path.join(dir, 'src/config.env'), 'utf8')).toBe(source);

    expect((await runCli(['baseline', 'create', '.', ...DEMO, '-o', 'base.json'], { cwd: dir })).code).toBe(0);
    const baseline = readFileSync(path.join(dir, 'base.json'), 'utf8');
    const onBaseline = await runCli(['scan', '.', ...DEMO, '--baseline', 'base.json', '-o', 'base.json'], { cwd: dir });
    expect(onBaseline.code).toBe(2);
    expect(onBaseline.stderr).toContain('it is the config, a rule pack or the baseline');
    expect(readFileSync(path.join(dir, 'base.json'), 'utf8')).toBe(baseline);

    const ignored = await runCli(['scan', '.', ...DEMO, '-f', 'json', '-o', 'report.json'], { cwd: dir });
    expect(ignored.code, ignored.stderr).toBe(1);
    expect(JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8'))).toMatchObject({ findings: [{ path: 'src/config.env' }] });
  });
});

describe('the destination is checked before the scan starts', () => {
  it.each([
    ['a missing directory', 'nope/report.json', 'cannot write nope/report.json: its directory does not exist'],
    ['a directory', 'out', 'cannot write out: is a directory'],
    ['a file as a directory', 'file.txt/report.json', 'cannot write file.txt/report.json: a parent of it is not a directory'],
  ])('%s: exit 2 naming it (never a temp file), standard input never read', async (_name, output, message) => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'out'));
    writeFileSync(path.join(dir, 'file.txt'), 'x\n');
    const run = await runWithStdinOpen(['scan', '-', ...DEMO, '-o', output], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`secretsift: ${message}\n`);
    expect(run.stderr).not.toContain('.tmp');
    expect(existsSync(path.join(dir, 'out', 'report.json'))).toBe(false);
  });
});

describe('non-regular destinations', () => {
  it('/dev/stdout in a pipe gets the report; /dev/null swallows it', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a.env'), `TOKEN=${fakeDemoToken()}\n`);
    const toStdout = await runCli(['scan', 'a.env', ...DEMO, '-f', 'json', '-o', '/dev/stdout'], { cwd: dir });
    expect(toStdout.code, toStdout.stderr).toBe(1);
    expect(JSON.parse(toStdout.stdout)).toMatchObject({ findings: [{ ruleId: 'demo-token' }] });
    const toNull = await runCli(['scan', 'a.env', ...DEMO, '-f', 'json', '-o', '/dev/null'], { cwd: dir });
    expect(toNull.code, toNull.stderr).toBe(1);
    expect(toNull.stdout).toBe('');
    expect(readdirSync(dir)).toEqual(['a.env']);
  });
});

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_PACK, runCli } from '../helpers/cli.js';
import { git, initRepo } from '../helpers/git.js';
import { tempDir, writeTree } from '../helpers/temp.js';
import { fakeDemoToken } from '../helpers/tokens.js';

const DEMO = ['--rules', DEMO_PACK, '--no-config'];

interface JsonReport {
  findings: { path: string; startLine: number }[];
}

function repoWith(files: Record<string, string>): string {
  const repo = tempDir();
  initRepo(repo);
  writeTree(repo, files);
  git(repo, ['add', '-A']);
  git(repo, ['commit', '-q', '-m', 'initial']);
  return repo;
}

async function staged(repo: string, extra: readonly string[] = []): Promise<{ code: number | null; findings: JsonReport['findings']; stdout: string }> {
  const result = await runCli(['staged', repo, ...DEMO, '-f', 'json', ...extra]);
  return { code: result.code, findings: result.stdout ? (JSON.parse(result.stdout) as JsonReport).findings : [], stdout: result.stdout };
}

describe('secretsift staged', () => {
  it('reports a secret on a staged line, and not one only in the working tree', async () => {
    const repo = repoWith({ 'app.py': 'print("hi")\n' });
    const stagedToken = fakeDemoToken();
    const unstagedToken = fakeDemoToken();
    writeTree(repo, { 'app.py': `print("hi")\nTOKEN = "${stagedToken}"\n` });
    git(repo, ['add', 'app.py']);
    writeTree(repo, { 'app.py': `print("hi")\nTOKEN = "${stagedToken}"\nOTHER = "${unstagedToken}"\n`, 'untracked.env': `X=${fakeDemoToken()}\n` });

    const { code, findings } = await staged(repo);
    expect(code).toBe(1);
    expect(findings.map((f) => [f.path, f.startLine])).toEqual([['app.py', 2]]);

    const text = await runCli(['staged', repo, ...DEMO]);
    expect(text.stdout).not.toContain(stagedToken);
  });

  it('does not block a commit over an old line in a file it touches', async () => {
    const repo = repoWith({ 'settings.env': `OLD=${fakeDemoToken()}\nA=1\n` });
    writeTree(repo, { 'settings.env': `OLD=${git(repo, ['show', 'HEAD:settings.env']).split('\n')[0]?.slice(4)}\nA=2\nB=3\n` });
    git(repo, ['add', 'settings.env']);
    const { code, findings } = await staged(repo);
    expect(findings).toEqual([]);
    expect(code).toBe(0);
  });

  it('reports a secret on a modified line and in a new file', async () => {
    const repo = repoWith({ 'a.cfg': 'key=placeholder\nother=1\n' });
    writeTree(repo, { 'a.cfg': `key=${fakeDemoToken()}\nother=1\n`, 'dir/new file.env': `\n\nT=${fakeDemoToken()}\n` });
    git(repo, ['add', '-A']);
    const { findings } = await staged(repo);
    expect(findings.map((f) => [f.path, f.startLine])).toEqual([
      ['a.cfg', 1],
      ['dir/new file.env', 3],
    ]);
  });

  it('exits 0 at once with nothing staged, and works in a repository without commits', async () => {
    const repo = repoWith({ 'a.txt': `T=${fakeDemoToken()}\n` });
    const nothing = await runCli(['staged', repo, ...DEMO]);
    expect(nothing.code).toBe(0);
    expect(nothing.stdout).toBe('');

    const fresh = tempDir();
    initRepo(fresh);
    writeTree(fresh, { 'first.env': `T=${fakeDemoToken()}\n` });
    git(fresh, ['add', 'first.env']);
    expect((await staged(fresh)).code).toBe(1);
  });

  it('with nothing staged still writes the report a reader asked for, empty and valid, and still refuses a bad option', async () => {
    const repo = repoWith({ 'a.txt': `T=${fakeDemoToken()}\n` });
    const json = await runCli(['staged', repo, ...DEMO, '-f', 'json']);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as JsonReport & { stats: { files: number } };
    expect(report.findings).toEqual([]);
    expect(report.stats.files).toBe(0);

    const sarif = await runCli(['staged', repo, ...DEMO, '-f', 'sarif']);
    expect(sarif.code).toBe(0);
    const log = JSON.parse(sarif.stdout) as { version: string; runs: { results: unknown[]; tool: { driver: { rules: unknown[] } } }[] };
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0]?.results).toEqual([]);
    expect(log.runs[0]?.tool.driver.rules.length).toBeGreaterThan(0);

    // A report file left by an earlier run is replaced, not left standing as if it were this run's.
    const out = path.join(tempDir(), 'report.json');
    writeFileSync(out, 'stale');
    const toFile = await runCli(['staged', repo, ...DEMO, '-f', 'json', '-o', out]);
    expect(toFile.code).toBe(0);
    expect((JSON.parse(readFileSync(out, 'utf8')) as JsonReport).findings).toEqual([]);

    expect((await runCli(['staged', repo, ...DEMO, '-f', 'bogus'])).code).toBe(2);
  });

  it("with nothing staged follows the config's format: a report for json, silence for text", async () => {
    const repo = repoWith({ 'a.txt': 'a\n', '.secretsift.yaml': 'defaults:\n  format: json\n' });
    const json = await runCli(['staged', repo, '--rules', DEMO_PACK]);
    expect(json.code).toBe(0);
    expect((JSON.parse(json.stdout) as JsonReport).findings).toEqual([]);

    writeTree(repo, { '.secretsift.yaml': 'defaults:\n  format: text\n' });
    git(repo, ['commit', '-q', '-am', 'text']);
    const text = await runCli(['staged', repo, '--rules', DEMO_PACK]);
    expect(text).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });

  it('starts three git processes with nothing staged and four for a change (--debug counts them)', async () => {
    const repo = repoWith({ 'a.txt': 'a\n', 'sub/b.txt': 'b\n' });
    const nothing = await runCli(['staged', repo, ...DEMO, '--debug']);
    expect(nothing.stderr).toContain('debug: nothing staged (git processes: 3)');

    writeTree(repo, { 'a.txt': 'a\nmore\n', 'sub/b.txt': `b\nT=${fakeDemoToken()}\n` });
    git(repo, ['add', '-A']);
    const change = await runCli(['staged', path.join(repo, 'sub'), ...DEMO, '-f', 'json', '--debug']);
    expect(change.stderr).toMatch(/debug: staged: 2 files, scanned 2 .*; git processes: 4\n/);
    // Listed from a subdirectory, paths are still the repository's.
    expect((JSON.parse(change.stdout) as JsonReport).findings.map((f) => [f.path, f.startLine])).toEqual([['sub/b.txt', 2]]);
    expect(change.code).toBe(1);
  });

  it('ignores staged deletions and pure renames', async () => {
    const repo = repoWith({ 'old.env': `T=${fakeDemoToken()}\n`, 'gone.env': `T=${fakeDemoToken()}\n` });
    git(repo, ['mv', 'old.env', 'moved.env']);
    git(repo, ['rm', '-q', 'gone.env']);
    const { code, findings } = await staged(repo);
    expect(findings).toEqual([]);
    expect(code).toBe(0);
  });

  it('reads the index a pre-commit hook is given (GIT_INDEX_FILE)', async () => {
    const repo = repoWith({ 'a.txt': 'a\n' });
    const token = fakeDemoToken();
    writeFileSync(path.join(repo, 'a.txt'), `a\nT=${token}\n`);
    const index = path.join(tempDir(), 'next-index');
    // Build a second index holding the change, as `git commit -a` does, leaving the real one clean.
    const env = { ...process.env, GIT_INDEX_FILE: index };
    const { execFileSync } = await import('node:child_process');
    execFileSync('git', ['read-tree', 'HEAD'], { cwd: repo, env });
    execFileSync('git', ['add', 'a.txt'], { cwd: repo, env });
    expect((await staged(repo)).code).toBe(0);
    const hooked = await runCli(['staged', repo, ...DEMO], { env: { GIT_INDEX_FILE: index } });
    expect(hooked.code).toBe(1);
  });

  it('fails clearly outside a repository and in a bare one', async () => {
    const plain = tempDir();
    const outside = await runCli(['staged', plain, ...DEMO]);
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain('not a git repository');
    const bare = path.join(tempDir(), 'b.git');
    git(path.dirname(bare), ['init', '-q', '--bare', bare]);
    const bareRun = await runCli(['staged', bare, ...DEMO]);
    expect(bareRun.code).toBe(2);
    expect(bareRun.stderr).toContain('bare');
  });
});

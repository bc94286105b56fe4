import { chownSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_PACK, runCli, type CliResult } from '../helpers/cli.js';
import { git, initRepo } from '../helpers/git.js';
import { tempDir, writeTree } from '../helpers/temp.js';
import { fakeDemoToken } from '../helpers/tokens.js';

const DEMO = ['--rules', DEMO_PACK, '--no-config'];

interface HostileRepo {
  repo: string;
  /** Created by the repository's upload-pack command, should git ever run a transport. */
  marker: string;
  /** Ids of the objects deleted from the store. */
  missing: string[];
}

function objectFile(repo: string, oid: string): string {
  return path.join(repo, '.git', 'objects', oid.slice(0, 2), oid.slice(2));
}

/**
 * A sparse-index work tree posing as a partial clone whose promisor remote runs a command of the
 * repository's choosing, with objects deleted from its store: any git process that lazy-fetches
 * a missing object runs that command. `in/` is checked out, `out/` is a sparse directory; a file
 * in `in/` is staged and an untracked file lies in `out/`, so every command has a reason to read
 * a deleted object.
 */
function hostileRepo(deleted: 'tree' | 'blob'): HostileRepo {
  const repo = tempDir();
  const marker = path.join(tempDir(), 'fetched');
  initRepo(repo);
  writeTree(repo, { 'in/secret.env': `T=${fakeDemoToken()}\n`, 'in/a.txt': 'a\n', 'out/deep/b.txt': 'b\n', 'top.txt': 'top\n' });
  git(repo, ['add', '-A']);
  git(repo, ['commit', '-q', '-m', 'one']);
  git(repo, ['sparse-checkout', 'set', '--cone', '--sparse-index', 'in']);
  writeTree(repo, { 'in/staged.env': `S=${fakeDemoToken()}\n` });
  git(repo, ['add', 'in/staged.env']);
  writeTree(repo, { 'out/untracked.txt': 'u\n' });
  const config: [string, string][] = [
    ['core.repositoryformatversion', '1'],
    ['extensions.partialClone', 'origin'],
    ['remote.origin.url', `file://${repo}`],
    ['remote.origin.promisor', 'true'],
    ['protocol.file.allow', 'always'],
    ['protocol.allow', 'always'],
    ['remote.origin.uploadpack', `touch '${marker}'; false`],
  ];
  for (const [key, value] of config) git(repo, ['config', key, value]);
  const missing =
    deleted === 'tree'
      ? [git(repo, ['rev-parse', 'HEAD:in']).trim(), git(repo, ['rev-parse', 'HEAD:out']).trim()]
      : [git(repo, ['rev-parse', 'HEAD:in/secret.env']).trim(), git(repo, ['rev-parse', ':in/staged.env']).trim()];
  for (const oid of missing) rmSync(objectFile(repo, oid));
  return { repo, marker, missing };
}

function mentionsMissing(result: CliResult, missing: readonly string[]): boolean {
  return missing.some((oid) => `${result.stdout}${result.stderr}`.includes(oid));
}

describe('a scanned repository cannot make git fetch', () => {
  for (const deleted of ['tree', 'blob'] as const) {
    it(`a partial clone with a deleted ${deleted}: no command runs its upload-pack; the missing object is an error`, async () => {
      const { repo, marker, missing } = hostileRepo(deleted);
      const baselineDir = tempDir();
      const runs: [string, string[], 'missing' | 'untouched'][] = [
        ['scan', ['scan', '.', ...DEMO], deleted === 'tree' ? 'missing' : 'untouched'],
        ['staged', ['staged', '.', ...DEMO], 'missing'],
        ['history', ['history', '.', ...DEMO], 'missing'],
        ['baseline create', ['baseline', 'create', '.', ...DEMO, '-o', path.join(baselineDir, 'work.json')], deleted === 'tree' ? 'missing' : 'untouched'],
        ['baseline create --history', ['baseline', 'create', '.', '--history', ...DEMO, '-o', path.join(baselineDir, 'history.json')], 'missing'],
      ];
      for (const [name, args, expected] of runs) {
        const result = await runCli(args, { cwd: repo });
        expect(existsSync(marker), `${name} ran the repository's upload-pack`).toBe(false);
        if (expected === 'missing') {
          expect(result.code, `${name}: ${result.stderr}`).toBe(2);
          expect(mentionsMissing(result, missing), `${name} names no missing object: ${result.stderr}`).toBe(true);
        } else {
          expect(result.code, `${name}: ${result.stderr}`).not.toBe(2);
        }
      }
    });
  }
});

describe("a scanned repository's git config cannot stall or blind a scan", () => {
  it('staged: a diff driver with a catastrophic hunk-header pattern does not stall the diff; the staged token is found', async () => {
    const repo = tempDir();
    initRepo(repo);
    // Every line above the change is one the pattern backtracks on for about a second.
    const slow = `${'a'.repeat(40)}!\n`.repeat(200);
    writeTree(repo, { '.gitattributes': '*.txt diff=slow\n', 'notes.txt': `${slow}end\n` });
    git(repo, ['add', '-A']);
    git(repo, ['commit', '-q', '-m', 'notes']);
    git(repo, ['config', 'diff.slow.xfuncname', '(a*)(a*)(a*)(a*)\\4\\3\\2\\1b']);
    const token = fakeDemoToken();
    writeTree(repo, { 'notes.txt': `${slow}T=${token}\n` });
    git(repo, ['add', 'notes.txt']);

    const result = await runCli(['staged', repo, ...DEMO, '-f', 'json']);
    expect(result.code, result.stderr).toBe(1);
    const report = JSON.parse(result.stdout) as { findings: { path: string; startLine: number }[] };
    expect(report.findings.map((finding) => [finding.path, finding.startLine])).toEqual([['notes.txt', 201]]);
  });
});

interface JsonReport {
  findings: { path: string; commit?: { sha: string } }[];
  errors: { path: string; message: string; object?: string }[];
}

/** Three commits on main: a file, then a token added, then the token removed. Returns the commit that added it. */
function historyWithRemovedToken(repo: string, token: string): { before: string; leak: string; after: string } {
  initRepo(repo);
  writeTree(repo, { 'README.md': 'hello\n' });
  git(repo, ['add', '-A']);
  git(repo, ['commit', '-q', '-m', 'start'], '2024-01-01T10:00:00Z');
  writeTree(repo, { 'cfg/token.env': `T=${token}\n` });
  git(repo, ['add', '-A']);
  git(repo, ['commit', '-q', '-m', 'add config'], '2024-01-02T10:00:00Z');
  git(repo, ['rm', '-q', 'cfg/token.env']);
  git(repo, ['commit', '-q', '-m', 'remove config'], '2024-01-03T10:00:00Z');
  const [after = '', leak = '', before = ''] = git(repo, ['rev-list', 'main']).trim().split('\n');
  return { before, leak, after };
}

describe('history sees every commit and says what it could not read', () => {
  it('a replace ref and a graft that hide the commit holding a token do not hide it from history', async () => {
    for (const hide of ['replace', 'graft'] as const) {
      const repo = tempDir();
      const token = fakeDemoToken();
      const { before, leak, after } = historyWithRemovedToken(repo, token);
      // Both make the commit after the leak claim the one before it as its parent.
      if (hide === 'replace') git(repo, ['replace', '--graft', after, before]);
      else writeFileSync(path.join(repo, '.git', 'info', 'grafts'), `${after} ${before}\n`);
      expect(git(repo, ['rev-list', 'main']).trim().split('\n'), `the ${hide} hides the commit from plain git`).not.toContain(leak);

      const result = await runCli(['history', repo, ...DEMO, '-f', 'json']);
      expect(result.code, `${hide}: ${result.stderr}`).toBe(1);
      const report = JSON.parse(result.stdout) as JsonReport;
      expect(report.findings.map((finding) => [finding.path, finding.commit?.sha])).toEqual([['cfg/token.env', leak]]);
    }
  });

  it('a treeless clone and a repository with a deleted tree: not clean, exit 2, unless --allow-incomplete', async () => {
    const origin = tempDir();
    historyWithRemovedToken(origin, fakeDemoToken());
    git(origin, ['config', 'uploadpack.allowFilter', 'true']);
    const parent = tempDir();
    // Cloned by the test's own git, which may use the file protocol; secretsift's git may not.
    git(parent, ['clone', '-q', '--filter=tree:0', `file://${origin}`, 'treeless']);
    const treeless = path.join(parent, 'treeless');

    const damaged = tempDir();
    const token = fakeDemoToken();
    const { leak } = historyWithRemovedToken(damaged, token);
    const tree = git(damaged, ['rev-parse', `${leak}:cfg`]).trim();
    rmSync(objectFile(damaged, tree));

    for (const [name, repo] of [['treeless clone', treeless], ['deleted tree', damaged]] as const) {
      const text = await runCli(['history', repo, ...DEMO]);
      expect(text.code, `${name}: ${text.stderr}`).toBe(2);
      expect(text.stdout, name).not.toMatch(/^no leaks found/m);
      expect(text.stdout, name).toContain('incomplete scan');
      expect(text.stderr, name).toContain('tree missing from the repository');

      const json = await runCli(['history', repo, ...DEMO, '-f', 'json', '--allow-incomplete']);
      expect(json.code, `${name} --allow-incomplete: ${json.stderr}`).toBe(0);
      const report = JSON.parse(json.stdout) as JsonReport;
      expect(report.errors.length, name).toBeGreaterThan(0);
      expect(report.errors.every((error) => error.object !== undefined), name).toBe(true);
    }
    expect(JSON.parse((await runCli(['history', damaged, ...DEMO, '-f', 'json', '--allow-incomplete'])).stdout).errors).toEqual([
      { path: tree, message: 'tree missing from the repository: the files below it were not scanned', object: tree },
    ]);
  });
});

describe('a repository owned by another user', () => {
  it.skipIf(process.getuid?.() !== 0)('is refused with a message naming --trust-repo-owner, and read with it', async () => {
    const repo = tempDir();
    const token = fakeDemoToken();
    initRepo(repo);
    writeTree(repo, { 'a.env': `T=${token}\n` });
    git(repo, ['add', '-A']);
    git(repo, ['commit', '-q', '-m', 'one']);
    writeTree(repo, { 'b.env': `T=${fakeDemoToken()}\n` });
    git(repo, ['add', 'b.env']);
    // Owned by nobody: git refuses it as it would refuse any other user's repository.
    chownSync(repo, 65534, 65534);
    for (const args of [['scan', repo], ['history', repo], ['staged', repo], ['baseline', 'create', repo, '--history', '-o', path.join(tempDir(), 'b.json')]]) {
      const refused = await runCli([...args, ...DEMO]);
      expect(refused.code, `${args[0]}: ${refused.stderr}`).toBe(2);
      expect(refused.stderr).toContain('owned by another user');
      expect(refused.stderr).toContain('--trust-repo-owner');
      const trusted = await runCli([...args, ...DEMO, '--trust-repo-owner']);
      expect(trusted.code, `${args[0]} --trust-repo-owner: ${trusted.stderr}`).toBe(args[0] === 'baseline' ? 0 : 1);
    }
  });
});

import { chmodSync, existsSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_PACK, runCli } from '../helpers/cli.js';
import { git, initRepo } from '../helpers/git.js';
import { tempDir, writeTree } from '../helpers/temp.js';
import { fakeDemoToken } from '../helpers/tokens.js';

const DEMO = ['--rules', DEMO_PACK, '--no-config'];

interface JsonLocation {
  path: string;
  startLine: number;
  blob: string;
  commit?: { sha: string; author: string; email: string; date: string; message: string };
}
interface JsonFinding {
  ruleId: string;
  path: string;
  startLine: number;
  secret: string;
  fingerprint: string;
  commit?: { sha: string; author: string; email: string; date: string; message: string };
  exposure?: { stillExposed: boolean; refs: string[]; since: string; days: number };
  locationCount?: number;
  locations?: JsonLocation[];
}
interface JsonReport {
  findings: JsonFinding[];
  stats: { files: number; commits?: number; skipped: Record<string, number> };
  errors: { path: string; message: string }[];
}

function commit(repo: string, files: Record<string, string | Buffer>, message: string, date: string): string {
  writeTree(repo, files);
  git(repo, ['add', '-A'], date);
  git(repo, ['commit', '-q', '-m', message], date);
  return git(repo, ['rev-parse', 'HEAD']).trim();
}

async function historyJson(args: readonly string[], cwd?: string): Promise<{ code: number | null; report: JsonReport; stderr: string }> {
  const result = await runCli(['history', ...args, ...DEMO, '-f', 'json'], cwd ? { cwd } : {});
  expect(result.stderr).not.toMatch(/error:/);
  return { code: result.code, report: JSON.parse(result.stdout) as JsonReport, stderr: result.stderr };
}

function newRepo(): string {
  const repo = tempDir();
  initRepo(repo);
  return repo;
}

describe('secretsift history', () => {
  it('finds a secret that only exists in history and attributes it to the commit that added it', async () => {
    const repo = newRepo();
    const token = fakeDemoToken();
    commit(repo, { 'README.md': '# app\n' }, 'first', '2024-01-01T10:00:00Z');
    const added = commit(repo, { 'config/app.env': `MODE=prod\nTOKEN=${token}\n` }, 'add config\n\nlong body', '2024-02-01T10:00:00Z');
    commit(repo, { 'config/app.env': 'MODE=prod\nTOKEN=\n' }, 'remove token', '2024-03-01T10:00:00Z');

    const { code, report } = await historyJson([repo]);
    expect(code).toBe(1);
    expect(report.findings).toHaveLength(1);
    const [finding] = report.findings;
    expect(finding?.path).toBe('config/app.env');
    expect(finding?.startLine).toBe(2);
    expect(finding?.secret).not.toContain(token);
    expect(finding?.commit).toEqual({ sha: added, author: 'Ada Tester', email: 'ada@example.test', date: '2024-02-01T10:00:00Z'.replace('Z', '+00:00'), message: 'add config' });
    expect(finding?.exposure).toMatchObject({ stillExposed: false, refs: [], since: '2024-02-01T10:00:00+00:00' });
    expect(finding?.exposure?.days).toBeGreaterThan(0);
    expect(report.stats.commits).toBe(3);

    const text = await runCli(['history', repo, ...DEMO]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('only in history since 2024-02-01');
    expect(text.stdout).toContain(added.slice(0, 12));
    expect(text.stdout).not.toContain(token);
  });

  it('finds a secret in a file deleted later', async () => {
    const repo = newRepo();
    const token = fakeDemoToken();
    commit(repo, { 'keep.txt': 'hello\n', '.env': `TOKEN=${token}\n` }, 'with env', '2024-01-01T10:00:00Z');
    git(repo, ['rm', '-q', '.env'], '2024-01-02T10:00:00Z');
    git(repo, ['commit', '-q', '-m', 'drop env'], '2024-01-02T10:00:00Z');
    const { code, report } = await historyJson([repo]);
    expect(code).toBe(1);
    expect(report.findings.map((f) => [f.path, f.exposure?.stillExposed])).toEqual([['.env', false]]);
  });

  it('reads every ref by default, so a secret on a side branch is found; --branch limits to one ref', async () => {
    const repo = newRepo();
    const token = fakeDemoToken();
    commit(repo, { 'a.txt': 'a\n' }, 'base', '2024-01-01T10:00:00Z');
    git(repo, ['checkout', '-q', '-b', 'feature']);
    commit(repo, { 'feature.py': `token = "${token}"\n` }, 'feature work', '2024-01-02T10:00:00Z');
    git(repo, ['checkout', '-q', 'main']);

    const all = await historyJson([repo]);
    expect(all.code).toBe(1);
    expect(all.report.findings[0]?.path).toBe('feature.py');
    expect(all.report.findings[0]?.exposure).toMatchObject({ stillExposed: true, refs: ['refs/heads/feature'] });

    const main = await historyJson([repo, '--branch', 'main']);
    expect(main.code).toBe(0);
    expect(main.report.findings).toEqual([]);

    const feature = await historyJson([repo, '--branch', 'feature']);
    expect(feature.report.findings[0]?.exposure).toMatchObject({ stillExposed: true, refs: ['feature'] });
  });

  it('keeps a renamed file as one finding with both paths, still exposed at the tip', async () => {
    const repo = newRepo();
    const token = fakeDemoToken();
    const first = commit(repo, { 'old/name.env': `TOKEN=${token}\n` }, 'add', '2024-01-01T10:00:00Z');
    git(repo, ['mv', 'old/name.env', 'new-name.env']);
    git(repo, ['commit', '-q', '-m', 'rename'], '2024-01-05T10:00:00Z');
    const renamed = git(repo, ['rev-parse', 'HEAD']).trim();

    const { report } = await historyJson([repo]);
    expect(report.findings).toHaveLength(1);
    const [finding] = report.findings;
    expect(finding?.path).toBe('old/name.env');
    expect(finding?.commit?.sha).toBe(first);
    expect(finding?.locations?.map((l) => [l.path, l.commit?.sha])).toEqual([
      ['old/name.env', first],
      ['new-name.env', renamed],
    ]);
    expect(finding?.exposure).toMatchObject({ stillExposed: true });
    expect(finding?.exposure?.refs).toContain('refs/heads/main');
  });

  it('attributes a secret a merge commit introduced (conflict resolution) to the merge', async () => {
    const repo = newRepo();
    const token = fakeDemoToken();
    commit(repo, { 'app.cfg': 'value=1\n' }, 'base', '2024-01-01T10:00:00Z');
    git(repo, ['checkout', '-q', '-b', 'side']);
    commit(repo, { 'app.cfg': 'value=side\n' }, 'side change', '2024-01-02T10:00:00Z');
    git(repo, ['checkout', '-q', 'main']);
    commit(repo, { 'app.cfg': 'value=main\n' }, 'main change', '2024-01-03T10:00:00Z');
    try {
      git(repo, ['merge', '-q', 'side', '-m', 'merge side'], '2024-01-04T10:00:00Z');
    } catch {
      // the conflict is the point: resolve it with content neither parent had
    }
    writeFileSync(path.join(repo, 'app.cfg'), `value=merged\nTOKEN=${token}\n`);
    git(repo, ['add', 'app.cfg'], '2024-01-04T10:00:00Z');
    git(repo, ['commit', '-q', '--no-edit', '-m', 'merge side'], '2024-01-04T10:00:00Z');
    const merge = git(repo, ['rev-parse', 'HEAD']).trim();
    expect(git(repo, ['rev-list', '--parents', '-n1', 'HEAD']).trim().split(' ')).toHaveLength(3);

    const { code, report } = await historyJson([repo]);
    expect(code).toBe(1);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]?.commit?.sha).toBe(merge);
    expect(report.findings[0]?.commit?.message).toBe('merge side');
  });

  it('groups the same secret across many commits into one finding with every location', async () => {
    const repo = newRepo();
    const token = fakeDemoToken();
    for (let i = 1; i <= 6; i++) commit(repo, { 'settings.ini': `[svc]\ncounter=${i}\ntoken=${token}\n` }, `bump ${i}`, `2024-01-0${i}T10:00:00Z`);
    const { report } = await historyJson([repo]);
    expect(report.findings).toHaveLength(1);
    const [finding] = report.findings;
    expect(finding?.locationCount).toBe(6);
    expect(new Set(finding?.locations?.map((l) => l.blob)).size).toBe(6);
    expect(finding?.commit?.message).toBe('bump 1');
    expect(finding?.locations?.[5]?.commit?.message).toBe('bump 6');
    expect(report.stats.files).toBe(6);

    const text = await runCli(['history', repo, ...DEMO]);
    expect(text.stdout.match(/demo-token/g)).toHaveLength(1);
    expect(text.stdout).toContain('+5 more locations');
  });

  it('scans only the commits of --range A..B, and --since-commit only those after it', async () => {
    const repo = newRepo();
    const old = fakeDemoToken();
    const fresh = fakeDemoToken();
    commit(repo, { 'old.env': `A=${old}\n` }, 'old secret', '2024-01-01T10:00:00Z');
    const base = commit(repo, { 'x.txt': 'x\n' }, 'base', '2024-01-02T10:00:00Z');
    git(repo, ['checkout', '-q', '-b', 'pr']);
    commit(repo, { 'new.env': `B=${fresh}\n` }, 'new secret', '2024-01-03T10:00:00Z');
    commit(repo, { 'y.txt': 'y\n' }, 'more', '2024-01-04T10:00:00Z');

    const range = await historyJson([repo, '--range', `${base}..pr`]);
    expect(range.code).toBe(1);
    expect(range.report.findings.map((f) => f.path)).toEqual(['new.env']);
    expect(range.report.stats.commits).toBe(2);
    expect(range.report.findings[0]?.exposure?.refs).toEqual(['pr']);

    const since = await historyJson([repo, '--since-commit', 'main']);
    expect(since.report.findings.map((f) => f.path)).toEqual(['new.env']);

    const nothingNew = await historyJson([repo, '--range', 'pr..main']);
    expect(nothingNew.code).toBe(0);
    expect(nothingNew.report.stats.commits).toBe(0);
  });

  it('--range A...B scans what B added since it left A, as `git diff A...B` reviews it, when A moved on too', async () => {
    const repo = newRepo();
    const before = fakeDemoToken();
    const onBranch = fakeDemoToken();
    const onMain = fakeDemoToken();
    commit(repo, { 'before.env': `A=${before}\n` }, 'before the branch', '2024-01-01T10:00:00Z');
    git(repo, ['checkout', '-q', '-b', 'pr']);
    commit(repo, { 'branch.env': `B=${onBranch}\n` }, 'on the branch', '2024-01-02T10:00:00Z');
    git(repo, ['checkout', '-q', 'main']);
    commit(repo, { 'main.env': `C=${onMain}\n` }, 'on main since', '2024-01-03T10:00:00Z');

    const pr = await historyJson([repo, '--range', 'main...pr']);
    expect(pr.code).toBe(1);
    expect(pr.report.findings.map((f) => f.path)).toEqual(['branch.env']);
    expect(pr.report.stats.commits).toBe(1);
    const back = await historyJson([repo, '--range', 'pr...main']);
    expect(back.report.findings.map((f) => f.path)).toEqual(['main.env']);

    for (const bad of ['--all...pr', 'main...--all', 'main...nope']) {
      const refused = await runCli(['history', repo, ...DEMO, '--range', bad]);
      expect(refused.code, bad).toBe(2);
      expect(refused.stderr).toContain(`--range: "${bad.includes('--all') ? '--all' : 'nope'}"`);
    }
  });

  it('--max-commits reads only what the newest commits changed', async () => {
    const repo = newRepo();
    commit(repo, { 'early.env': `A=${fakeDemoToken()}\n` }, 'early', '2024-01-01T10:00:00Z');
    commit(repo, { 'late.env': `B=${fakeDemoToken()}\n` }, 'late', '2024-01-02T10:00:00Z');
    commit(repo, { 'later.txt': 'nothing\n' }, 'later', '2024-01-03T10:00:00Z');
    const two = await historyJson([repo, '--max-commits', '2']);
    expect(two.report.findings.map((f) => [f.path, f.commit?.message])).toEqual([['late.env', 'late']]);
    expect(two.report.stats.commits).toBe(2);
    const one = await historyJson([repo, '--max-commits', '1']);
    expect(one.code).toBe(0);
    const bad = await runCli(['history', repo, ...DEMO, '--max-commits', '0']);
    expect(bad.code).toBe(2);
  });

  it('skips and counts binary and oversized blobs', async () => {
    const repo = newRepo();
    commit(repo, { 'bin.dat': Buffer.concat([Buffer.from([0, 1, 2, 0]), Buffer.from(`TOKEN=${fakeDemoToken()}`)]), 'big.txt': `${'x'.repeat(5000)}\nTOKEN=${fakeDemoToken()}\n`, 'small.txt': 'ok\n' }, 'mixed', '2024-01-01T10:00:00Z');
    const { code, report } = await historyJson([repo, '--max-file-size', '1000']);
    expect(code).toBe(0);
    expect(report.stats.skipped.binary).toBe(1);
    expect(report.stats.skipped['too-large']).toBe(1);
    expect(report.stats.files).toBe(1);
  });

  it('handles an empty repository, a bare repository and a path that is not a repository', async () => {
    const empty = newRepo();
    const emptyRun = await historyJson([empty]);
    expect(emptyRun.code).toBe(0);
    expect(emptyRun.report.stats.commits).toBe(0);

    const repo = newRepo();
    commit(repo, { 'secret.env': `TOKEN=${fakeDemoToken()}\n` }, 'add', '2024-01-01T10:00:00Z');
    const bare = path.join(tempDir(), 'bare.git');
    git(path.dirname(bare), ['clone', '-q', '--bare', repo, bare]);
    const bareRun = await historyJson([bare]);
    expect(bareRun.code).toBe(1);
    expect(bareRun.report.findings[0]?.exposure?.stillExposed).toBe(true);

    const plain = tempDir();
    const notRepo = await runCli(['history', plain, ...DEMO]);
    expect(notRepo.code).toBe(2);
    expect(notRepo.stderr).toContain('is not a git repository');
    const missing = await runCli(['history', path.join(plain, 'nope'), ...DEMO]);
    expect(missing.code).toBe(2);
  });

  it('warns about a shallow clone and scans what it has', async () => {
    const repo = newRepo();
    commit(repo, { 'old.env': `A=${fakeDemoToken()}\n` }, 'old', '2024-01-01T10:00:00Z');
    commit(repo, { 'new.env': `B=${fakeDemoToken()}\n` }, 'new', '2024-01-02T10:00:00Z');
    const clone = path.join(tempDir(), 'shallow');
    git(path.dirname(clone), ['clone', '-q', '--depth', '1', `file://${repo}`, clone]);
    const result = await runCli(['history', clone, ...DEMO, '-f', 'json']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('shallow clone');
    const report = JSON.parse(result.stdout) as JsonReport;
    // The one commit there has both files in its tree.
    expect(report.findings.map((f) => f.path).sort()).toEqual(['new.env', 'old.env']);
  });

  it('refuses revisions that look like options or name nothing', async () => {
    const repo = newRepo();
    commit(repo, { 'a.txt': 'a\n' }, 'a', '2024-01-01T10:00:00Z');
    for (const args of [['--branch', '--output=/tmp/x'], ['--range', '--all..HEAD'], ['--since-commit', 'no-such-ref'], ['--range', 'HEAD'], ['--range', 'HEAD..HEAD', '--branch', 'main']]) {
      const result = await runCli(['history', repo, ...DEMO, ...args]);
      expect(result.code, args.join(' ')).toBe(2);
    }
  });

  it('never runs code from the repository: fsmonitor, hooks, textconv, filters, aliases, gpg', async () => {
    const repo = newRepo();
    const marker = path.join(tempDir(), 'pwned');
    const script = path.join(repo, '.git', 'evil.sh');
    writeFileSync(script, `#!/bin/sh\necho ran >> "${marker}"\nexit 1\n`);
    chmodSync(script, 0o755);
    writeTree(repo, { '.gitattributes': '*.env diff=evil filter=evil\n' });
    commit(repo, { 'a.env': `TOKEN=${fakeDemoToken()}\n` }, 'add', '2024-01-01T10:00:00Z');
    writeTree(repo, { 'a.env': `TOKEN=${fakeDemoToken()}\n` });
    git(repo, ['add', 'a.env']);
    const traps = {
      'core.fsmonitor': script,
      'core.hooksPath': path.join(repo, '.git'),
      'diff.evil.textconv': script,
      'diff.evil.command': script,
      'diff.external': script,
      'log.showSignature': 'true',
      'gpg.program': script,
      'core.pager': script,
      'filter.evil.clean': script,
      'filter.evil.smudge': script,
      'filter.evil.process': script,
      'filter.evil.required': 'true',
      'alias.ls-files': `!${script}`,
      'alias.cat-file': `!${script}`,
      'core.sshCommand': script,
      'include.path': path.join(repo, '.git', 'more-config'),
    };
    // An included config is read too: it must be as powerless.
    writeFileSync(path.join(repo, '.git', 'more-config'), `[core]\n\tfsmonitor = ${script}\n[diff]\n\texternal = ${script}\n`);
    for (const [key, value] of Object.entries(traps)) git(repo, ['config', key, value]);
    // The trap works: plain git runs it (and fails, as the required filter does). An mtime unlike the
    // index's makes status re-read the file through the filter, whatever the clock did meanwhile.
    utimesSync(path.join(repo, 'a.env'), new Date('2001-01-01T00:00:00Z'), new Date('2001-01-01T00:00:00Z'));
    expect(() => git(repo, ['status', '--short'])).toThrow();
    expect(existsSync(marker)).toBe(true);
    rmSync(marker);

    expect((await runCli(['history', repo, ...DEMO])).code).toBe(1);
    expect((await runCli(['staged', repo, ...DEMO])).code).toBe(1);
    expect((await runCli(['scan', repo, ...DEMO])).code).toBe(1);
    expect(existsSync(marker)).toBe(false);
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_PACK, runCli } from '../helpers/cli.js';
import { git, initRepo } from '../helpers/git.js';
import { tempDir, writeTree } from '../helpers/temp.js';
import { fakeDemoToken } from '../helpers/tokens.js';

const DEMO = ['--rules', DEMO_PACK, '--no-config'];

describe('what reaches the terminal', () => {
  it('with -o, the one-line summary on stderr (unless -q), never the secret', async () => {
    const dir = tempDir();
    const token = fakeDemoToken();
    writeTree(dir, { 'app.env': `T=${token}\n` });
    const out = path.join(tempDir(), 'report.json');
    const run = await runCli(['scan', dir, ...DEMO, '-f', 'json', '-o', out]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^1 leak found · 1 file \(.*\) scanned in [\d.]+ s · json report written to .*report\.json\n$/);
    expect(run.stderr).not.toContain(token);
    expect(JSON.parse(readFileSync(out, 'utf8')).findings).toHaveLength(1);
    const quiet = await runCli(['scan', dir, ...DEMO, '-f', 'json', '-o', out, '-q']);
    expect(quiet.code).toBe(1);
    expect(quiet.stderr).toBe('');
  });

  it('a blocked commit says it was blocked and what to do; a clean one says nothing of it', async () => {
    const repo = tempDir();
    initRepo(repo);
    writeTree(repo, { 'README.md': 'hello\n' });
    git(repo, ['add', '-A']);
    git(repo, ['commit', '-q', '-m', 'first']);
    const clean = await runCli(['staged', repo, ...DEMO]);
    expect(clean.code).toBe(0);
    expect(clean.stderr).not.toContain('blocked');
    const token = fakeDemoToken();
    writeTree(repo, { 'app.env': `T=${token}\n` });
    git(repo, ['add', 'app.env']);
    const blocked = await runCli(['staged', repo, ...DEMO]);
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toContain('secretsift: commit blocked');
    for (const way of ['git add', 'secretsift:allow', 'secretsift baseline update', 'git commit --no-verify']) expect(blocked.stderr).toContain(way);
    expect(blocked.stderr + blocked.stdout).not.toContain(token);
    expect((await runCli(['staged', repo, ...DEMO, '-q'])).stderr).not.toContain('blocked');
  });
});

import { rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { zipOf } from '../helpers/archives.js';
import { DEMO_PACK, runCli } from '../helpers/cli.js';
import { git, initRepo } from '../helpers/git.js';
import { tempDir, writeTree } from '../helpers/temp.js';
import { fakeDemoToken } from '../helpers/tokens.js';

interface Report {
  findings: { path: string; startLine: number; commit?: { message: string }; exposure?: { stillExposed: boolean }; locations?: { path: string }[] }[];
}

describe('secretsift history looks inside archives', () => {
  it('reports a token in a zip committed and later deleted, at archive!inner, with its commit', async () => {
    const repo = tempDir();
    initRepo(repo);
    const token = fakeDemoToken();
    writeTree(repo, { 'README.md': 'app\n', 'dist/bundle.zip': await zipOf({ 'config/app.env': `MODE=prod\nDEMO=${token}\n` }) });
    git(repo, ['add', '-A'], '2024-01-01T12:00:00Z');
    git(repo, ['commit', '-q', '-m', 'ship the bundle'], '2024-01-01T12:00:00Z');
    rmSync(path.join(repo, 'dist'), { recursive: true });
    git(repo, ['add', '-A'], '2024-01-02T12:00:00Z');
    git(repo, ['commit', '-q', '-m', 'drop the bundle'], '2024-01-02T12:00:00Z');

    const run = await runCli(['history', repo, '--rules', DEMO_PACK, '--no-config', '-f', 'json']);
    expect(run.code, run.stderr).toBe(1);
    const [finding, ...rest] = (JSON.parse(run.stdout) as Report).findings;
    expect(rest).toHaveLength(0);
    expect(finding).toMatchObject({ path: 'dist/bundle.zip!config/app.env', startLine: 2, commit: { message: 'ship the bundle' }, exposure: { stillExposed: false } });
    expect(run.stdout).not.toContain(token.slice(4, 12));

    const off = await runCli(['history', repo, '--rules', DEMO_PACK, '--no-config', '--no-archives']);
    expect(off.code).toBe(0);
  });
});

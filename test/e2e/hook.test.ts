import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HOOK_MARKER } from '../../src/commands/hook-command.js';
import { DEMO_PACK, runCli } from '../helpers/cli.js';
import { git, initRepo } from '../helpers/git.js';
import { tempDir, writeTree } from '../helpers/temp.js';
import { fakeDemoToken } from '../helpers/tokens.js';

const GIT_ENV = { GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };

function repo(): string {
  const dir = tempDir();
  initRepo(dir);
  return dir;
}

describe('secretsift hook', () => {
  it('installs an executable pre-commit hook in .git/hooks, and uninstalls it', async () => {
    const dir = repo();
    const install = await runCli(['hook', 'install'], { cwd: dir, env: GIT_ENV });
    expect(install.code).toBe(0);
    const hook = path.join(dir, '.git', 'hooks', 'pre-commit');
    expect(install.stdout).toContain(hook);
    const script = readFileSync(hook, 'utf8');
    expect(script).toMatch(/^#!\/bin\/sh\n/);
    expect(script).toContain(HOOK_MARKER);
    expect(script).toContain('secretsift staged');
    expect(script).toMatch(/staged\n/);
    expect(statSync(hook).mode & 0o111).not.toBe(0);
    // Installing again updates our own hook without --force.
    expect((await runCli(['hook', 'install'], { cwd: dir, env: GIT_ENV })).stdout).toContain('updated pre-commit hook');
    const uninstall = await runCli(['hook', 'uninstall'], { cwd: dir, env: GIT_ENV });
    expect(uninstall.code).toBe(0);
    expect(existsSync(hook)).toBe(false);
    expect((await runCli(['hook', 'uninstall'], { cwd: dir, env: GIT_ENV })).stdout).toContain('no pre-commit hook');
  });

  it('honours a relative core.hooksPath, from a subdirectory', async () => {
    const dir = repo();
    git(dir, ['config', 'core.hooksPath', '.githooks']);
    writeTree(dir, { 'src/deep/file.txt': 'x\n' });
    const install = await runCli(['hook', 'install'], { cwd: path.join(dir, 'src', 'deep'), env: GIT_ENV });
    expect(install.code).toBe(0);
    expect(readFileSync(path.join(dir, '.githooks', 'pre-commit'), 'utf8')).toContain(HOOK_MARKER);
    expect(existsSync(path.join(dir, '.git', 'hooks', 'pre-commit'))).toBe(false);
  });

  it('refuses to replace or remove a hook it did not write, unless --force', async () => {
    const dir = repo();
    const hook = path.join(dir, '.git', 'hooks', 'pre-commit');
    writeFileSync(hook, '#!/bin/sh\nnpm run lint\n', { mode: 0o755 });
    const refused = await runCli(['hook', 'install'], { cwd: dir, env: GIT_ENV });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--force');
    expect(readFileSync(hook, 'utf8')).toBe('#!/bin/sh\nnpm run lint\n');
    const notOurs = await runCli(['hook', 'uninstall'], { cwd: dir, env: GIT_ENV });
    expect(notOurs.code).toBe(2);
    expect(readFileSync(hook, 'utf8')).toBe('#!/bin/sh\nnpm run lint\n');
    const forced = await runCli(['hook', 'install', '--force'], { cwd: dir, env: GIT_ENV });
    expect(forced.code).toBe(0);
    expect(readFileSync(hook, 'utf8')).toContain(HOOK_MARKER);
    expect(readFileSync(`${hook}.secretsift-backup`, 'utf8')).toBe('#!/bin/sh\nnpm run lint\n');
    // Uninstalling puts the user's hook back where it was, and says so.
    const restored = await runCli(['hook', 'uninstall'], { cwd: dir, env: GIT_ENV });
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain('restored the previous hook');
    expect(readFileSync(hook, 'utf8')).toBe('#!/bin/sh\nnpm run lint\n');
    expect(existsSync(`${hook}.secretsift-backup`)).toBe(false);
    expect(statSync(hook).mode & 0o111).not.toBe(0);
  });

  it('fails outside a git work tree', async () => {
    const result = await runCli(['hook', 'install'], { cwd: tempDir(), env: GIT_ENV });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('not inside a git work tree');
  });

  it('blocks a commit that stages a secret once the staged command exists', async (context) => {
    const probe = await runCli(['staged', '--help']);
    if (probe.code !== 0) return context.skip();
    const dir = repo();
    expect((await runCli(['hook', 'install'], { cwd: dir, env: GIT_ENV })).code).toBe(0);
    writeTree(dir, { 'ok.txt': 'hello\n' });
    git(dir, ['add', 'ok.txt']);
    git(dir, ['commit', '-q', '-m', 'clean']);
    // The hook takes no arguments, so the test-only demo rule comes in through the repository's config.
    writeFileSync(path.join(dir, '.secretsift.yaml'), `rules:\n  - ${JSON.stringify(DEMO_PACK)}\n`);
    writeTree(dir, { 'leak.env': `DEMO_TOKEN=${fakeDemoToken()}\n` });
    git(dir, ['add', 'leak.env']);
    let output = '';
    try {
      git(dir, ['commit', '-q', '-m', 'leak']);
    } catch (error) {
      const { stdout, stderr } = error as { stdout?: string; stderr?: string };
      output = `${stdout ?? ''}${stderr ?? ''}`;
    }
    expect(output).toContain('demo-token');
    expect(git(dir, ['log', '--format=%s'])).toBe('clean\n');
  });
});

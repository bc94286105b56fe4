import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_PACK, runCli } from '../helpers/cli.js';
import { git, initRepo } from '../helpers/git.js';
import { tempDir, writeTree } from '../helpers/temp.js';
import { fakeDemoToken } from '../helpers/tokens.js';

const demo = ['--no-config', '--rules', DEMO_PACK];
const BASELINE = '.secretsift-baseline.json';

/** One secret still in the working tree, one only in history (committed, then deleted). */
function repo(): string {
  const dir = tempDir();
  initRepo(dir);
  writeTree(dir, { 'app.env': `APP=${fakeDemoToken()}\n`, 'old/leak.txt': `${fakeDemoToken()}\n` });
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '-m', 'initial']);
  git(dir, ['rm', '-q', '-r', 'old']);
  git(dir, ['commit', '-q', '-m', 'remove leak'], '2024-01-02T12:00:00Z');
  return dir;
}

const read = (dir: string): string => readFileSync(path.join(dir, BASELINE), 'utf8');

describe('a baseline records whether it was made of the working tree or of history', () => {
  it('create writes the mode; check and update the other way are refused, naming the file, its mode and the flag, and rewrite nothing', async () => {
    const dir = repo();
    expect((await runCli(['baseline', 'create', '--history', ...demo, '-o', BASELINE], { cwd: dir })).code).toBe(0);
    const made = read(dir);
    expect(JSON.parse(made)).toMatchObject({ version: 2, mode: 'history' });
    expect((JSON.parse(made) as { entries: unknown[] }).entries).toHaveLength(2);

    for (const command of ['check', 'update']) {
      const run = await runCli(['baseline', command, ...demo, '--baseline', BASELINE], { cwd: dir });
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(BASELINE);
      expect(run.stderr).toContain('mode "history"');
      expect(run.stderr).toContain(`secretsift baseline ${command} --history`);
      expect(read(dir)).toBe(made);
    }
    // The same commands with --history agree with it.
    expect((await runCli(['baseline', 'check', '--history', ...demo, '--baseline', BASELINE], { cwd: dir })).code).toBe(0);
    const update = await runCli(['baseline', 'update', '--history', ...demo, '--baseline', BASELINE], { cwd: dir });
    expect(update.code).toBe(0);
    expect(update.stdout).toContain('(file unchanged)');
    expect(read(dir)).toBe(made);
  });

  it('a working-tree baseline is refused by check and update with --history', async () => {
    const dir = repo();
    expect((await runCli(['baseline', 'create', ...demo, '-o', BASELINE], { cwd: dir })).code).toBe(0);
    const made = read(dir);
    expect(JSON.parse(made)).toMatchObject({ mode: 'tree' });
    for (const command of ['check', 'update']) {
      const run = await runCli(['baseline', command, '--history', ...demo, '--baseline', BASELINE], { cwd: dir });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('mode "tree"');
      expect(run.stderr).toContain(`secretsift baseline ${command}\` without --history`);
      expect(read(dir)).toBe(made);
    }
    expect((await runCli(['baseline', 'check', ...demo, '--baseline', BASELINE], { cwd: dir })).code).toBe(0);
  });

  it('a baseline written before modes is accepted either way, and the update that rewrites it records its mode', async () => {
    const dir = repo();
    expect((await runCli(['baseline', 'create', '--history', ...demo, '-o', BASELINE], { cwd: dir })).code).toBe(0);
    const old = read(dir).replace('  "mode": "history",\n', '');
    expect(old).not.toContain('mode');
    writeFileSync(path.join(dir, BASELINE), old);

    expect((await runCli(['baseline', 'check', '--history', ...demo, '--baseline', BASELINE], { cwd: dir })).code).toBe(0);
    // Taken as a working-tree baseline, its history-only entry is stale, as before modes.
    const asTree = await runCli(['baseline', 'check', ...demo, '--baseline', BASELINE], { cwd: dir });
    expect(asTree.code).toBe(1);
    expect(asTree.stdout).toMatch(/^stale +demo-token +old\/leak\.txt:1/m);
    expect(read(dir)).toBe(old);

    const update = await runCli(['baseline', 'update', '--history', ...demo, '--baseline', BASELINE], { cwd: dir });
    expect(update.code).toBe(0);
    expect(update.stdout).toContain('0 added, 0 removed, 0 moved, 2 unchanged (now records its mode: history)');
    expect(JSON.parse(read(dir))).toMatchObject({ mode: 'history' });
    expect((await runCli(['baseline', 'check', ...demo, '--baseline', BASELINE], { cwd: dir })).code).toBe(2);
  });

  it('a mode the reader does not know is refused like any corrupted baseline, and the file is kept', async () => {
    const dir = repo();
    expect((await runCli(['baseline', 'create', ...demo, '-o', BASELINE], { cwd: dir })).code).toBe(0);
    const bad = read(dir).replace('"mode": "tree"', '"mode": "worktree"');
    writeFileSync(path.join(dir, BASELINE), bad);
    const run = await runCli(['baseline', 'update', ...demo, '--baseline', BASELINE], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/\.secretsift-baseline\.json:3: mode/);
    expect(read(dir)).toBe(bad);
  });
});

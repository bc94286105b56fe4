import { existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_PACK, runCli } from '../helpers/cli.js';
import { git, initRepo } from '../helpers/git.js';
import { tempDir, writeTree } from '../helpers/temp.js';
import { fakeDemoToken } from '../helpers/tokens.js';

const DEMO = ['--rules', DEMO_PACK, '--no-config'];
// NODE_DEBUG=secretsift makes the cache say how many blobs it let the run skip and how many were read.
const DEBUG = { NODE_DEBUG: 'secretsift' };

/** 12 commits of clean files, and 2 blobs holding a secret (one later removed). */
function history(): string {
  const repo = tempDir();
  initRepo(repo);
  const commit = (files: Record<string, string>, message: string, day: number) => {
    const date = `2024-03-${String(day).padStart(2, '0')}T10:00:00Z`;
    writeTree(repo, files);
    git(repo, ['add', '-A'], date);
    git(repo, ['commit', '-q', '-m', message], date);
  };
  for (let i = 1; i <= 10; i++) commit({ [`src/m${i}.js`]: `export const m${i} = ${i};\n`, 'README.md': `# app v${i}\n` }, `module ${i}`, i);
  commit({ 'config/app.env': `TOKEN=${fakeDemoToken()}\n` }, 'configure', 11);
  commit({ 'config/app.env': `TOKEN=${fakeDemoToken()}\n` }, 'rotate', 12);
  return repo;
}

function cacheCounts(stderr: string): { known: number; read: number; added: number } | undefined {
  const match = /blob cache: (\d+) blobs known clean and not read, (\d+) read, (\d+) found clean and added/.exec(stderr);
  return match ? { known: Number(match[1]), read: Number(match[2]), added: Number(match[3]) } : undefined;
}

async function run(repo: string, cache: string, extra: readonly string[] = []) {
  const result = await runCli(['history', '.', ...DEMO, '-f', 'json', '--blob-cache', cache, ...extra], { cwd: repo, env: DEBUG });
  return { ...result, counts: cacheCounts(result.stderr) };
}

/** The report without what differs from run to run anyway. */
function report(stdout: string): unknown {
  return JSON.parse(stdout);
}

describe('history --blob-cache', () => {
  it('a second run reads only the blobs with findings and reports exactly the same', async () => {
    const repo = history();
    const cache = path.join(tempDir(), 'blobs.cache');
    const plain = await runCli(['history', '.', ...DEMO, '-f', 'json'], { cwd: repo });
    const first = await run(repo, cache);
    expect(first.code).toBe(1);
    expect(first.counts).toEqual({ known: 0, read: 22, added: 20 });
    const second = await run(repo, cache);
    expect(second.code).toBe(1);
    // 20 clean blobs known, not read; only the 2 with a secret were read again.
    expect(second.counts).toEqual({ known: 20, read: 2, added: 0 });
    expect(report(second.stdout)).toEqual(report(first.stdout));
    expect(report(second.stdout)).toEqual(report(plain.stdout));
    // The cache holds no path and no content: hashed ids, sizes and times.
    const text = readFileSync(cache, 'utf8');
    expect(text).not.toContain('src/');
    expect(text.split('\n')[0]).toMatch(/^secretsift-blob-cache 1 [0-9a-f]{64}$/);
  });

  it('ignores a cache made for other rules, config or limits', async () => {
    const repo = history();
    const cache = path.join(tempDir(), 'blobs.cache');
    await run(repo, cache);
    const stale = await run(repo, cache, ['--max-decode-depth', '0']);
    expect(stale.counts?.known).toBe(0);
    expect(stale.stderr).not.toMatch(/warning/);
    const fresh = await runCli(['history', '.', ...DEMO, '-f', 'json', '--max-decode-depth', '0'], { cwd: repo });
    expect(report(stale.stdout)).toEqual(report(fresh.stdout));
  });

  it('warns about a damaged cache, goes on, and rebuilds it; a file that is not a cache is left alone', async () => {
    const repo = history();
    const dir = tempDir();
    const cache = path.join(dir, 'blobs.cache');
    await run(repo, cache);
    const good = readFileSync(cache, 'utf8');
    writeFileSync(cache, good.replace(/\n([0-9a-f]{32}) /, '\nffffffffffffffffffffffffffffffff '));
    const damaged = await run(repo, cache);
    expect(damaged.code).toBe(1);
    expect(damaged.stderr).toMatch(/warning: blob cache .* ignored: it is damaged/);
    expect(damaged.counts?.known).toBe(0);
    expect(readFileSync(cache, 'utf8').split('\n')[0]).toBe(good.split('\n')[0]);
    expect((await run(repo, cache)).counts?.known).toBe(20);

    const foreign = path.join(dir, 'notes.txt');
    writeFileSync(foreign, 'my notes\n');
    const refused = await run(repo, foreign);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/not a secretsift blob cache/);
    expect(readFileSync(foreign, 'utf8')).toBe('my notes\n');
  });

  it('stays whole when two runs write it at once (the last writer wins)', async () => {
    const repo = history();
    const cache = path.join(tempDir(), 'blobs.cache');
    const runs = await Promise.all([run(repo, cache), run(repo, cache), run(repo, cache)]);
    for (const { code, stderr } of runs) {
      expect(code).toBe(1);
      expect(stderr).not.toMatch(/warning/);
    }
    const after = await run(repo, cache);
    expect(after.stderr).not.toMatch(/warning/);
    expect(after.counts).toEqual({ known: 20, read: 2, added: 0 });
  });

  it('never writes through a symlink, and never uses a cache inside the scanned repository', async () => {
    const repo = history();
    const outside = tempDir();
    const victim = path.join(outside, 'victim.txt');
    writeFileSync(victim, 'keep me\n');
    // A link the repository planted where the cache would go.
    symlinkSync(victim, path.join(repo, 'planted.cache'));
    const inRepo = await run(repo, 'planted.cache');
    expect(inRepo.code).toBe(1);
    expect(inRepo.stderr).toMatch(/not used: it is inside the scanned repository/);
    expect(readFileSync(victim, 'utf8')).toBe('keep me\n');
    const plainCache = path.join(repo, '.cache-file');
    expect((await run(repo, plainCache)).stderr).toMatch(/inside the scanned repository/);

    // A directory link the repository planted, pointing outside it: the cache is not written there.
    symlinkSync(outside, path.join(repo, 'linked-dir'));
    const throughDir = await run(repo, path.join('linked-dir', 'x.cache'));
    expect(throughDir.code).toBe(1);
    expect(throughDir.stderr).toMatch(/inside the scanned repository/);
    expect(existsSync(path.join(outside, 'x.cache'))).toBe(false);
  });
});

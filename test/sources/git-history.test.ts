import { describe, expect, it } from 'vitest';
import { findIntroductions } from '../../src/sources/git-attribution.js';
import { blobsAtTips, treeEntries } from '../../src/sources/git-exposure.js';
import { countCommits, listBlobs, openRepo, selectHistory, type BlobRef, type GitRepo, type HistorySelection } from '../../src/sources/git-history.js';
import { GitObjectReader } from '../../src/sources/git-objects.js';
import { TargetError } from '../../src/sources/worktree.js';
import { git, initRepo } from '../helpers/git.js';
import { tempDir, writeTree } from '../helpers/temp.js';

function commit(repo: string, files: Record<string, string>, message: string, date: string): string {
  writeTree(repo, files);
  git(repo, ['add', '-A'], date);
  git(repo, ['commit', '-q', '-m', message], date);
  return git(repo, ['rev-parse', 'HEAD']).trim();
}

async function blobsOf(repo: GitRepo, selection: HistorySelection): Promise<BlobRef[]> {
  const all: BlobRef[] = [];
  for await (const { blobs } of listBlobs(repo, selection)) all.push(...blobs);
  return all.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.oid < b.oid ? -1 : 1));
}

/** main: c1 (a=1) → c2 (a=2, b) ; side from c1: s1 (c); tag v1 on c1. */
function fixture(): { dir: string; c1: string; c2: string; s1: string } {
  const dir = tempDir();
  initRepo(dir);
  const c1 = commit(dir, { 'a.txt': '1\n' }, 'one', '2024-01-01T00:00:00Z');
  git(dir, ['tag', '-a', 'v1', '-m', 'v1']);
  const c2 = commit(dir, { 'a.txt': '2\n', 'dir/b.txt': 'b\n' }, 'two', '2024-01-02T00:00:00Z');
  git(dir, ['checkout', '-q', '-b', 'side', c1]);
  const s1 = commit(dir, { 'c.txt': 'c\n' }, 'side', '2024-01-03T00:00:00Z');
  git(dir, ['checkout', '-q', 'main']);
  return { dir, c1, c2, s1 };
}

describe('git history selection and listing', () => {
  it('lists each blob of every ref once, with a path', async () => {
    const { dir } = fixture();
    const repo = openRepo(dir);
    const selection = selectHistory(repo, {});
    expect(selection.all).toBe(true);
    expect(selection.tips.map((tip) => tip.ref).sort()).toEqual(['HEAD', 'refs/heads/main', 'refs/heads/side', 'refs/tags/v1']);
    const blobs = await blobsOf(repo, selection);
    expect(blobs.map((b) => b.path)).toEqual(['a.txt', 'a.txt', 'c.txt', 'dir/b.txt']);
    expect(await countCommits(repo, selection)).toBe(3);
  });

  it('resolves --branch, --range and --since-commit to object ids only', async () => {
    const { dir, c1, c2, s1 } = fixture();
    const repo = openRepo(dir);
    expect(selectHistory(repo, { branch: 'side' })).toMatchObject({ all: false, include: [s1], exclude: [], tips: [{ ref: 'side', commit: s1 }] });
    expect(selectHistory(repo, { range: 'v1..main' })).toMatchObject({ include: [c2], exclude: [c1] });
    expect(selectHistory(repo, { range: `${c1}..` })).toMatchObject({ include: [c2], exclude: [c1] });
    expect(selectHistory(repo, { range: 'v1...main' })).toMatchObject({ include: [c2], exclude: [c1] });
    // Diverged: what main has since the merge base with side, as `git diff side...main` reviews.
    expect(selectHistory(repo, { range: 'side...main' })).toMatchObject({ include: [c2], exclude: [s1], tips: [{ ref: 'main', commit: c2 }] });
    expect(await countCommits(repo, selectHistory(repo, { range: 'side...main' }))).toBe(1);
    expect(selectHistory(repo, { sinceCommit: c1 })).toMatchObject({ include: [c2], exclude: [c1], tips: [{ ref: 'HEAD' }] });
    const range = selectHistory(repo, { range: 'v1..main' });
    expect((await blobsOf(repo, range)).map((b) => b.path)).toEqual(['a.txt', 'dir/b.txt']);
    expect(await countCommits(repo, range)).toBe(1);
    for (const bad of [{ branch: '--all' }, { branch: 'nope' }, { range: 'main' }, { range: '-x...main' }, { range: 'v1...--all' }, { range: 'v1....main' }, { sinceCommit: '-n1' }]) {
      expect(() => selectHistory(repo, bad), JSON.stringify(bad)).toThrow(TargetError);
    }
  });

  it('--max-commits lists the newest commits and only what they changed', async () => {
    const { dir, c2 } = fixture();
    const repo = openRepo(dir);
    const selection = selectHistory(repo, { branch: 'main', maxCommits: 1 });
    expect(selection).toMatchObject({ include: [c2], noWalk: true });
    expect((await blobsOf(repo, selection)).map((b) => b.path)).toEqual(['a.txt', 'dir/b.txt']);
    expect(await countCommits(repo, selection)).toBe(1);
  });

  it('opens bare repositories and refuses other directories', () => {
    const { dir } = fixture();
    const bare = `${tempDir()}/x.git`;
    git(dir, ['clone', '-q', '--bare', dir, bare]);
    expect(openRepo(bare)).toMatchObject({ workTree: undefined, shallow: false });
    expect(() => openRepo(tempDir())).toThrow(/not a git repository/);
  });
});

describe('attribution and exposure', () => {
  it('finds the commits and paths that introduced a blob, parents first', async () => {
    const dir = tempDir();
    initRepo(dir);
    const c1 = commit(dir, { 'one.txt': 'same\n' }, 'first', '2024-01-01T00:00:00Z');
    commit(dir, { 'other.txt': 'x\n' }, 'unrelated', '2024-01-02T00:00:00Z');
    const c3 = commit(dir, { 'copy/one.txt': 'same\n' }, 'copy', '2024-01-03T00:00:00Z');
    const repo = openRepo(dir);
    const blob = git(dir, ['rev-parse', 'HEAD:one.txt']).trim();
    const found = await findIntroductions(repo, selectHistory(repo, {}), new Set([blob]));
    expect(found.get(blob)?.map((i) => [i.commit.sha, i.path, i.commit.message, i.commit.author])).toEqual([
      [c1, 'one.txt', 'first', 'Ada Tester'],
      [c3, 'copy/one.txt', 'copy', 'Ada Tester'],
    ]);
  });

  it('says which ref tips still hold a blob, sharing subtrees between refs', async () => {
    const { dir } = fixture();
    const repo = openRepo(dir);
    const selection = selectHistory(repo, {});
    const a1 = git(dir, ['rev-parse', 'v1:a.txt']).trim();
    const b = git(dir, ['rev-parse', 'main:dir/b.txt']).trim();
    const reader = new GitObjectReader(dir);
    try {
      const exposed = await blobsAtTips(reader, selection.tips, new Set([a1, b]));
      expect([...(exposed.get(a1) ?? [])].sort()).toEqual(['refs/heads/side', 'refs/tags/v1']);
      expect([...(exposed.get(b) ?? [])].sort()).toEqual(['HEAD', 'refs/heads/main']);
    } finally {
      await reader.close();
    }
  });

  it('parses raw tree entries for sha1 object ids', () => {
    const oid = 'ab'.repeat(20);
    const data = Buffer.concat([Buffer.from('100644 a b.txt\0'), Buffer.from(oid, 'hex'), Buffer.from('40000 dir\0'), Buffer.from(oid, 'hex')]);
    expect([...treeEntries(data, 20)]).toEqual([
      { mode: '100644', name: 'a b.txt', oid },
      { mode: '40000', name: 'dir', oid },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { openRepoAsync } from '../../src/sources/git-history.js';
import { parseStagedDiff, stagedFilesWhileOpening } from '../../src/sources/staged.js';
import { git, initRepo } from '../helpers/git.js';
import { tempDir, writeTree } from '../helpers/temp.js';

const Z = '0'.repeat(40);
const A = 'a'.repeat(40);
const B = 'b'.repeat(40);

describe('staged changes', () => {
  it('parses raw entries and the zero-context patch into added lines per file', () => {
    const out = Buffer.from(
      [
        `:100644 100644 ${A} ${B} M\0f.txt\0`,
        `:000000 100644 ${Z} ${A} A\0new file.txt\0`,
        `:100644 100644 ${A} ${B} R087\0old.txt\0moved.txt\0`,
        '\0',
        'diff --git a/f.txt b/f.txt\nindex aaa..bbb 100644\n--- a/f.txt\n+++ b/f.txt\n@@ -2 +2 @@\n-old\n+new\n@@ -9,0 +10,2 @@\n+x\n+y\n',
        'diff --git a/new file.txt b/new file.txt\nnew file mode 100644\n--- /dev/null\n+++ b/new file.txt\t\n@@ -0,0 +1,2 @@\n+++not a header\n+two\n',
        'diff --git a/old.txt b/moved.txt\nsimilarity index 87%\nrename from old.txt\nrename to moved.txt\n@@ -5 +5 @@\n-a\n+b\n',
      ].join(''),
    );
    expect(parseStagedDiff(out).map((f) => [f.path, f.oid, [...f.addedLines]])).toEqual([
      ['f.txt', B, [2, 10, 11]],
      ['new file.txt', A, [1, 2]],
      ['moved.txt', B, [5]],
    ]);
  });

  it('reads the index, not the working tree', async () => {
    const dir = tempDir();
    initRepo(dir);
    writeTree(dir, { 'a.txt': 'one\ntwo\n' });
    git(dir, ['add', 'a.txt']);
    git(dir, ['commit', '-q', '-m', 'a']);
    writeTree(dir, { 'a.txt': 'one\nTWO\nthree\n', 'b.txt': 'untracked\n' });
    git(dir, ['add', 'a.txt']);
    writeTree(dir, { 'a.txt': 'changed again\n' });
    const [file, ...rest] = (await stagedFilesWhileOpening(openRepoAsync(dir), dir, {})).files;
    expect(rest).toEqual([]);
    expect(file?.path).toBe('a.txt');
    expect([...(file?.addedLines ?? [])]).toEqual([2, 3]);
    expect(file?.oid).toBe(git(dir, ['rev-parse', ':a.txt']).trim());
  });
});

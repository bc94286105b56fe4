import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listFiles } from '../../src/sources/worktree.js';
import { git, initRepo } from '../helpers/git.js';
import { tempDir, writeTree } from '../helpers/temp.js';

const paths = (root: string, targets = ['.']) => listFiles(targets, root).files.map((file) => file.path);

describe('listFiles', () => {
  it('inside a git work tree, honours .gitignore, nested ignores and .git/info/exclude', () => {
    const root = tempDir();
    initRepo(root);
    writeTree(root, {
      '.gitignore': 'build/\n*.log\n',
      'src/app.js': 'x',
      'src/.gitignore': 'generated.js\n',
      'src/generated.js': 'x',
      'build/out.js': 'x',
      'debug.log': 'x',
      'local.txt': 'x',
      'tracked.txt': 'x',
    });
    writeFileSync(path.join(root, '.git', 'info', 'exclude'), 'local.txt\n');
    git(root, ['add', 'tracked.txt']);
    expect(paths(root)).toEqual(['.gitignore', 'src/.gitignore', 'src/app.js', 'tracked.txt']);
  });

  it('outside git, lists everything but .git, a symlinked directory as itself (to be refused when read), never followed', () => {
    const root = tempDir();
    const outside = tempDir();
    writeTree(outside, { 'secret.txt': 'x' });
    writeTree(root, { 'a.txt': 'x', '.env': 'x', 'deep/er/b.txt': 'x', 'node_modules/m.js': 'x' });
    mkdirSync(path.join(root, '.git'));
    writeFileSync(path.join(root, '.git', 'config'), 'x');
    symlinkSync(outside, path.join(root, 'escape'));
    expect(paths(root)).toEqual(['.env', 'a.txt', 'deep/er/b.txt', 'escape', 'node_modules/m.js']);
  });

  it('scans a subdirectory of a repository with paths relative to the working directory', () => {
    const root = tempDir();
    initRepo(root);
    writeTree(root, { 'sub/a.txt': 'x', 'other.txt': 'x' });
    expect(paths(root, ['sub'])).toEqual(['sub/a.txt']);
  });

  it('lists named files even when ignored, and refuses missing targets', () => {
    const root = tempDir();
    initRepo(root);
    writeTree(root, { '.gitignore': '*.env\n', 'x.env': 'x' });
    expect(listFiles(['x.env'], root).files).toEqual([{ absPath: path.join(root, 'x.env'), path: 'x.env', explicit: true }]);
    expect(() => listFiles(['missing'], root)).toThrow(/no such file/);
  });
});

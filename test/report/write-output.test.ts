import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutputError, resolveOutput } from '../../src/util/output-target.js';
import { writeFileAtomic } from '../../src/util/write-output.js';
import { tempDir } from '../helpers/temp.js';

describe('writeFileAtomic', () => {
  it('replaces the file whole and leaves no temp file behind', () => {
    const dir = tempDir();
    const file = path.join(dir, 'report.json');
    writeFileSync(file, 'old');
    writeFileAtomic(file, 'new content');
    expect(readFileSync(file, 'utf8')).toBe('new content');
    expect(readdirSync(dir)).toEqual(['report.json']);
  });

  it('refuses a directory, naming the destination, and leaves nothing behind', () => {
    const dir = tempDir();
    const file = path.join(dir, 'sub');
    mkdirSync(file);
    expect(() => writeFileAtomic(file, 'x')).toThrow(new OutputError(`cannot write ${file}: is a directory`));
    expect(statSync(file).isDirectory()).toBe(true);
    expect(readdirSync(dir)).toEqual(['sub']);
  });

  it('refuses a missing directory, naming the destination as given', () => {
    const dir = tempDir();
    expect(() => writeFileAtomic(path.join(dir, 'nope', 'r.json'), 'x')).toThrow(`cannot write ${path.join(dir, 'nope', 'r.json')}: its directory does not exist`);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('keeps the permission bits of the file it replaces, or sets those asked for', () => {
    const dir = tempDir();
    const file = path.join(dir, 'hook');
    writeFileSync(file, 'old');
    chmodSync(file, 0o750);
    writeFileAtomic(file, 'new');
    expect(statSync(file).mode & 0o777).toBe(0o750);
    writeFileAtomic(file, 'newer', { mode: 0o700 });
    expect(statSync(file).mode & 0o777).toBe(0o700);
  });

  it('writes devices in place instead of replacing them', () => {
    writeFileAtomic('/dev/null', 'discarded');
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it('refuses a FIFO nobody reads, instead of waiting for a reader', () => {
    const dir = tempDir();
    const fifo = path.join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    expect(() => writeFileAtomic(fifo, 'x')).toThrow(`cannot write ${fifo}: no process is reading the FIFO`);
  });

  it('writes through a symlink outside the scanned paths (the user chose it), keeping the link', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'real.json'), 'old');
    symlinkSync(path.join(dir, 'real.json'), path.join(dir, 'link.json'));
    writeFileAtomic(path.join(dir, 'link.json'), 'new', { scanned: [tempDir()] });
    expect(readFileSync(path.join(dir, 'real.json'), 'utf8')).toBe('new');
    expect(statSync(path.join(dir, 'link.json')).isFile()).toBe(true);
  });
});

describe('a symlink inside the scanned paths is never followed', () => {
  function hostile(): { repo: string; outside: string; bashrc: string } {
    const root = tempDir();
    const repo = path.join(root, 'repo');
    const outside = path.join(root, 'home');
    mkdirSync(repo);
    mkdirSync(outside);
    const bashrc = path.join(outside, '.bashrc');
    writeFileSync(bashrc, 'export PATH=/usr/bin\n');
    return { repo, outside, bashrc };
  }

  it('as the file itself: refused, the target untouched', () => {
    const { repo, bashrc } = hostile();
    symlinkSync(bashrc, path.join(repo, 'report.txt'));
    const file = path.join(repo, 'report.txt');
    expect(() => writeFileAtomic(file, 'touch /tmp/pwned\n', { scanned: [repo] })).toThrow(/report\.txt: it is a symbolic link inside the scanned paths/);
    expect(readFileSync(bashrc, 'utf8')).toBe('export PATH=/usr/bin\n');
    expect(readdirSync(repo)).toEqual(['report.txt']);
  });

  it('as a directory on the way, relative or absolute, through a chain of links', () => {
    const { repo, outside } = hostile();
    symlinkSync('../home', path.join(repo, 'reports'));
    symlinkSync(path.join(repo, 'reports'), path.join(repo, 'out'));
    for (const file of ['reports/r.json', 'out/r.json', 'sub/../reports/r.json']) {
      expect(() => resolveOutput(path.join(repo, file), { scanned: [repo] }), file).toThrow(/is a symbolic link inside the scanned paths/);
    }
    expect(readdirSync(outside)).toEqual(['.bashrc']);
  });

  it('a link outside the scanned paths that leads into them is followed, and the links there are still refused', () => {
    const { repo, outside, bashrc } = hostile();
    symlinkSync(bashrc, path.join(repo, 'report.txt'));
    symlinkSync(repo, path.join(outside, 'repo-link'));
    expect(() => resolveOutput(path.join(outside, 'repo-link', 'report.txt'), { scanned: [repo] })).toThrow(/is a symbolic link inside the scanned paths/);
    expect(resolveOutput(path.join(outside, 'repo-link', 'new.json'), { scanned: [repo] })).toMatchObject({ kind: 'file', file: path.join(repo, 'new.json') });
  });
});

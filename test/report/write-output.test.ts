import { mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/report/write-output.js';
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

  it('keeps the old file and cleans up when the write fails', () => {
    const dir = tempDir();
    const file = path.join(dir, 'sub');
    mkdirSync(file);
    expect(() => writeFileAtomic(file, 'x')).toThrow();
    expect(statSync(file).isDirectory()).toBe(true);
    expect(readdirSync(dir)).toEqual(['sub']);
  });

  it('writes devices in place instead of replacing them', () => {
    writeFileAtomic('/dev/null', 'discarded');
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it('writes through a symlink, keeping the link', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'real.json'), 'old');
    symlinkSync(path.join(dir, 'real.json'), path.join(dir, 'link.json'));
    writeFileAtomic(path.join(dir, 'link.json'), 'new');
    expect(readFileSync(path.join(dir, 'real.json'), 'utf8')).toBe('new');
  });
});

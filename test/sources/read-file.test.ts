import { execFileSync } from 'node:child_process';
import { chmodSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReadResult } from '../../src/model/content.js';
import { readFileBytes } from '../../src/sources/read-file.js';
import { textBytes } from '../../src/sources/text-decoding.js';

/** Reading as a scan does: raw bytes, then text or binary. */
function readForScan(file: string, maxBytes: number, followSymlink = false): ReadResult {
  const read = readFileBytes(file, maxBytes, followSymlink);
  if (read.kind !== 'content') return read;
  const text = textBytes(read.data);
  return text ? { kind: 'content', data: text } : { kind: 'skipped', reason: 'binary' };
}
import { tempDir } from '../helpers/temp.js';

describe('readForScan', () => {
  it('reads text files as Buffers', () => {
    const file = path.join(tempDir(), 'a.txt');
    writeFileSync(file, 'hello');
    const result = readForScan(file, 100);
    expect(result.kind).toBe('content');
    expect(result.kind === 'content' && result.data.toString()).toBe('hello');
  });

  it('skips binary files (NUL in the first block)', () => {
    const file = path.join(tempDir(), 'a.bin');
    writeFileSync(file, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x01]));
    expect(readForScan(file, 100)).toEqual({ kind: 'skipped', reason: 'binary' });
  });

  it('decodes UTF-16 text with a BOM instead of calling it binary', () => {
    const dir = tempDir();
    const le = path.join(dir, 'le.txt');
    writeFileSync(le, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('key=värde', 'utf16le')]));
    const be = path.join(dir, 'be.txt');
    writeFileSync(be, Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('key=värde', 'utf16le').swap16()]));
    for (const file of [le, be]) {
      const result = readForScan(file, 100);
      expect(result.kind === 'content' && result.data.toString('utf8')).toBe('key=värde');
    }
  });

  it('skips files over the size limit', () => {
    const file = path.join(tempDir(), 'big.txt');
    writeFileSync(file, 'x'.repeat(101));
    expect(readForScan(file, 100)).toEqual({ kind: 'skipped', reason: 'too-large' });
    expect(readForScan(file, 101).kind).toBe('content');
  });

  it('never follows symlinks unless asked, and never opens FIFOs for reading', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'target.txt'), 'x');
    symlinkSync(path.join(dir, 'target.txt'), path.join(dir, 'link.txt'));
    expect(readForScan(path.join(dir, 'link.txt'), 100)).toEqual({ kind: 'skipped', reason: 'symlink' });
    expect(readForScan(path.join(dir, 'link.txt'), 100, true).kind).toBe('content');
    execFileSync('mkfifo', [path.join(dir, 'fifo')]);
    expect(readForScan(path.join(dir, 'fifo'), 100)).toEqual({ kind: 'skipped', reason: 'not-a-file' });
    expect(readForScan(dir, 100)).toEqual({ kind: 'skipped', reason: 'not-a-file' });
  });

  it('reports a vanished file as skipped', () => {
    expect(readForScan(path.join(tempDir(), 'gone.txt'), 100)).toEqual({ kind: 'skipped', reason: 'vanished' });
  });

  it.skipIf(process.getuid?.() === 0)('reports an unreadable file as an error', () => {
    const file = path.join(tempDir(), 'secret.txt');
    writeFileSync(file, 'x');
    chmodSync(file, 0o000);
    expect(readForScan(file, 100)).toEqual({ kind: 'error', message: 'permission denied' });
  });
});

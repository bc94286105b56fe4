import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BlobCache } from '../../src/pipeline/blob-cache.js';
import { tempDir } from '../helpers/temp.js';

const KEY = 'a'.repeat(64);

function entryId(oid: string, blobPath: string): string {
  return createHash('sha256').update(`${oid}\0${blobPath}`).digest('hex').slice(0, 32);
}

/** A cache file as a run long ago would have left it. */
function writeCache(file: string, entries: readonly [string, string, number, number][]): void {
  const body = entries.map(([oid, blobPath, bytes, seen]) => `${entryId(oid, blobPath)} ${bytes} ${seen}\n`).join('');
  writeFileSync(file, `secretsift-blob-cache 1 ${KEY}\n${createHash('sha256').update(body, 'latin1').digest('hex')}\n${body}`);
}

describe('BlobCache', () => {
  it('knows a blob clean only at the path it was scanned at', () => {
    const dir = tempDir();
    const file = path.join(dir, 'c');
    writeCache(file, [['1'.repeat(40), 'src/a.js', 10, 100]]);
    const cache = new BlobCache(file, KEY, [tempDir()]);
    expect(cache.knownClean('1'.repeat(40), 'src/a.js')).toBe(10);
    expect(cache.knownClean('1'.repeat(40), 'tests/a.js')).toBeUndefined();
    expect(cache.warnings).toEqual([]);
  });

  it('keeps at most its bound, dropping the blobs seen longest ago', () => {
    const dir = tempDir();
    const file = path.join(dir, 'c');
    writeCache(file, [
      ['1'.repeat(40), 'a', 1, 100],
      ['2'.repeat(40), 'b', 2, 200],
      ['3'.repeat(40), 'c', 3, 300],
    ]);
    const cache = new BlobCache(file, KEY, [tempDir()], 2);
    expect(cache.knownClean('1'.repeat(40), 'a')).toBe(1);
    cache.clean('4'.repeat(40), 'd', 4);
    cache.save();
    const kept = new BlobCache(file, KEY, [tempDir()]);
    // Seen this run: the oldest entry (now refreshed) and the new one; 2 and 3 are gone.
    expect([kept.knownClean('1'.repeat(40), 'a'), kept.knownClean('4'.repeat(40), 'd'), kept.knownClean('2'.repeat(40), 'b'), kept.knownClean('3'.repeat(40), 'c')]).toEqual([1, 4, undefined, undefined]);
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(4);
  });

  it('starts afresh, without a warning, from a cache of another key', () => {
    const dir = tempDir();
    const file = path.join(dir, 'c');
    writeCache(file, [['1'.repeat(40), 'a', 1, 100]]);
    const cache = new BlobCache(file, 'b'.repeat(64), [tempDir()]);
    expect(cache.knownClean('1'.repeat(40), 'a')).toBeUndefined();
    expect(cache.warnings).toEqual([]);
  });
});

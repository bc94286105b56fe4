import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBinaryCacheEntry, readCacheEntry, settledFileStamp, writeBinaryCacheEntry, writeCacheEntry, type BinaryEntry } from '../../src/util/cache-file.js';
import { tempDir } from '../helpers/temp.js';

const KEY = 'a'.repeat(64);

function sample(): BinaryEntry {
  return {
    value: { name: 'sample', count: 3 },
    // Lengths that are not multiples of 8, so padding is exercised, and an empty part.
    parts: [new Uint8Array(Int32Array.of(1, -2, 3).buffer), Buffer.from('abcde'), new Uint8Array(0), Uint8Array.of(255)],
  };
}

/** The entry file's parts: format line, digest line, body. */
function split(bytes: Buffer): { format: string; body: Buffer } {
  const formatEnd = bytes.indexOf(0x0a);
  const sumEnd = bytes.indexOf(0x0a, formatEnd + 1);
  return { format: bytes.toString('latin1', 0, formatEnd), body: bytes.subarray(sumEnd + 1) };
}

/** `body` under its format line, with a digest that matches it: whole, as far as the digest can tell. */
function withDigest(format: string, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${format}\n${createHash('sha256').update(body).digest('hex')}\n`), body]);
}

function entryFile(dir: string): string {
  const names = readdirSync(dir).filter((name) => name.endsWith('.bin'));
  expect(names).toHaveLength(1);
  return path.join(dir, names[0] as string);
}

const asArrays = (entry: BinaryEntry | undefined) => entry && { value: entry.value, parts: entry.parts.map((part) => [...part]) };

describe('binary cache entries', () => {
  it('read back the value and parts written, each part aligned for typed arrays', () => {
    const dir = tempDir();
    writeBinaryCacheEntry(dir, 'sample', KEY, sample(), 4);
    const read = readBinaryCacheEntry(dir, 'sample', KEY);
    expect(asArrays(read)).toEqual(asArrays(sample()));
    for (const part of read?.parts ?? []) expect(part.byteOffset % 8).toBe(0);
    expect(new Int32Array(read?.parts[0]?.buffer as ArrayBuffer, read?.parts[0]?.byteOffset, 3)).toEqual(Int32Array.of(1, -2, 3));
  });

  it('are ignored when missing, damaged, or whole but not what was written for the kind and key', () => {
    const dir = tempDir();
    writeBinaryCacheEntry(dir, 'sample', KEY, sample(), 4);
    const file = entryFile(dir);
    const good = readFileSync(file);
    const { format, body } = split(good);
    const header = body.subarray(0, body.indexOf(0x0a)).toString('utf8');
    const rest = body.subarray(body.indexOf(0x0a));
    const withHeader = (text: string) => withDigest(format, Buffer.concat([Buffer.from(text), rest]));
    expect(readBinaryCacheEntry(dir, 'sample', 'b'.repeat(64))).toBeUndefined();
    expect(readBinaryCacheEntry(dir, 'other', KEY)).toBeUndefined();

    const flipped = Buffer.from(good);
    flipped[flipped.length - 1] = (flipped[flipped.length - 1] as number) ^ 1;
    const damage: Record<string, Buffer> = {
      empty: Buffer.alloc(0),
      truncated: good.subarray(0, good.length - 3),
      'a part edited (digest stale)': flipped,
      'whole, one byte longer': withDigest(format, Buffer.concat([body, Buffer.of(0)])),
      'whole, a part missing': withDigest(format, body.subarray(0, body.length - 8)),
      'whole, for another key': withHeader(header.replace(KEY, 'c'.repeat(64))),
      'whole, of another kind': withHeader(header.replace('"kind":"sample"', '"kind":"other"')),
      'whole, lengths not numbers': withHeader(header.replace(/"parts":\[[^\]]*\]/, '"parts":["12"]')),
      'whole, a negative length': withHeader(header.replace(/"parts":\[\d+/, '"parts":[-4')),
      'whole, header not JSON': withHeader(header.slice(0, 10)),
      'the JSON format line': withDigest('secretsift-cache 1', body),
    };
    for (const [what, bytes] of Object.entries(damage)) {
      writeFileSync(file, bytes);
      expect(readBinaryCacheEntry(dir, 'sample', KEY), what).toBeUndefined();
    }
    rmSync(file);
    execFileSync('mkfifo', [file]);
    expect(readBinaryCacheEntry(dir, 'sample', KEY), 'a FIFO').toBeUndefined();
  });

  it('replace an entry whole, and share the kind’s quota with its older JSON entries', () => {
    const dir = tempDir();
    const keys = ['1', '2', '3'].map((digit) => digit.repeat(64));
    writeCacheEntry(dir, 'sample', keys[0] as string, { old: true }, 2);
    writeCacheEntry(dir, 'sample', keys[1] as string, { old: true }, 2);
    // The JSON entries are older: the binary one written next pushes out the oldest.
    const past = new Date(Date.now() - 60_000);
    for (const name of readdirSync(dir)) utimesSync(path.join(dir, name), past, past);
    utimesSync(path.join(dir, `sample-${keys[0]}.json`), new Date(past.getTime() - 1000), new Date(past.getTime() - 1000));
    writeBinaryCacheEntry(dir, 'sample', keys[2] as string, sample(), 2);
    expect(readdirSync(dir).sort()).toEqual([`sample-${keys[1]}.json`, `sample-${keys[2]}.bin`]);
    writeBinaryCacheEntry(dir, 'sample', keys[2] as string, { value: 'again', parts: [] }, 2);
    expect(readBinaryCacheEntry(dir, 'sample', keys[2] as string)).toEqual({ value: 'again', parts: [] });
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});

describe('pruning', () => {
  it('keeps the entries read most recently, not only those written most recently', () => {
    const dir = tempDir();
    const keys = ['1', '2', '3', '4'].map((digit) => digit.repeat(64));
    const isObject = (value: unknown): value is object => typeof value === 'object' && value !== null;
    writeCacheEntry(dir, 'sample', keys[0] as string, { n: 0 }, 3);
    writeCacheEntry(dir, 'sample', keys[1] as string, { n: 1 }, 3);
    writeBinaryCacheEntry(dir, 'sample', keys[2] as string, sample(), 3);
    // Written in that order, minutes apart: the first is the oldest.
    const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);
    utimesSync(path.join(dir, `sample-${keys[0]}.json`), minutesAgo(30), minutesAgo(30));
    utimesSync(path.join(dir, `sample-${keys[1]}.json`), minutesAgo(20), minutesAgo(20));
    utimesSync(path.join(dir, `sample-${keys[2]}.bin`), minutesAgo(10), minutesAgo(10));
    // The oldest is read (the rule set every run uses): it is used now, so it outlives the others.
    expect(readCacheEntry(dir, 'sample', keys[0] as string, isObject)).toEqual({ n: 0 });
    writeCacheEntry(dir, 'sample', keys[3] as string, { n: 3 }, 3);
    expect(readdirSync(dir).sort()).toEqual([`sample-${keys[0]}.json`, `sample-${keys[2]}.bin`, `sample-${keys[3]}.json`]);
    // The same for a binary entry read, now the oldest. The others are dated minutes back too: a
    // mark made in the same millisecond as the first read's would tie with it.
    utimesSync(path.join(dir, `sample-${keys[0]}.json`), minutesAgo(5), minutesAgo(5));
    utimesSync(path.join(dir, `sample-${keys[3]}.json`), minutesAgo(4), minutesAgo(4));
    utimesSync(path.join(dir, `sample-${keys[2]}.bin`), minutesAgo(40), minutesAgo(40));
    expect(asArrays(readBinaryCacheEntry(dir, 'sample', keys[2] as string))).toEqual(asArrays(sample()));
    writeCacheEntry(dir, 'sample', keys[1] as string, { n: 1 }, 3);
    expect(readdirSync(dir).sort()).toEqual([`sample-${keys[1]}.json`, `sample-${keys[2]}.bin`, `sample-${keys[3]}.json`]);
  });

  it('a damaged entry read is not marked used: it goes first', () => {
    const dir = tempDir();
    const keys = ['1', '2', '3'].map((digit) => digit.repeat(64));
    const isObject = (value: unknown): value is object => typeof value === 'object' && value !== null;
    writeCacheEntry(dir, 'sample', keys[0] as string, { n: 0 }, 2);
    writeCacheEntry(dir, 'sample', keys[1] as string, { n: 1 }, 2);
    const old = new Date(Date.now() - 30 * 60_000);
    const older = new Date(Date.now() - 40 * 60_000);
    utimesSync(path.join(dir, `sample-${keys[1]}.json`), old, old);
    writeFileSync(path.join(dir, `sample-${keys[0]}.json`), 'garbage');
    utimesSync(path.join(dir, `sample-${keys[0]}.json`), older, older);
    expect(readCacheEntry(dir, 'sample', keys[0] as string, isObject)).toBeUndefined();
    writeCacheEntry(dir, 'sample', keys[2] as string, { n: 2 }, 2);
    expect(readdirSync(dir).sort()).toEqual([`sample-${keys[1]}.json`, `sample-${keys[2]}.json`]);
  });
});

describe('a file stamp in place of its bytes (cache keys of built-in packs)', () => {
  // As if the file had been left alone for a minute since: a stamp is only given for a settled file.
  const later = (file: string): number => Number(statSync(file).ctimeMs) + 60_000;

  it('changes when the file changes, even to the same size with its modification time put back', () => {
    const file = path.join(tempDir(), 'pack.yaml');
    writeFileSync(file, 'rules: [a]\n');
    // A whole second, which utimes can set back exactly.
    const when = 1_700_000_000;
    utimesSync(file, when, when);
    const before = statSync(file);
    const stamp = settledFileStamp(file, later(file));
    expect(stamp).toBeDefined();
    // Rewritten until the change time moves on: the clock may not have ticked since the first
    // write, and then no stamp could tell the two apart (which is why a stamp waits for a settled file).
    const first = statSync(file, { bigint: true }).ctimeNs;
    for (let i = 0; i < 1_000_000 && statSync(file, { bigint: true }).ctimeNs === first; i++) writeFileSync(file, 'rules: [b]\n');
    utimesSync(file, when, when);
    expect(statSync(file).size).toBe(before.size);
    expect(statSync(file).mtimeMs).toBe(before.mtimeMs);
    expect(settledFileStamp(file, later(file))).not.toBe(stamp);
    // Unchanged, the same stamp.
    expect(settledFileStamp(file, later(file))).toBe(settledFileStamp(file, later(file)));
  });

  it('is not given for a file changed too recently, dated in the future, empty, missing or not a regular file', () => {
    const dir = tempDir();
    const file = path.join(dir, 'pack.yaml');
    writeFileSync(file, 'rules: []\n');
    expect(settledFileStamp(file)).toBeUndefined();
    const future = new Date(Date.now() + 3_600_000);
    utimesSync(file, future, future);
    expect(settledFileStamp(file, Date.now() + 60_000)).toBeUndefined();
    const empty = path.join(dir, 'empty.yaml');
    writeFileSync(empty, '');
    expect(settledFileStamp(empty, later(empty))).toBeUndefined();
    expect(settledFileStamp(path.join(dir, 'missing.yaml'))).toBeUndefined();
    expect(settledFileStamp(dir, later(dir))).toBeUndefined();
    const fifo = path.join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    expect(settledFileStamp(fifo, later(fifo))).toBeUndefined();
  });
});

import { chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { GitObjectReader } from '../../src/sources/git-objects.js';
import { git, initRepo } from '../helpers/git.js';
import { tempDir, writeTree } from '../helpers/temp.js';

function repoWithBlobs(files: Record<string, string | Buffer>): { repo: string; oids: Record<string, string> } {
  const repo = tempDir();
  initRepo(repo);
  writeTree(repo, files);
  git(repo, ['add', '-A']);
  git(repo, ['commit', '-q', '-m', 'blobs']);
  const oids: Record<string, string> = {};
  for (const name of Object.keys(files)) oids[name] = git(repo, ['rev-parse', `HEAD:${name}`]).trim();
  return { repo, oids };
}

describe('GitObjectReader', () => {
  it('reads blobs of any size as exact Buffers, across pipe chunks', async () => {
    const big = Buffer.alloc(300_000, 'ab\n');
    const binary = Buffer.from([0, 255, 10, 13, 0, 10]);
    const { repo, oids } = repoWithBlobs({ 'small.txt': 'hello\n', 'big.txt': big, 'empty.txt': '', 'bin.dat': binary });
    const reader = new GitObjectReader(repo);
    try {
      const [small, large, empty, bin] = await Promise.all(['small.txt', 'big.txt', 'empty.txt', 'bin.dat'].map((name) => reader.read(oids[name] as string)));
      expect(small).toMatchObject({ kind: 'content', type: 'blob' });
      expect(small?.kind === 'content' && small.data.toString()).toBe('hello\n');
      expect(large?.kind === 'content' && large.data.equals(big)).toBe(true);
      expect(empty?.kind === 'content' && empty.data.length).toBe(0);
      expect(bin?.kind === 'content' && bin.data.equals(binary)).toBe(true);
      const tree = await reader.read(git(repo, ['rev-parse', 'HEAD^{tree}']).trim());
      expect(tree.kind === 'content' && tree.type).toBe('tree');
    } finally {
      await reader.close();
    }
  });

  it('answers many pipelined requests in order', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 600; i++) files[`f${i}.txt`] = `file ${i}\n${'x'.repeat(i * 7)}`;
    const { repo, oids } = repoWithBlobs(files);
    const reader = new GitObjectReader(repo);
    try {
      const results = await Promise.all(Object.keys(files).map((name) => reader.read(oids[name] as string)));
      results.forEach((result, i) => {
        expect(result.kind === 'content' && result.data.toString()).toBe(files[`f${i}.txt`]);
      });
    } finally {
      await reader.close();
    }
  });

  it('drains blobs over the limit without holding them, and reports missing objects', async () => {
    const { repo, oids } = repoWithBlobs({ 'big.txt': 'y'.repeat(100_000), 'small.txt': 'ok' });
    const reader = new GitObjectReader(repo);
    try {
      expect(await reader.read(oids['big.txt'] as string, 1000)).toEqual({ kind: 'too-large', oid: oids['big.txt'], type: 'blob', size: 100_000 });
      expect(await reader.read('0123456789012345678901234567890123456789')).toMatchObject({ kind: 'missing' });
      expect(await reader.read('HEAD --batch-all-objects')).toMatchObject({ kind: 'error', message: 'not an object id' });
      expect(await reader.read(oids['small.txt'] as string)).toMatchObject({ kind: 'content' });
    } finally {
      await reader.close();
    }
  });

  it('carries on past a corrupt object with a new git process', async () => {
    const { repo, oids } = repoWithBlobs({ 'a.txt': 'aaa\n', 'b.txt': 'bbb\n', 'c.txt': 'ccc\n' });
    const b = oids['b.txt'] as string;
    const file = path.join(repo, '.git', 'objects', b.slice(0, 2), b.slice(2));
    chmodSync(file, 0o644);
    // A loose object whose zlib stream stops short: git prints the header, then dies mid-body.
    const whole = deflateSync(Buffer.from(`blob 4000\0${'x'.repeat(4000)}`));
    writeFileSync(file, whole.subarray(0, whole.length - 8));
    const reader = new GitObjectReader(repo);
    try {
      const results = await Promise.all(['a.txt', 'b.txt', 'c.txt'].map((name) => reader.read(oids[name] as string)));
      expect(results.map((r) => r.kind)).toEqual(['content', 'error', 'content']);
      expect(results[2]?.kind === 'content' && results[2].data.toString()).toBe('ccc\n');
    } finally {
      await reader.close();
    }
  });
});

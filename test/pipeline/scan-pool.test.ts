import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type * as BlobFeederModule from '../../src/pipeline/blob-feeder.js';
import type * as PoolModule from '../../src/pipeline/scan-pool.js';
import type { BlobOutcome, Batch, BatchResult } from '../../src/pipeline/scan-batch.js';
import type { RuleSpec } from '../../src/model/rule.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';

// Workers run the built scan-worker.js: the pool is imported from dist/ (npm test builds it first).
const dist = (file: string): string => path.join(REPO_ROOT, 'dist', file);
const { ScanPool } = (await import(dist('pipeline/scan-pool.js'))) as typeof PoolModule;
const { BlobFeeder } = (await import(dist('pipeline/blob-feeder.js'))) as typeof BlobFeederModule;
const { compileRules } = (await import(dist('detect/compile.js'))) as typeof import('../../src/detect/compile.js');

const SPEC: RuleSpec = {
  id: 'planted',
  description: 'planted token',
  pattern: '\\b(tok_[A-Za-z0-9]{24})\\b',
  keywords: ['tok_'],
  filters: [],
  severity: 'high',
  tags: [],
  references: [],
  examples: [],
  negatives: [],
} as unknown as RuleSpec;
const SETTINGS = { maxFileSize: 1 << 20, inlineAllow: true };
const INIT = { specs: [SPEC], settings: SETTINGS };

function token(n: number): string {
  return `tok_${String(n).padStart(6, '0')}${'Ab3dE5gH7jK9mN1pQ3'}`;
}
/** Blob contents with a token on a known line; every fifth blob holds none. */
function blobs(count: number): { oid: string; path: string; data: Buffer }[] {
  return Array.from({ length: count }, (_, i) => ({ oid: i.toString(16).padStart(40, '0'), path: `src/f${i}.txt`, data: Buffer.from(`line one\n${i % 5 === 0 ? 'nothing here' : `key = ${token(i)}`}\nlast\n`) }));
}
const summary = (outcomes: readonly BlobOutcome[]): string[] =>
  outcomes.map(({ oid, outcome }) => `${oid}:${outcome.kind}:${outcome.kind === 'scanned' ? outcome.findings.map((f) => `${f.startLine}:${f.secret}`).join(',') : ''}`).sort();

function arenaBatch(items: { oid: string; path: string; data: Buffer }[]): Batch {
  const arena = new ArrayBuffer(items.reduce((sum, item) => sum + item.data.length, 0));
  let offset = 0;
  const slots = items.map(({ oid, path: where, data }) => {
    data.copy(Buffer.from(arena, offset, data.length));
    const slot = { oid, path: where, offset, length: data.length };
    offset += data.length;
    return slot;
  });
  return { kind: 'blobs', arena, items: slots };
}

async function throughPool(workers: number, batches: Batch[]): Promise<BatchResult[]> {
  const results: BatchResult[] = [];
  let compiled: ReturnType<typeof compileRules> | undefined;
  const pool = new ScanPool(INIT, workers, () => (compiled ??= compileRules([SPEC])), (result) => results.push(result));
  for (const batch of batches) pool.submit(batch);
  await pool.drain();
  await pool.close();
  return results;
}

describe('the scan pool', () => {
  it('gives the same outcomes for blobs with no worker, one or two (the main thread scanning too)', async () => {
    const all = blobs(300);
    for (const workers of [0, 1, 2]) {
      const batches = Array.from({ length: 30 }, (_, i) => arenaBatch(all.slice(i * 10, i * 10 + 10)));
      const results = await throughPool(workers, batches);
      const outcomes = results.flatMap((r) => (r.kind === 'blobs' ? r.outcomes : []));
      const found = summary(outcomes);
      expect(found).toHaveLength(300);
      expect(found.filter((line) => line.includes('tok_'))).toHaveLength(240);
      for (const [i, b] of all.entries()) if (i % 5 !== 0) expect(found).toContain(`${b.oid}:scanned:2:${token(i)}`);
    }
  });

  it('reads and scans files in batches, each file once, on workers and the main thread', async () => {
    const dir = tempDir();
    const files = Array.from({ length: 120 }, (_, i) => {
      const absPath = path.join(dir, `f${i}.txt`);
      writeFileSync(absPath, `x\n${token(i)}\n`);
      return { absPath, path: `f${i}.txt` };
    });
    const batches: Batch[] = Array.from({ length: 12 }, (_, i) => ({ kind: 'files', files: files.slice(i * 10, i * 10 + 10) }));
    const results = await throughPool(1, batches);
    const perFile = results.flatMap((r) => (r.kind === 'files' ? r.outcomes.flat() : []));
    expect(perFile.map((o) => o.path).sort()).toEqual(files.map((f) => f.path).sort());
    for (const outcome of perFile) expect(outcome.kind === 'scanned' && outcome.findings.map((f) => f.startLine)).toEqual([2]);
  });
});

describe('the blob feeder', () => {
  it('moves to the pool past its inline budget, has the reader wait while the pool is behind, and loses no blob', async () => {
    const all = blobs(2000);
    const outcomes: BlobOutcome[] = [];
    // An inline budget of one blob: almost everything goes through the pool.
    const compiled = compileRules([SPEC]);
    let pool: InstanceType<typeof ScanPool> | undefined;
    const startPool = () => (pool = new ScanPool(INIT, 1, () => compiled, (result) => result.kind === 'blobs' && outcomes.push(...result.outcomes)));
    const feeder = new BlobFeeder(() => compiled, SETTINGS, startPool, (oid, blobPath, outcome) => outcomes.push({ oid, blobPath, outcome }), 1);
    let waits = 0;
    for (const blob of all) {
      const wait = feeder.scan(blob.oid, blob.path, blob.data);
      if (wait) {
        waits++;
        await wait;
      }
    }
    await feeder.finish();
    await pool?.drain();
    await pool?.close();
    expect(outcomes).toHaveLength(2000);
    expect(summary(outcomes).filter((line) => line.includes('tok_'))).toHaveLength(1600);
    // Eight arenas arrive at once for one worker: the reader waited while the main thread helped.
    expect(waits).toBeGreaterThan(0);
  });
});

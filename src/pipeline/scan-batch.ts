import type { CompiledRules, Precompiled } from '../detect/compile.js';
import type { RuleSpec } from '../model/rule.js';
import type { FileRef } from '../model/content.js';
import { scanContent, scanFile, type ScanSettings } from './scan-file.js';
import type { FileOutcome } from '../model/outcome.js';

/** What every scanning thread, worker or main, starts from. Plain data: it crosses to workers. */
export interface ScanInit {
  specs: RuleSpec[];
  settings: ScanSettings;
  /** What the main thread worked out compiling the rules, when it has: a worker need not work it out again. */
  precompiled?: Precompiled;
}

/** A blob's place in a batch's arena. */
export interface BlobSlot {
  oid: string;
  path: string;
  offset: number;
  length: number;
}

/**
 * A unit of work: files a scanner reads itself, or blobs already read (from git), copied into one
 * transferable arena so they reach a worker in one message without a copy per blob.
 */
export type Batch = { kind: 'files'; files: FileRef[] } | { kind: 'blobs'; arena: ArrayBuffer; items: BlobSlot[] };

/** What scanning one blob gave: one outcome, or for an archive one per file inside (`blob!inner`). */
export interface BlobOutcome {
  oid: string;
  /** The path the blob was scanned under; an archive's inner files have longer paths. */
  blobPath: string;
  outcome: FileOutcome;
}

/** A batch's results: one list per file (an archive gives several outcomes), or one entry per blob outcome. */
export type BatchResult = { kind: 'files'; outcomes: FileOutcome[][] } | { kind: 'blobs'; outcomes: BlobOutcome[] };

/** The outcomes of one blob; asynchronous only for an archive. */
export function scanBlob(compiled: CompiledRules, oid: string, blobPath: string, data: Buffer, settings: ScanSettings): BlobOutcome[] | Promise<BlobOutcome[]> {
  const tag = (outcomes: FileOutcome[]): BlobOutcome[] => outcomes.map((outcome) => ({ oid, blobPath, outcome }));
  const outcomes = scanContent(compiled, data, blobPath, settings);
  return Array.isArray(outcomes) ? tag(outcomes) : outcomes.then(tag);
}

/** Scans a batch the same way on any thread. */
export async function scanBatch(compiled: CompiledRules, batch: Batch, settings: ScanSettings): Promise<BatchResult> {
  if (batch.kind === 'files') {
    const outcomes: FileOutcome[][] = [];
    for (const file of batch.files) outcomes.push(await scanFile(compiled, file, settings));
    return { kind: 'files', outcomes };
  }
  const outcomes = await Promise.all(batch.items.map(({ oid, path, offset, length }) => scanBlob(compiled, oid, path, Buffer.from(batch.arena, offset, length), settings)));
  return { kind: 'blobs', outcomes: outcomes.flat() };
}

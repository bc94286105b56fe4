import { lstat } from 'node:fs/promises';
import type { FileRef } from '../model/content.js';
import type { Batch } from './scan-batch.js';

const MAX_FILES_PER_BATCH = 128;
const MIN_BATCH_BYTES = 256 << 10;
const MAX_BATCH_BYTES = 8 << 20;
// Enough batches per scanner that the last ones, the smallest, even out who finishes when.
const BATCHES_PER_SCANNER = 16;

async function sizeOf(file: FileRef): Promise<number> {
  try {
    return (await lstat(file.rawPath ? Buffer.from(file.rawPath) : file.absPath)).size;
  } catch {
    return 0; // The scanner that reads it reports why it cannot.
  }
}

/**
 * Batches of about equal bytes, largest files first: the big ones start early and the small ones
 * fill the gaps at the end, so scanners finish together. Sizes come from lstat while the workers
 * start; a file that changes size meanwhile only makes its batch a little uneven.
 */
export async function fileBatches(files: readonly FileRef[], scanners: number): Promise<{ batches: Batch[]; bytes: number }> {
  // All asked at once: libuv's threads answer while the main thread does other work.
  const sizes = await Promise.all(files.map(sizeOf));
  const total = sizes.reduce((sum, size) => sum + size, 0);
  const target = Math.min(MAX_BATCH_BYTES, Math.max(MIN_BATCH_BYTES, total / (scanners * BATCHES_PER_SCANNER)));
  const order = files.map((_, i) => i).sort((a, b) => (sizes[b] as number) - (sizes[a] as number));
  const batches: Batch[] = [];
  let current: FileRef[] = [];
  let bytes = 0;
  for (const i of order) {
    current.push(files[i] as FileRef);
    bytes += sizes[i] as number;
    if (bytes >= target || current.length >= MAX_FILES_PER_BATCH) {
      batches.push({ kind: 'files', files: current });
      current = [];
      bytes = 0;
    }
  }
  if (current.length) batches.push({ kind: 'files', files: current });
  return { batches, bytes: total };
}

/** Without workers there is no one to balance against: batches in listing order, no sizes needed. */
export function inOrderBatches(files: readonly FileRef[]): Batch[] {
  const batches: Batch[] = [];
  for (let i = 0; i < files.length; i += MAX_FILES_PER_BATCH) batches.push({ kind: 'files', files: files.slice(i, i + MAX_FILES_PER_BATCH) });
  return batches;
}

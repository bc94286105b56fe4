import type { SkipReason } from '../model/content.js';
import type { ArchiveBudget } from './archive-budget.js';

/** One entry as a format reader yields it: `name` is the path inside its own archive. */
export type InnerEntry =
  | { readonly kind: 'file'; readonly name: string; readonly data: Buffer }
  | { readonly kind: 'skipped'; readonly name: string; readonly reason: SkipReason; readonly message?: string }
  | { readonly kind: 'error'; readonly name: string; readonly message: string };

export interface CollectOptions {
  /** Larger entries are refused: detection holds an entry in memory whole. */
  readonly maxBytes: number;
  /** Charged for each chunk when the chunks are freshly decompressed. */
  readonly budget?: ArchiveBudget;
  /** Where the bytes come from, for the limit error. */
  readonly path: string;
}

/**
 * Gathers an entry's chunks into one buffer, or undefined once it grows past `maxBytes`. Leaving
 * the loop early ends the stream, so a lying size never makes more bytes than the limits allow.
 */
export async function collectEntry(chunks: AsyncIterable<Buffer>, options: CollectOptions): Promise<Buffer | undefined> {
  const parts: Buffer[] = [];
  let length = 0;
  for await (const chunk of chunks) {
    options.budget?.spendBytes(chunk.length, options.path);
    length += chunk.length;
    if (length > options.maxBytes) return undefined;
    parts.push(chunk);
  }
  return Buffer.concat(parts, length);
}

export function describeArchiveError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

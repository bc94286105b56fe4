import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { lazyModule } from '../util/lazy-module.js';

const tarStream = lazyModule<typeof import('tar-stream')>('tar-stream');
import type { ArchiveBudget } from './archive-budget.js';
import { collectEntry, type InnerEntry } from './archive-entry.js';

const FILE_TYPES = new Set(['file', 'contiguous-file']);

/**
 * The regular files of a tar stream. Tar stores bytes as they are, so entries cost no budget of
 * their own: a tar on disk is already in memory, and a gzipped one is charged as it is inflated.
 */
export async function* tarEntries(chunks: Iterable<Buffer> | AsyncIterable<Buffer>, path: string, budget: ArchiveBudget): AsyncGenerator<InnerEntry> {
  const extract = tarStream().extract();
  const fed = pipeline(Readable.from(chunks), extract);
  // Stopping early destroys the extractor and so rejects `fed`; the loop reports the real cause.
  fed.catch(() => undefined);
  for await (const entry of extract) {
    // streamx leaves chunks untyped; tar-stream's are Buffers.
    const content = entry as AsyncIterable<Buffer>;
    const { name, type, size } = entry.header;
    budget.spendEntry(`${path}!${name}`);
    if (!FILE_TYPES.has(type)) {
      await drain(content);
    } else if (size > budget.limits.maxEntryBytes) {
      await drain(content);
      yield { kind: 'skipped', name, reason: 'too-large' };
    } else {
      const data = await collectEntry(content, { maxBytes: budget.limits.maxEntryBytes, path: `${path}!${name}` });
      yield data ? { kind: 'file', name, data } : { kind: 'skipped', name, reason: 'too-large' };
    }
  }
  await fed;
}

/** The extractor moves to the next header only once an entry's bytes are consumed. */
async function drain(entry: AsyncIterable<Buffer>): Promise<void> {
  for await (const chunk of entry) void chunk;
}

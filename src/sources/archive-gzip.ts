import { createGunzip } from 'node:zlib';
import type { ArchiveBudget } from './archive-budget.js';
import { collectEntry, type InnerEntry } from './archive-entry.js';
import { tarEntries } from './archive-tar.js';
import { isTar, TAR_SNIFF_BYTES } from './archive-kind.js';

/**
 * A gzip file: a .tar.gz is read as the tar it holds, anything else as one file. Inflating is
 * streamed and charged to the budget chunk by chunk, so a gzip bomb stops at the limit.
 */
export async function* gzipEntries(data: Buffer, path: string, budget: ArchiveBudget): AsyncGenerator<InnerEntry> {
  const gunzip = createGunzip();
  gunzip.end(data);
  const chunks = metered(gunzip, budget, path)[Symbol.asyncIterator]();
  try {
    const head: Buffer[] = [];
    let headLength = 0;
    while (headLength < TAR_SNIFF_BYTES) {
      const next = await chunks.next();
      if (next.done) break;
      head.push(next.value);
      headLength += next.value.length;
    }
    const rest = replay(head, chunks);
    if (isTar(Buffer.concat(head, headLength))) {
      yield* tarEntries(rest, path, budget);
      return;
    }
    const name = gunzippedName(path);
    const inflated = await collectEntry(rest, { maxBytes: budget.limits.maxEntryBytes, path: `${path}!${name}` });
    yield inflated ? { kind: 'file', name, data: inflated } : { kind: 'skipped', name, reason: 'too-large' };
  } finally {
    await chunks.return?.(undefined);
  }
}

async function* metered(source: AsyncIterable<Buffer>, budget: ArchiveBudget, path: string): AsyncGenerator<Buffer> {
  for await (const chunk of source) {
    budget.spendBytes(chunk.length, path);
    yield chunk;
  }
}

async function* replay(head: readonly Buffer[], rest: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  yield* head;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}

/** A gzip holds one unnamed stream: call it after the file, as gunzip would name it. */
export function gunzippedName(path: string): string {
  const base = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('!')) + 1);
  if (/\.tgz$/i.test(base)) return `${base.slice(0, -4)}.tar`;
  return base.replace(/\.(gz|gzip)$/i, '') || base;
}

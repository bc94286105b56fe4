import { ArchiveBudget, ArchiveLimitError, type ArchiveLimits } from './archive-budget.js';
import { describeArchiveError, type InnerEntry } from './archive-entry.js';
import { gzipEntries } from './archive-gzip.js';
import { archiveKind, type ArchiveKind } from './archive-kind.js';
import { tarEntries } from './archive-tar.js';
import { zipEntries } from './archive-zip.js';
import type { SkipReason } from '../model/content.js';

export { archiveKind } from './archive-kind.js';
export type { ArchiveLimits } from './archive-budget.js';

/**
 * What comes out of an archive: an inner file under its full path (`a.zip!b.tar.gz!c.env`), or
 * why one was not read. Inner files are raw bytes: the caller decodes them like any file.
 */
export type ArchiveItem =
  | { readonly kind: 'file'; readonly path: string; readonly data: Buffer }
  | { readonly kind: 'skipped'; readonly path: string; readonly reason: SkipReason; readonly message?: string }
  | { readonly kind: 'error'; readonly path: string; readonly message: string };

const MAX_WARNINGS = 5;

const READERS: Record<ArchiveKind, (data: Buffer, path: string, budget: ArchiveBudget) => AsyncGenerator<InnerEntry>> = {
  zip: zipEntries,
  gzip: gzipEntries,
  tar: (data, path, budget) => tarEntries([data], path, budget),
};

/**
 * The files inside an archive held in memory, nested archives opened up to `maxDepth` layers.
 * Nothing touches the disk, and one inner file at a time is held: items are made as the caller
 * asks for them. A limit reached stops the archive with a `archive-limit` item saying why.
 */
export async function* expandArchive(data: Buffer, path: string, limits: ArchiveLimits): AsyncGenerator<ArchiveItem> {
  const budget = new ArchiveBudget(limits);
  let warnings = 0;
  try {
    for await (const item of expandLayer(data, path, 1, budget)) {
      // Every refusal is counted, but a hostile archive cannot bury the report in warnings.
      if (item.kind === 'skipped' && item.message !== undefined && ++warnings > MAX_WARNINGS) yield { kind: 'skipped', path: item.path, reason: item.reason };
      else yield item;
    }
  } catch (error) {
    if (!(error instanceof ArchiveLimitError)) throw error;
    yield { kind: 'skipped', path: error.path, reason: 'archive-limit', message: error.message };
  }
}

async function* expandLayer(data: Buffer, path: string, depth: number, budget: ArchiveBudget): AsyncGenerator<ArchiveItem> {
  const kind = archiveKind(data);
  if (!kind) {
    yield { kind: 'file', path, data };
    return;
  }
  if (depth > budget.limits.maxDepth) {
    yield { kind: 'skipped', path, reason: 'archive-limit', message: `archive nested deeper than --max-archive-depth (${budget.limits.maxDepth}): not opened` };
    return;
  }
  try {
    for await (const entry of READERS[kind](data, path, budget)) {
      const innerPath = `${path}!${entry.name}`;
      if (entry.kind === 'file') yield* expandLayer(entry.data, innerPath, depth + 1, budget);
      else if (entry.kind === 'error') yield { kind: 'error', path: innerPath, message: entry.message };
      else yield { kind: 'skipped', path: innerPath, reason: entry.reason, ...(entry.message !== undefined && { message: entry.message }) };
    }
  } catch (error) {
    // A damaged archive loses only what follows the damage; its parent and siblings go on.
    if (error instanceof ArchiveLimitError) throw error;
    yield { kind: 'error', path, message: `damaged ${kind} archive: ${describeArchiveError(error)}` };
  }
}

import type yauzl from 'yauzl';
import { lazyModule } from '../util/lazy-module.js';

const zipReader = lazyModule<typeof yauzl>('yauzl');
import { ArchiveLimitError, type ArchiveBudget } from './archive-budget.js';
import { collectEntry, describeArchiveError, type InnerEntry } from './archive-entry.js';

// yauzl's words when an entry inflates past the size its header declares (validateEntrySizes).
const OVERSIZED_ENTRY = /too many bytes in the stream/;

/**
 * The entries of a zip (jar, war, whl, nupkg, apk...) held in memory. Each entry is inflated as a
 * stream and charged to the budget chunk by chunk, so neither a huge ratio nor a lying header can
 * make more bytes than the limits allow.
 */
export async function* zipEntries(data: Buffer, path: string, budget: ArchiveBudget): AsyncGenerator<InnerEntry> {
  // decodeStrings off: yauzl would reject the whole archive for a name like "../x", which a
  // scanner must still look into. Nothing is extracted, so such names are harmless here.
  const zip = await zipReader().fromBufferPromise(data, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true });
  try {
    for await (const entry of zip.eachEntry()) {
      const name = zipReader().getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, false);
      const innerPath = `${path}!${name}`;
      budget.spendEntry(innerPath);
      if (name.endsWith('/')) continue;
      if (entry.isEncrypted()) {
        yield { kind: 'error', name, message: 'encrypted entry: not scanned' };
        continue;
      }
      if (!entry.canDecodeFileData()) {
        yield { kind: 'error', name, message: `unsupported zip compression method ${entry.compressionMethod}: not scanned` };
        continue;
      }
      // An entry bigger than the whole budget is refused unread: owning up to its size costs
      // nothing, and its siblings are still scanned. One that merely finds the budget spent stops it.
      if (entry.uncompressedSize > budget.limits.maxBytes) {
        yield { kind: 'skipped', name, reason: 'archive-limit', message: `would inflate to ${entry.uncompressedSize} bytes, past --max-archive-bytes (${budget.limits.maxBytes}): not scanned` };
        continue;
      }
      if (entry.uncompressedSize > budget.limits.maxEntryBytes) {
        yield { kind: 'skipped', name, reason: 'too-large' };
        continue;
      }
      if (entry.uncompressedSize > budget.bytesRemaining) throw budget.bytesExceeded(innerPath);
      yield await readEntry(zip, entry, name, innerPath, budget);
    }
  } finally {
    zip.close();
  }
}

async function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, name: string, innerPath: string, budget: ArchiveBudget): Promise<InnerEntry> {
  try {
    const stream = await zip.openReadStreamPromise(entry);
    const data = await collectEntry(stream, { maxBytes: budget.limits.maxEntryBytes, budget, path: innerPath });
    return data ? { kind: 'file', name, data } : { kind: 'skipped', name, reason: 'too-large' };
  } catch (error) {
    if (error instanceof ArchiveLimitError) throw error;
    const message = describeArchiveError(error);
    if (OVERSIZED_ENTRY.test(message)) {
      return { kind: 'skipped', name, reason: 'archive-limit', message: `inflates past the ${entry.uncompressedSize} bytes its header declares, like a zip bomb: not scanned` };
    }
    return { kind: 'error', name, message: `damaged zip entry: ${message}` };
  }
}

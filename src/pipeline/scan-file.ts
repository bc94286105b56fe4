import type { FileOutcome } from '../model/outcome.js';
import type { CompiledRules } from '../detect/compile.js';
import { detect } from '../detect/engine.js';
import type { ArchiveLimits } from '../sources/archive-budget.js';
import { archiveKind } from '../sources/archive-kind.js';
import type { FileRef } from '../model/content.js';
import { readFileBytes, readFileSlice } from '../sources/read-file.js';
import { textBytes } from '../sources/text-decoding.js';
import { applyInlineAllows } from '../suppress/inline-allow.js';
import { DEFAULT_CHUNKING } from '../model/defaults.js';
import type { Chunking } from './chunks.js';
import { DEFAULT_DECODE_DEPTH } from '../model/defaults.js';

export { DEFAULT_DECODE_DEPTH };

export interface ScanSettings {
  maxFileSize: number;
  inlineAllow: boolean;
  /** Layers of base64/hex/percent encoding decoded and scanned again; 0 turns decoding off. */
  maxDecodeDepth?: number;
  /** Look inside archives within these limits; absent, an archive is skipped as binary. */
  archives?: ArchiveLimits | undefined;
  /** Compute GitHub's line hashes (only SARIF shows them; they cost a pass over the content). */
  lineHashes?: boolean;
  /** How files too large to hold whole are read; DEFAULT_CHUNKING unless a test says otherwise. */
  chunking?: Chunking;
  /** `--verify`: detection attaches the named groups and companions a rule's verify request needs. */
  verifyValues?: boolean;
}

export function scanBuffer(compiled: CompiledRules, data: Buffer, path: string, settings: ScanSettings): FileOutcome {
  const findings = detect(compiled, data, path, { decodeDepth: settings.maxDecodeDepth ?? DEFAULT_DECODE_DEPTH, lineHashes: settings.lineHashes, verifyValues: settings.verifyValues });
  if (!settings.inlineAllow) return { kind: 'scanned', path, bytes: data.length, findings, inlineAllowed: [] };
  const { kept, allowed } = applyInlineAllows(findings, data);
  return { kind: 'scanned', path, bytes: data.length, findings: kept, inlineAllowed: allowed };
}

/** Scans a file on disk: one outcome, or for an archive one per file inside it. */
export async function scanFile(compiled: CompiledRules, file: FileRef, settings: ScanSettings): Promise<FileOutcome[]> {
  // rawPath arrives from a worker thread as a plain Uint8Array.
  const where = file.rawPath ? Buffer.from(file.rawPath) : file.absPath;
  const chunking = settings.chunking ?? DEFAULT_CHUNKING;
  const read = readFileBytes(where, settings.maxFileSize, file.explicit, chunking.wholeUpTo);
  switch (read.kind) {
    case 'large':
      return scanLargeFile(compiled, file, where, read.size, settings, chunking);
    case 'skipped':
      return [{ kind: 'skipped', path: file.path, reason: read.reason }];
    case 'error':
      return [{ kind: 'error', path: file.path, message: read.message }];
    case 'content':
      return scanContent(compiled, read.data, file.path, settings);
  }
}

/**
 * Scans content read whole, from disk or from git: text as it is, an archive file by file, other
 * binary content not at all. Synchronous unless there is an archive to open.
 */
export function scanContent(compiled: CompiledRules, data: Buffer, path: string, settings: ScanSettings): FileOutcome[] | Promise<FileOutcome[]> {
  const text = textBytes(data);
  if (text) return [scanBuffer(compiled, text, path, settings)];
  // Only bytes already sniffed as binary are checked for archive magic: text files pay nothing.
  // The archive gets its own copy: it is read after this returns, and a caller may reuse its buffer.
  if (settings.archives && archiveKind(data)) return scanArchive(compiled, Buffer.from(data), path, settings, settings.archives);
  return [{ kind: 'skipped', path, reason: 'binary' }];
}

/** Inner files go through the same decoding and detection as files on disk, under `archive!inner` paths. */
export async function scanArchive(compiled: CompiledRules, data: Buffer, path: string, settings: ScanSettings, limits: ArchiveLimits): Promise<FileOutcome[]> {
  // The archive readers load with the first archive: most scans, and every staged one, open none.
  const { expandArchive } = await import('../sources/archive.js');
  const outcomes: FileOutcome[] = [];
  for await (const item of expandArchive(data, path, limits)) {
    if (item.kind !== 'file') {
      outcomes.push(item);
      continue;
    }
    const text = textBytes(item.data);
    outcomes.push(text ? scanBuffer(compiled, text, item.path, settings) : { kind: 'skipped', path: item.path, reason: 'binary' });
  }
  return outcomes;
}

/**
 * A file over `chunking.wholeUpTo` is scanned in overlapping chunks, so memory stays at a chunk's
 * worth whatever the file's size (the user allowed it with --max-file-size). UTF-16 text and
 * archives cannot be cut into chunks: they are read whole, within the size limit.
 */
async function scanLargeFile(compiled: CompiledRules, file: FileRef, where: string | Buffer, size: number, settings: ScanSettings, chunking: Chunking): Promise<FileOutcome[]> {
  const slices = { read: (offset: number, length: number) => readFileSlice(where, offset, length, file.explicit) };
  const scanChunk = (data: Buffer, path: string, chunkSettings: ScanSettings) => scanBuffer(compiled, data, path, chunkSettings);
  // The chunked reader loads with the first file too large to hold whole: few scans meet one.
  const { scanInChunks } = await import('./chunked-scan.js');
  const outcome = await scanInChunks(scanChunk, slices, file.path, settings, chunking, size);
  if (outcome.kind === 'whole') return scanFile(compiled, file, { ...settings, chunking: { ...chunking, wholeUpTo: Number.POSITIVE_INFINITY } });
  return [outcome];
}

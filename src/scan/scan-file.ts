import type { CompiledRules } from '../detect/compile.js';
import { detect } from '../detect/engine.js';
import type { Finding } from '../detect/finding.js';
import { LineIndex, type Position } from '../detect/positions.js';
import { archiveKind, expandArchive, type ArchiveLimits } from '../sources/archive.js';
import type { FileRef, SkipReason } from '../sources/content.js';
import { readFileBytes, readFileSlice } from '../sources/read-file.js';
import { textBytes } from '../sources/text-decoding.js';
import { applyInlineAllows } from '../suppress/inline-allow.js';
import { DEFAULT_CHUNKING, inFile, isBefore, nextChunkOffset, placeFinding, type Chunking } from './chunks.js';

export const DEFAULT_DECODE_DEPTH = 2;
const UTF8_BOM_BYTES = 3;

export interface ScanSettings {
  maxFileSize: number;
  inlineAllow: boolean;
  /** Layers of base64/hex/percent encoding decoded and scanned again; 0 turns decoding off. */
  maxDecodeDepth?: number;
  /** Look inside archives within these limits; absent, an archive is skipped as binary. */
  archives?: ArchiveLimits;
  /** Compute GitHub's line hashes (only SARIF shows them; they cost a pass over the content). */
  lineHashes?: boolean;
  /** How files too large to hold whole are read; DEFAULT_CHUNKING unless a test says otherwise. */
  chunking?: Chunking;
}

/** What happened to one file. Plain data: it crosses back from worker threads. */
export type FileOutcome =
  | { kind: 'scanned'; path: string; bytes: number; findings: Finding[]; inlineAllowed: Finding[] }
  /** `message` says why when the user should hear of it, as for a refused archive. */
  | { kind: 'skipped'; path: string; reason: SkipReason; message?: string }
  | { kind: 'error'; path: string; message: string };

export function scanBuffer(compiled: CompiledRules, data: Buffer, path: string, settings: ScanSettings): FileOutcome {
  const findings = detect(compiled, data, path, { decodeDepth: settings.maxDecodeDepth ?? DEFAULT_DECODE_DEPTH, lineHashes: settings.lineHashes });
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
  // Line hashes need whole lines: a chunked file's findings go without them.
  const chunkSettings = { ...settings, lineHashes: false };
  const half = Math.floor(chunking.overlap / 2);
  const findings: Finding[] = [];
  const inlineAllowed: Finding[] = [];
  let start = 0;
  let first = true;
  let base: Position = { line: 1, column: 1 };
  for (;;) {
    const read = readFileSlice(where, start, chunking.chunkBytes, file.explicit);
    if (read.kind === 'skipped') return [{ kind: 'skipped', path: file.path, reason: read.reason }];
    if (read.kind !== 'content') return [{ kind: 'error', path: file.path, message: read.kind === 'error' ? read.message : 'changed while read' }];
    const { data } = read;
    if (first && start === 0) {
      const text = textBytes(data);
      if (!text) {
        if (!settings.archives || !archiveKind(data)) return [{ kind: 'skipped', path: file.path, reason: 'binary' }];
        return scanFile(compiled, file, { ...settings, chunking: { ...chunking, wholeUpTo: Number.POSITIVE_INFINITY } });
      }
      if (text !== data) {
        // A UTF-8 BOM is passed over, as textBytes does; UTF-16 is read whole and re-encoded.
        if (data.length - text.length === UTF8_BOM_BYTES && data.subarray(UTF8_BOM_BYTES).equals(text)) {
          start = UTF8_BOM_BYTES;
          continue;
        }
        return scanFile(compiled, file, { ...settings, chunking: { ...chunking, wholeUpTo: Number.POSITIVE_INFINITY } });
      }
    }
    const last = start + data.length >= size || data.length < chunking.chunkBytes;
    const next = last ? data.length : nextChunkOffset(data, chunking.overlap);
    const lines = new LineIndex(data);
    const from = first ? undefined : lines.position(half);
    const to = last ? undefined : lines.position(next + half);
    const owns = (finding: Finding): boolean => {
      const at = { line: finding.startLine, column: finding.startColumn };
      return (!from || !isBefore(at, from)) && (!to || isBefore(at, to));
    };
    const outcome = scanBuffer(compiled, data, file.path, chunkSettings);
    if (outcome.kind === 'scanned') {
      for (const finding of outcome.findings) if (owns(finding)) findings.push(placeFinding(finding, base));
      for (const finding of outcome.inlineAllowed) if (owns(finding)) inlineAllowed.push(placeFinding(finding, base));
    }
    if (last) return [{ kind: 'scanned', path: file.path, bytes: size, findings, inlineAllowed }];
    base = inFile(base, lines.position(next));
    start += next;
    first = false;
  }
}

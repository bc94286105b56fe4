import type { Finding } from '../model/finding.js';
import { isBefore, LineIndex, type Position } from '../detect/positions.js';
import { archiveKind } from '../sources/archive-kind.js';
import type { ReadResult } from '../model/content.js';
import { textBytes } from '../sources/text-decoding.js';
import { inFile, nextChunkOffset, placeFinding, type Chunking } from './chunks.js';
import type { ScanSettings } from './scan-file.js';
import type { FileOutcome } from '../model/outcome.js';

const UTF8_BOM_BYTES = 3;

/** Where a chunked scan reads: a file on disk, or a stream read once from front to back. */
export interface SliceSource {
  /**
   * Up to `length` bytes from `offset`, fewer only at the end of the input. Offsets never go back
   * before the start of the previous read, so a stream need keep no more than one chunk.
   */
  read(offset: number, length: number): ReadResult | Promise<ReadResult>;
}

/** A chunked scan's outcome, or `whole`: the content cannot be cut into chunks (UTF-16 text, an archive). */
export type ChunkedOutcome = FileOutcome | { kind: 'whole' };

/** Detection over one chunk (scanBuffer, passed in so that this module and scan-file.ts do not import each other). */
export type ScanChunk = (data: Buffer, path: string, settings: ScanSettings) => FileOutcome;

/**
 * Scans content too large to hold whole in overlapping chunks, so memory stays at a chunk's worth
 * whatever its size. `size`, when known, ends the scan at the last chunk without reading past it;
 * unknown (a stream), the scan ends at the first short read.
 */
export async function scanInChunks(scanChunk: ScanChunk, source: SliceSource, path: string, settings: ScanSettings, chunking: Chunking, size?: number): Promise<ChunkedOutcome> {
  // Line hashes need whole lines: a chunked file's findings go without them.
  const chunkSettings = { ...settings, lineHashes: false };
  const half = Math.floor(chunking.overlap / 2);
  const findings: Finding[] = [];
  const inlineAllowed: Finding[] = [];
  let start = 0;
  let first = true;
  let base: Position = { line: 1, column: 1 };
  for (;;) {
    const read = await source.read(start, chunking.chunkBytes);
    if (read.kind === 'skipped') return { kind: 'skipped', path, reason: read.reason };
    if (read.kind !== 'content') return { kind: 'error', path, message: read.kind === 'error' ? read.message : 'changed while read' };
    const { data } = read;
    if (first && start === 0) {
      const text = textBytes(data);
      if (!text) return settings.archives && archiveKind(data) ? { kind: 'whole' } : { kind: 'skipped', path, reason: 'binary' };
      if (text !== data) {
        // A UTF-8 BOM is passed over, as textBytes does; UTF-16 is read whole and re-encoded.
        if (data.length - text.length === UTF8_BOM_BYTES && data.subarray(UTF8_BOM_BYTES).equals(text)) {
          start = UTF8_BOM_BYTES;
          continue;
        }
        return { kind: 'whole' };
      }
    }
    const last = (size !== undefined && start + data.length >= size) || data.length < chunking.chunkBytes;
    const next = last ? data.length : nextChunkOffset(data, chunking.overlap);
    const lines = new LineIndex(data);
    const from = first ? undefined : lines.position(half);
    const to = last ? undefined : lines.position(next + half);
    const owns = (finding: Finding): boolean => {
      const at = { line: finding.startLine, column: finding.startColumn };
      return (!from || !isBefore(at, from)) && (!to || isBefore(at, to));
    };
    // Content that fits one chunk is whole: it gets line hashes like any file read whole.
    const outcome = scanChunk(data, path, first && last ? settings : chunkSettings);
    if (outcome.kind === 'scanned') {
      for (const finding of outcome.findings) if (owns(finding)) findings.push(placeFinding(finding, base));
      for (const finding of outcome.inlineAllowed) if (owns(finding)) inlineAllowed.push(placeFinding(finding, base));
    }
    if (last) return { kind: 'scanned', path, bytes: size ?? start + data.length, findings, inlineAllowed };
    base = inFile(base, lines.position(next));
    start += next;
    first = false;
  }
}

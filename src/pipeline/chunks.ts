import type { Finding } from '../model/finding.js';
import type { Position } from '../detect/positions.js';

/**
 * A file too large to hold whole is scanned in chunks that overlap, so a secret across a chunk's
 * end is whole in the next one. Each chunk owns the findings that start in its part of the file,
 * from the middle of the overlap before it to the middle of the overlap after it: a match (context
 * included) shorter than half the overlap is always whole in the chunk that owns it.
 */
export interface Chunking {
  /** Files up to this size are read whole. */
  readonly wholeUpTo: number;
  readonly chunkBytes: number;
  /** Must be well under half of chunkBytes. */
  readonly overlap: number;
}


const LF = 0x0a;
const CR = 0x0d;

/**
 * Offset in `data` where the next chunk starts: `overlap` before its end, moved past any UTF-8
 * continuation byte and never between the CR and LF of one line break, so both chunks read the
 * same characters and count the same lines.
 */
export function nextChunkOffset(data: Buffer, overlap: number): number {
  let at = data.length - overlap;
  while (at < data.length && ((data[at] as number) & 0xc0) === 0x80) at++;
  if (data[at - 1] === CR && data[at] === LF) at++;
  return at;
}

/** A position in a chunk, given where the chunk starts in the file. */
export function inFile(base: Position, local: Position): Position {
  return local.line === 1 ? { line: base.line, column: base.column + local.column - 1 } : { line: base.line + local.line - 1, column: local.column };
}

/** A finding from a chunk, placed in the whole file. */
export function placeFinding(finding: Finding, base: Position): Finding {
  const start = inFile(base, { line: finding.startLine, column: finding.startColumn });
  const end = inFile(base, { line: finding.endLine, column: finding.endColumn });
  return { ...finding, startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column };
}

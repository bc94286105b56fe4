import { isTokenChar } from './token-chars.js';

/**
 * Maps byte offsets in a buffer to 1-based lines and columns. Columns count Unicode code points
 * (what editors and SARIF consumers expect), lines end at LF, CRLF or a lone CR. Built lazily: most
 * buffers have no findings and never need it.
 */
export interface Position {
  line: number;
  column: number;
}

/** Whether `a` comes before `b` in the text. */
export function isBefore(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.column < b.column);
}

const LF = 0x0a;
const CR = 0x0d;
const CONTEXT_BYTES = 512;

export class LineIndex {
  private starts: number[] | undefined;

  constructor(private readonly buf: Buffer) {}

  private lineStarts(): number[] {
    if (this.starts) return this.starts;
    const starts = [0];
    const { buf } = this;
    // Fast path: find LFs natively; lone CRs are rare, so look for them only if there is any CR.
    const hasCr = buf.indexOf(CR) !== -1;
    if (!hasCr) {
      for (let at = buf.indexOf(LF); at !== -1; at = buf.indexOf(LF, at + 1)) starts.push(at + 1);
    } else {
      for (let i = 0; i < buf.length; i++) {
        const byte = buf[i];
        if (byte === LF) starts.push(i + 1);
        else if (byte === CR && buf[i + 1] !== LF) starts.push(i + 1);
      }
    }
    this.starts = starts;
    return starts;
  }

  /** Index of the line holding `offset` (0-based). */
  private lineAt(offset: number): number {
    return lastAtOrBefore(this.lineStarts(), offset);
  }

  position(offset: number): Position {
    const line = this.lineAt(offset);
    const start = this.lineStarts()[line] as number;
    return { line: line + 1, column: codePoints(this.buf, start, offset) + 1 };
  }

  /** Position of the last character of a span ending (exclusively) at `end`, for inclusive end columns. */
  endPosition(start: number, end: number): Position {
    if (end <= start) return this.position(start);
    const last = this.position(end - 1);
    return { line: last.line, column: last.column + 1 };
  }

  /**
   * The text of the line holding the span [start, end), without its line break. A very long line
   * (minified code, a 50 MB one-liner) is clipped to at most CONTEXT_BYTES either side of the span,
   * at token boundaries: a token cut in two would show most of itself, and its piece could not be
   * recognised as random and masked. A clip point inside a token moves towards the span, dropping
   * the token's piece, and never splits a UTF-8 character.
   */
  lineText(start: number, end = start): string {
    const { buf } = this;
    const line = this.lineAt(start);
    const [lineStart, lineEnd] = this.lineBounds(line);
    const spanEnd = Math.max(end, start);
    let from = Math.max(lineStart, start - CONTEXT_BYTES);
    let to = Math.min(lineEnd, spanEnd + CONTEXT_BYTES);
    if (from > lineStart) {
      while (from < start && isTokenChar(buf[from - 1] as number)) from++;
      while (from < start && isContinuation(buf[from] as number)) from++;
    }
    if (to < lineEnd) {
      while (to > spanEnd && isTokenChar(buf[to] as number)) to--;
      while (to > spanEnd && isContinuation(buf[to] as number)) to--;
    }
    return buf.toString('utf8', from, to);
  }

  /** The text of a line by its 1-based number. */
  lineTextAt(lineNumber: number): string {
    const [start, end] = this.lineBounds(lineNumber - 1);
    return this.buf.toString('utf8', start, Math.min(end, start + 2 * CONTEXT_BYTES));
  }

  private lineBounds(line: number): [number, number] {
    const starts = this.lineStarts();
    const start = starts[line] ?? this.buf.length;
    let end = line + 1 < starts.length ? (starts[line + 1] as number) : this.buf.length;
    while (end > start && (this.buf[end - 1] === LF || this.buf[end - 1] === CR)) end--;
    return [start, end];
  }
}

function isContinuation(byte: number): boolean {
  return (byte & 0xc0) === 0x80;
}

/** Number of code points in buf[start, end): every byte that is not a UTF-8 continuation byte. */
function codePoints(buf: Buffer, start: number, end: number): number {
  let count = 0;
  for (let i = start; i < end; i++) if (((buf[i] as number) & 0xc0) !== 0x80) count++;
  return count;
}

/** Index of the last of `sorted` (ascending, non-empty) that is at most `value`; 0 when none is. */
export function lastAtOrBefore(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((sorted[mid] as number) <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

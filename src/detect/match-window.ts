import { isAscii } from 'node:buffer';
import { WHITESPACE_RUN, type PatternShape } from './pattern-shape.js';
import type { KeywordSpans } from './prefilter.js';

/**
 * Where a rule's regex must run so that it finds exactly what it would find on the whole buffer.
 *
 * Every match of a windowed rule holds one of its keywords (proven from its pattern), so every
 * match lies in the reach of some keyword hit h: [h.end - L, h.start + L] for a pattern whose
 * matches are at most L long ([h.start - lead, h.start + L] where the keyword starts at most `lead`
 * into every match), or the lines around h for one whose matches hold at most n newlines. A bound
 * that counts runs of whitespace as shorter than WHITESPACE_RUN holds where no longer run lies in
 * the reach. Reaches that overlap merge into one window; windows are then disjoint, every match
 * lies inside one, and a whole-buffer run passes from one window to the next without a match in
 * between.
 *
 * The regex runs on the window plus one byte of context on each side, starting at the window's
 * start: `\b`, `^` and `$` see the same neighbours as in the whole buffer. A match in the view is a
 * match in the buffer unless it ends exactly at the view's end, where the view's end stands in for
 * the buffer's; the bounds keep every match short of it, and the engine runs the whole buffer
 * should one still get there. Matches starting after the window's last hit belong to a later one.
 */
export interface MatchWindow {
  /** The view the regex runs on: the window and a byte of context either side. */
  readonly viewStart: number;
  readonly viewEnd: number;
  /** Where the search starts: the window's start. */
  readonly from: number;
  /** Matches starting after this belong to another window. */
  readonly lastStart: number;
}

/** How far a rule's matches reach from a keyword hit, as its pattern's shape says. */
export type RuleReach =
  | { readonly kind: 'length' | 'short-space'; readonly chars: number; readonly bytes: number; readonly lead: number | undefined; readonly newlines: number }
  | { readonly kind: 'lines'; readonly newlines: number }
  | { readonly kind: 'whole' };

export function ruleReach(shape: PatternShape): RuleReach {
  if (!shape.keywordInEveryMatch) return { kind: 'whole' };
  const newlines = shape.maxNewlines;
  if (shape.maxChars !== undefined && shape.maxBytes !== undefined) {
    return { kind: 'length', chars: shape.maxChars, bytes: shape.maxBytes, lead: shape.leadChars, newlines };
  }
  if (shape.maxCharsShortSpace !== undefined && shape.maxBytesShortSpace !== undefined) {
    return { kind: 'short-space', chars: shape.maxCharsShortSpace, bytes: shape.maxBytesShortSpace, lead: shape.leadCharsShortSpace, newlines };
  }
  return Number.isFinite(newlines) ? { kind: 'lines', newlines } : { kind: 'whole' };
}

/**
 * Where a rule runs, in a word, for listings: `anchored` (at the starts its keyword hits allow),
 * `windows` (around its hits), `lines` (the lines around its hits) or `whole file` (any file
 * holding one of its keywords). Buffer by buffer a rule may still fall back to the whole file.
 */
export function reachSummary(reach: RuleReach): 'anchored' | 'windows' | 'lines' | 'whole file' {
  if (reach.kind === 'lines') return 'lines';
  if (reach.kind === 'whole') return 'whole file';
  return reach.lead !== undefined && reach.lead <= MAX_ANCHORED_LEAD ? 'anchored' : 'windows';
}

// A rule whose matches start at most this many characters before a keyword they hold is tried
// only at those starts, anchored: cheaper than scanning a window where keywords are common.
const MAX_ANCHORED_LEAD = 4;
// Scanning this many bytes between two windows costs less than a second regex call.
const MERGE_GAP = 256;
// Windows covering most of a buffer: one run over the whole is as cheap and plainly right.
const WHOLE_SHARE = 0.75;

/** \t \n \v \f \r and space: the whitespace the short-space bounds count. */
const isWhitespace = (byte: number): boolean => byte === 0x20 || (byte >= 0x09 && byte <= 0x0d);

/**
 * The maximal runs of WHITESPACE_RUN or more whitespace bytes, in order. Every such run covers one
 * of any WHITESPACE_RUN positions in a row, so looking at every WHITESPACE_RUN-th byte, and around
 * it only where it is whitespace, finds them all: an RE2 pass over the whole buffer cost 8 times more.
 */
function longWhitespaceRuns(buf: Uint8Array): { starts: number[]; ends: number[] } {
  const starts: number[] = [];
  const ends: number[] = [];
  let at = WHITESPACE_RUN - 1;
  while (at < buf.length) {
    if (!isWhitespace(buf[at] as number)) {
      at += WHITESPACE_RUN;
      continue;
    }
    let start = at;
    while (start > 0 && isWhitespace(buf[start - 1] as number)) start--;
    let end = at + 1;
    while (end < buf.length && isWhitespace(buf[end] as number)) end++;
    if (end - start >= WHITESPACE_RUN) {
      starts.push(start);
      ends.push(end);
    }
    // buf[end] is not whitespace: a later run starts past it, and so covers end + WHITESPACE_RUN or a later step.
    at = end + WHITESPACE_RUN;
  }
  return { starts, ends };
}

/** Facts about one buffer that several rules' windows need, worked out once and only if needed. */
export class BufferFacts {
  private ascii: boolean | undefined;
  private runs: { starts: number[]; ends: number[] } | undefined;
  private lineCache = { around: -1, hitLineStart: 0, hitLineEnd: 0, start: 0, stop: 0 };

  constructor(readonly buf: Buffer) {}

  /** Whether bytes [from, to) are all ASCII. */
  asciiBetween(from: number, to: number): boolean {
    this.ascii ??= isAscii(this.buf);
    if (this.ascii) return true;
    return isAscii(this.buf.subarray(Math.max(0, from), Math.min(this.buf.length, to)));
  }

  /** Whether [from, to] holds WHITESPACE_RUN bytes of whitespace in a row. */
  longWhitespaceWithin(from: number, to: number): boolean {
    this.runs ??= longWhitespaceRuns(this.buf);
    const { starts, ends } = this.runs;
    // The first run ending past `from`; runs are disjoint and sorted, so later ones start later.
    let low = 0;
    let high = ends.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((ends[mid] as number) <= from) low = mid + 1;
      else high = mid;
    }
    for (let i = low; i < starts.length && (starts[i] as number) <= to; i++) {
      if (Math.min(ends[i] as number, to + 1) - Math.max(starts[i] as number, from) >= WHITESPACE_RUN) return true;
    }
    return false;
  }

  /**
   * [start of the line `around` lines above the one holding [at, end), end of the line `around`
   * lines below it (a newline's offset, or the buffer's end)].
   */
  lines(at: number, end: number, around: number): [number, number] {
    const { buf } = this;
    const cached = this.lineCache;
    // Hits come mostly in order: most fall in the line of the hit before, found without a search.
    if (!(cached.around === around && at >= cached.hitLineStart && end <= cached.hitLineEnd)) {
      const hitLineStart = at > 0 ? buf.lastIndexOf(0x0a, at - 1) + 1 : 0;
      const after = buf.indexOf(0x0a, end);
      const hitLineEnd = after === -1 ? buf.length : after;
      let start = hitLineStart;
      let stop = hitLineEnd;
      for (let n = 0; n < around && start > 0; n++) start = start >= 2 ? buf.lastIndexOf(0x0a, start - 2) + 1 : 0;
      for (let n = 0; n < around && stop < buf.length; n++) {
        const newline = buf.indexOf(0x0a, stop + 1);
        stop = newline === -1 ? buf.length : newline;
      }
      this.lineCache = { around, hitLineStart, hitLineEnd, start, stop };
    }
    return [this.lineCache.start, this.lineCache.stop];
  }
}

/**
 * The windows to run a rule in, given the hits of its keywords; undefined when it must run on
 * the whole buffer (its reach is unknown there, or the windows would cover most of it).
 */
export function matchWindows(reach: RuleReach, hits: readonly KeywordSpans[], facts: BufferFacts): MatchWindow[] | undefined {
  if (reach.kind === 'whole') return undefined;
  const size = facts.buf.length;
  let total = 0;
  for (const spans of hits) total += spans.count;
  const starts = new Float64Array(total);
  const ends = new Float64Array(total);
  const hitStarts = new Float64Array(total);
  let n = 0;
  for (const spans of hits) {
    for (let i = 0; i < spans.count; i++) {
      const reachOf = reachAround(reach, spans.starts[i] as number, spans.ends[i] as number, facts);
      if (!reachOf) return undefined;
      starts[n] = Math.max(0, reachOf[0]);
      ends[n] = Math.min(size, reachOf[1]);
      hitStarts[n] = spans.starts[i] as number;
      n++;
    }
  }
  const order = sortedOrder(starts);
  const windows: MatchWindow[] = [];
  let covered = 0;
  let current: { start: number; end: number; lastStart: number } | undefined;
  const close = (): void => {
    if (!current) return;
    const viewStart = Math.max(0, current.start - 1);
    const viewEnd = Math.min(size, current.end + 1);
    covered += viewEnd - viewStart;
    windows.push({ viewStart, viewEnd, from: current.start, lastStart: current.lastStart });
  };
  for (const i of order) {
    const start = starts[i] as number;
    const end = ends[i] as number;
    const hitStart = hitStarts[i] as number;
    if (current && start <= current.end + MERGE_GAP) {
      current.end = Math.max(current.end, end);
      current.lastStart = Math.max(current.lastStart, hitStart);
    } else {
      close();
      current = { start, end, lastStart: hitStart };
    }
  }
  close();
  return covered >= size * WHOLE_SHARE ? undefined : windows;
}

/**
 * Where the rule's matches can start, if few: every match starts at most `lead` characters before
 * a keyword hit it holds, so it starts at one of these. A whole-buffer run finds its next match at
 * the first of them, from where the last match ended, at which the regex matches anchored; so
 * does trying them in order. Undefined where windows serve better (or must: a long run of
 * whitespace near a hit unbounds a short-space rule's matches, and an anchored attempt's cost).
 */
export function matchStarts(reach: RuleReach, hits: readonly KeywordSpans[], facts: BufferFacts): number[] | undefined {
  if (reach.kind !== 'length' && reach.kind !== 'short-space') return undefined;
  const { lead } = reach;
  if (lead === undefined || lead > MAX_ANCHORED_LEAD) return undefined;
  const starts: number[] = [];
  for (const spans of hits) {
    for (let i = 0; i < spans.count; i++) {
      const start = spans.starts[i] as number;
      if (reach.kind === 'short-space' && facts.longWhitespaceWithin(start - 4 * lead - 1, start + reach.bytes + 1)) return undefined;
      // A character takes one byte where the text is ASCII, up to four elsewhere.
      const back = lead === 0 ? 0 : facts.asciiBetween(start - lead, start) ? lead : 4 * lead;
      for (let k = back; k >= 0; k--) if (start - k >= 0) starts.push(start - k);
    }
  }
  starts.sort((a, b) => a - b);
  return starts.filter((start, i) => i === 0 || start !== starts[i - 1]);
}

/** Indexes of `values` in ascending order of value (most often already so). */
function sortedOrder(values: Float64Array): Iterable<number> {
  let sorted = true;
  for (let i = 1; i < values.length && sorted; i++) sorted = (values[i - 1] as number) <= (values[i] as number);
  const order = Array.from({ length: values.length }, (_, i) => i);
  return sorted ? order : order.sort((a, b) => (values[a] as number) - (values[b] as number) || a - b);
}

/** [from, to]: where every match holding the hit [start, end) lies, or undefined if unknown here. */
function reachAround(reach: Exclude<RuleReach, { kind: 'whole' }>, start: number, end: number, facts: BufferFacts): [number, number] | undefined {
  if (reach.kind === 'lines') return facts.lines(start, end, reach.newlines);
  // A match starts at most `lead` characters before a keyword it holds, else at most its length.
  const before = (chars: number): number => (reach.lead === undefined ? end - chars : start - reach.lead);
  // A character takes one byte where the text is ASCII: the bounds in characters hold there.
  const ascii = facts.asciiBetween(before(reach.chars) - 1, start + reach.chars + 2);
  const from = ascii ? before(reach.chars) : reach.lead === undefined ? end - reach.bytes : start - 4 * reach.lead;
  const to = start + (ascii ? reach.chars : reach.bytes);
  if (reach.kind === 'length' || !facts.longWhitespaceWithin(from - 1, to + 1)) return [from, to];
  return Number.isFinite(reach.newlines) ? facts.lines(start, end, reach.newlines) : undefined;
}

/** A reach as JSON can hold it (no Infinity): newlines -1 for any number. */
export function storedReach(reach: RuleReach): RuleReach {
  return reach.kind === 'whole' || Number.isFinite(reach.newlines) ? reach : { ...reach, newlines: -1 };
}

const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0;

/** The reach `storedReach` stored, or undefined when `value` is not one. */
export function reachFromStored(value: unknown): RuleReach | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const r = value as Record<string, unknown>;
  if (r.kind === 'whole') return { kind: 'whole' };
  if (r.newlines !== -1 && !isCount(r.newlines)) return undefined;
  const newlines = r.newlines === -1 ? Number.POSITIVE_INFINITY : r.newlines;
  if (r.kind === 'lines') return Number.isFinite(newlines) ? { kind: 'lines', newlines } : undefined;
  if ((r.kind !== 'length' && r.kind !== 'short-space') || !isCount(r.chars) || !isCount(r.bytes) || (r.lead !== undefined && !isCount(r.lead))) return undefined;
  return { kind: r.kind, chars: r.chars, bytes: r.bytes, lead: r.lead, newlines };
}

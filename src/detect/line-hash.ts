import { StringDecoder } from 'node:string_decoder';

/**
 * GitHub code scanning tracks an alert across pushes by `partialFingerprints.primaryLocationLineHash`.
 * When a SARIF result lacks it, the upload action computes it from the file checked out at upload
 * time, which is the wrong content for a secret that exists only in history. So we compute it from
 * the content we scanned, the same way the action does:
 *
 * - the file is decoded as UTF-8 and read as UTF-16 code units;
 * - spaces and tabs are dropped, CR and CRLF become LF;
 * - a polynomial hash (base 37, modulo 2^64) over a window of 100 such units is taken at the first
 *   unit of every line, so a line's hash also covers the lines that follow it within the window;
 * - after the last character comes 0xFFFF, then zeros until every line's window is full;
 * - the hash is written as unsigned hex without leading zeros, with `:N` appended, where N counts
 *   how often that hex value has occurred so far in the file (identical lines stay distinct).
 */

const WINDOW = 100;
const BASE = 37;
const EOF = 0xffff;
const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const TWO_32 = 2 ** 32;
const CHUNK_BYTES = 64 * 1024;

// BASE^WINDOW mod 2^64: what the unit leaving the window contributed. Split into 32-bit halves
// because the per-character arithmetic below stays in exact doubles (BigInt is much slower).
const FIRST = BigInt.asUintN(64, BigInt(BASE) ** BigInt(WINDOW));
const FIRST_HI = Number(FIRST >> 32n);
const FIRST_LO = Number(FIRST & 0xffffffffn);

/** Called for each line in order; return true to stop hashing early. */
export type LineHashSink = (line: number, hash: string) => boolean | void;

/** The rolling hash state: 64-bit value as two unsigned 32-bit halves, plus the window. */
class RollingLineHasher {
  private hi = 0;
  private lo = 0;
  private readonly window = new Array<number>(WINDOW).fill(0);
  /** Line number started by the unit at each window slot, or -1. */
  private readonly lineAt = new Array<number>(WINDOW).fill(-1);
  private index = 0;
  private line = 0;
  private atLineStart = true;
  private afterCr = false;
  private readonly seen = new Map<string, number>();
  stopped = false;

  constructor(private readonly sink: LineHashSink) {}

  feed(text: string): void {
    for (let i = 0; i < text.length && !this.stopped; i++) this.unit(text.charCodeAt(i));
  }

  finish(): void {
    if (this.stopped) return;
    this.unit(EOF);
    for (let i = 0; i < WINDOW && !this.stopped; i++) {
      if (this.lineAt[this.index] !== -1) this.emit();
      this.roll(0);
    }
  }

  private unit(code: number): void {
    if (code === SPACE || code === TAB || (this.afterCr && code === LF)) {
      this.afterCr = false;
      return;
    }
    this.afterCr = code === CR;
    const current = code === CR ? LF : code;
    // The slot about to be overwritten started a line WINDOW units ago: that line's window is full.
    if (this.lineAt[this.index] !== -1) this.emit();
    if (this.stopped) return;
    if (this.atLineStart) {
      this.atLineStart = false;
      this.line++;
      this.lineAt[this.index] = this.line;
    }
    if (current === LF) this.atLineStart = true;
    this.roll(current);
  }

  /** hash = BASE * hash + entering - BASE^WINDOW * leaving (mod 2^64), in exact 32-bit halves. */
  private roll(entering: number): void {
    const leaving = this.window[this.index] as number;
    this.window[this.index] = entering;
    this.index = (this.index + 1) % WINDOW;

    let lo = this.lo * BASE + entering;
    let hi = this.hi * BASE + Math.floor(lo / TWO_32);
    lo %= TWO_32;

    const subLoFull = FIRST_LO * leaving;
    const subLo = subLoFull % TWO_32;
    const subHi = FIRST_HI * leaving + Math.floor(subLoFull / TWO_32);
    lo -= subLo;
    if (lo < 0) {
      lo += TWO_32;
      hi -= 1;
    }
    hi = (((hi - subHi) % TWO_32) + TWO_32) % TWO_32;
    this.lo = lo;
    this.hi = hi;
  }

  private emit(): void {
    const hex = this.hi === 0 ? this.lo.toString(16) : this.hi.toString(16) + this.lo.toString(16).padStart(8, '0');
    const count = (this.seen.get(hex) ?? 0) + 1;
    this.seen.set(hex, count);
    const line = this.lineAt[this.index] as number;
    this.lineAt[this.index] = -1;
    if (this.sink(line, `${hex}:${count}`) === true) this.stopped = true;
  }
}

/** Hashes every line of `content` in order, decoding UTF-8 exactly as a Node read stream does. */
export function hashLines(content: Buffer, sink: LineHashSink): void {
  const hasher = new RollingLineHasher(sink);
  const decoder = new StringDecoder('utf8');
  for (let at = 0; at < content.length && !hasher.stopped; at += CHUNK_BYTES) {
    hasher.feed(decoder.write(content.subarray(at, at + CHUNK_BYTES)));
  }
  hasher.feed(decoder.end());
  hasher.finish();
}

/** The `primaryLocationLineHash` of each wanted 1-based line; stops once the last one is known. */
export function primaryLocationLineHashes(content: Buffer, lines: Iterable<number>): Map<number, string> {
  const wanted = new Set(lines);
  const hashes = new Map<number, string>();
  if (wanted.size === 0) return hashes;
  hashLines(content, (line, hash) => {
    if (wanted.has(line)) hashes.set(line, hash);
    return hashes.size === wanted.size;
  });
  return hashes;
}

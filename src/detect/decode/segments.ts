import type { KeywordFragment } from './keyword-fragments.js';

/** How a piece of text was encoded; findings list the chain, outermost first. */
export type EncodingName = 'base64' | 'hex' | 'percent';

/** An encoded run in a buffer and what it decodes to. */
export interface EncodedSegment {
  readonly encoding: EncodingName;
  /** Byte offsets of the encoded text in the buffer that holds it. */
  readonly start: number;
  readonly end: number;
  readonly decoded: Buffer;
}

const MIN_DECODED_BYTES = 8;
const MIN_RUN = { base64: 16, hex: 32 } as const;
// A fragment found this often in one buffer is noise, not a cue; bounds the work on hostile input.
const MAX_OCCURRENCES_PER_FRAGMENT = 256;

const BASE64_BYTES = byteTable('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_');
const HEX_BYTES = byteTable('0123456789ABCDEFabcdef');
const EQUALS = 0x3d;

function byteTable(chars: string): Uint8Array {
  const table = new Uint8Array(256);
  for (const char of chars) table[char.charCodeAt(0)] = 1;
  return table;
}

/** Decoded bytes are worth scanning only when they read as text, not as binary noise. */
export function looksLikeText(bytes: Buffer): boolean {
  if (bytes.length < MIN_DECODED_BYTES) return false;
  let printable = 0;
  for (const byte of bytes) {
    if (byte === 0) return false;
    if ((byte >= 0x20 && byte < 0x7f) || byte === 0x09 || byte === 0x0a || byte === 0x0d || byte >= 0x80) printable++;
  }
  return printable / bytes.length >= 0.95 && Buffer.from(bytes.toString('utf8'), 'utf8').equals(bytes);
}

function decodeBase64(text: string): Buffer | undefined {
  const body = text.replace(/=+$/, '');
  if (body.length % 4 === 1) return undefined;
  return Buffer.from(body, /[-_]/.test(body) ? 'base64url' : 'base64');
}

function decode(encoding: 'base64' | 'hex', text: string): Buffer | undefined {
  if (encoding === 'hex') return text.length % 2 === 0 ? Buffer.from(text, 'hex') : undefined;
  return decodeBase64(text);
}

/** The maximal run of the encoding's alphabet around [at, at + length). */
function runAround(buf: Buffer, at: number, length: number, alphabet: Uint8Array): [number, number] {
  let start = at;
  let end = at + length;
  while (start > 0 && alphabet[buf[start - 1] as number]) start--;
  while (end < buf.length && alphabet[buf[end] as number]) end++;
  // Base64 padding: at most two '='.
  if (alphabet === BASE64_BYTES) for (let pad = 0; pad < 2 && buf[end] === EQUALS; pad++) end++;
  return [start, end];
}

/**
 * Maximal runs of one alphabet already looked at, sorted by start. Runs of one alphabet never
 * overlap, so every later occurrence inside a known run is settled without walking the run again:
 * a fragment occurring thousands of times in one huge base64 blob costs one walk, not thousands.
 */
class KnownRuns {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  /** The known run holding `at`, if any. */
  holding(at: number): boolean {
    let low = 0;
    let high = this.starts.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.starts[mid] as number) <= at) low = mid + 1;
      else high = mid;
    }
    return low > 0 && at < (this.ends[low - 1] as number);
  }

  add(start: number, end: number): void {
    let at = this.starts.length;
    while (at > 0 && (this.starts[at - 1] as number) > start) at--;
    this.starts.splice(at, 0, start);
    this.ends.splice(at, 0, end);
  }
}

/**
 * The encoded runs that hold an encoded keyword, found from where the gate's fragments occur:
 * only those runs are decoded, never every base64-looking run of the buffer, and each run once.
 */
export function segmentsAround(buf: Buffer, fragments: readonly KeywordFragment[]): EncodedSegment[] {
  const segments: EncodedSegment[] = [];
  const known = { base64: new KnownRuns(), hex: new KnownRuns() };
  for (const { text, encoding } of fragments) {
    const spellings = encoding === 'hex' ? [text, text.toUpperCase()] : [text];
    for (const spelling of spellings) {
      let seen = 0;
      for (let at = buf.indexOf(spelling); at !== -1 && seen < MAX_OCCURRENCES_PER_FRAGMENT; at = buf.indexOf(spelling, at + 1), seen++) {
        if (known[encoding].holding(at)) continue;
        const [start, end] = runAround(buf, at, spelling.length, encoding === 'hex' ? HEX_BYTES : BASE64_BYTES);
        known[encoding].add(start, end);
        if (end - start < MIN_RUN[encoding]) continue;
        const decoded = decode(encoding, buf.toString('latin1', start, end));
        if (decoded && looksLikeText(decoded)) segments.push({ encoding, start, end, decoded });
      }
    }
  }
  return segments;
}

// The characters a URL holds unencoded (RFC 3986's unreserved, reserved and the brackets).
const URL_BYTES = new Uint8Array(256);
for (const byte of Buffer.from("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._~!$&'()*+,;=:@/?#[]-", 'latin1')) URL_BYTES[byte] = 1;
const PERCENT = 0x25;
const isHexDigit = (byte: number | undefined): boolean => byte !== undefined && ((byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x66));

/**
 * The runs the pattern `[url]*%[0-9A-Fa-f]{2}[url%]*` matches, in order, each as [start, end):
 * from each "%XX" not inside an earlier run, back over URL characters and on over URL characters
 * and "%". Found by `indexOf` of "%" rather than by a regex over every byte: most buffers hold few.
 */
export function percentRuns(buf: Uint8Array): [number, number][] {
  const runs: [number, number][] = [];
  let after = 0;
  for (let at = buf.indexOf(PERCENT); at !== -1; at = buf.indexOf(PERCENT, at + 1)) {
    if (at < after || !isHexDigit(buf[at + 1]) || !isHexDigit(buf[at + 2])) continue;
    let start = at;
    while (start > after && URL_BYTES[buf[start - 1] as number] === 1) start--;
    let end = at + 3;
    while (end < buf.length && (URL_BYTES[buf[end] as number] === 1 || buf[end] === PERCENT)) end++;
    runs.push([start, end]);
    after = end;
  }
  return runs;
}

/** Percent-encoded runs (URLs, connection strings) that decode to something else. */
export function percentSegments(buf: Buffer): EncodedSegment[] {
  const segments: EncodedSegment[] = [];
  for (const [start, end] of percentRuns(buf)) {
    const text = buf.toString('latin1', start, end);
    let decoded: Buffer;
    try {
      const plain = decodeURIComponent(text);
      if (plain === text) continue;
      decoded = Buffer.from(plain, 'utf8');
    } catch {
      continue;
    }
    if (looksLikeText(decoded)) segments.push({ encoding: 'percent', start, end, decoded });
  }
  return segments;
}

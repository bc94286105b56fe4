import RE2 from 're2';

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

// RE2, like every pattern that meets scanned content: linear time on any input, however long the line.
const BASE64_RUN = new RE2('[A-Za-z0-9+/_-]{16,}={0,2}', 'g');
const HEX_RUN = new RE2('[0-9A-Fa-f]{32,}', 'g');
const PERCENT_RUN = new RE2("[A-Za-z0-9._~!$&'()*+,;=:@/?#\\[\\]-]*%[0-9A-Fa-f]{2}[A-Za-z0-9._~!$&'()*+,;=:@/?#\\[\\]%-]*", 'g');
const MIN_DECODED_BYTES = 8;

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
  // Identifiers and words are runs of the same alphabet: real base64 of a secret mixes in digits or case.
  if (!/[0-9]/.test(body) && !(/[a-z]/.test(body) && /[A-Z]/.test(body))) return undefined;
  if (body.length % 4 === 1) return undefined;
  return Buffer.from(body, /[-_]/.test(body) ? 'base64url' : 'base64');
}

function decodePercent(text: string): Buffer | undefined {
  try {
    const decoded = decodeURIComponent(text);
    return decoded === text ? undefined : Buffer.from(decoded, 'utf8');
  } catch {
    return undefined;
  }
}

const DECODERS: readonly [EncodingName, RE2, (text: string) => Buffer | undefined][] = [
  ['base64', BASE64_RUN, decodeBase64],
  ['hex', HEX_RUN, (text) => (text.length % 2 === 0 ? Buffer.from(text, 'hex') : undefined)],
  ['percent', PERCENT_RUN, decodePercent],
];

/** Every run in `buf` of the given encodings that decodes to text. */
export function findEncodedSegments(buf: Buffer, encodings: ReadonlySet<EncodingName>): EncodedSegment[] {
  const segments: EncodedSegment[] = [];
  for (const [encoding, pattern, decode] of DECODERS) {
    if (!encodings.has(encoding)) continue;
    pattern.lastIndex = 0;
    for (let match = pattern.exec(buf); match; match = pattern.exec(buf)) {
      const decoded = decode(match[0].toString('latin1'));
      if (decoded && looksLikeText(decoded)) segments.push({ encoding, start: match.index, end: match.index + match[0].length, decoded });
    }
  }
  return segments;
}

import type { Finding } from '../../model/finding.js';
import { LineIndex } from '../positions.js';
import { secretDataValues } from './kubernetes.js';
import type { KeywordFragment } from './keyword-fragments.js';
import { percentSegments, segmentsAround, type EncodingName } from './segments.js';

/** Something to decode: where it sits in the outer buffer, how it was encoded, what it holds. */
interface DecodedPiece {
  start: number;
  end: number;
  encoding: EncodingName;
  decoded: Buffer;
}

export type DetectFn = (buf: Buffer, path: string, decodeDepth: number) => Finding[];

/** What the keyword gate saw that says encoded content may hide a secret. */
export interface DecodeCues {
  /** Encoded keyword fragments that occur in the buffer. */
  readonly fragments: readonly KeywordFragment[];
  /** A keyword stands next to percent-encoding. */
  readonly percent: boolean;
}

/**
 * Scans the decoded form of encoded runs in `buf` and reports what is found at the encoded text's
 * place in `buf`, with the decoding chain. The secret (and so its baseline entry) is the decoded one.
 */
export function detectEncoded(detect: DetectFn, buf: Buffer, path: string, depth: number, cues: DecodeCues): Finding[] {
  const pieces: DecodedPiece[] = secretDataValues(buf).map(({ start, end, text }) => ({ start, end, encoding: 'base64', decoded: text }));
  const segments = [...segmentsAround(buf, cues.fragments), ...(cues.percent ? percentSegments(buf) : [])];
  for (const segment of segments) {
    // A Kubernetes value already decoded with its key for context is not decoded again without it.
    if (!pieces.some((piece) => piece.start === segment.start)) pieces.push(segment);
  }
  if (pieces.length === 0) return [];
  const lines = new LineIndex(buf);
  const found: Finding[] = [];
  for (const piece of pieces) {
    for (const inner of detect(piece.decoded, path, depth - 1)) {
      const from = lines.position(piece.start);
      const to = lines.endPosition(piece.start, piece.end);
      const encodedText = buf.toString('utf8', piece.start, piece.end);
      found.push({
        ...inner,
        startLine: from.line,
        startColumn: from.column,
        endLine: to.line,
        endColumn: to.column,
        lineText: lines.lineText(piece.start, piece.end),
        decoded: { chain: [piece.encoding, ...(inner.decoded?.chain ?? [])], encodedText },
      });
    }
  }
  return found;
}

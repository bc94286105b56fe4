import fc from 'fast-check';
import { FILTERS } from '../../src/detect/filters.js';

/**
 * Random text with tokens planted in it, and where each token lands. The tokens are those of a
 * rule `\b(tok_[A-Za-z0-9]{24})\b` with keyword `tok_` (TOKEN_RULE_PATTERN).
 */
export const TOKEN_RULE_PATTERN = '\\b(tok_[A-Za-z0-9]{24})\\b';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
// Distinct characters: a token never reads as a placeholder ("xxxx…") to the filters; and none
// that spells a placeholder word by chance ("DUmMY" is "dummy" to a case-blind filter).
const token = fc
  .shuffledSubarray([...ALNUM], { minLength: 24, maxLength: 24 })
  .map((chars) => `tok_${chars.join('')}`)
  .filter((text) => !FILTERS.placeholder(text, () => text));
/** Filler holds no word character, so it can neither form a token nor glue onto one. */
const filler = fc.string({ unit: fc.constantFrom(' ', '=', ':', '"', ';', '.', '\t', '-', 'é', '😀', '中', '\u00a0', '\u0000', '\u00ff'), maxLength: 30 });
const lineBreak = fc.constantFrom('\n', '\r\n', '\r');

export type Piece = { kind: 'filler'; text: string } | { kind: 'token'; text: string } | { kind: 'break'; text: string };
export const piece: fc.Arbitrary<Piece> = fc.oneof(
  { weight: 3, arbitrary: filler.map((text): Piece => ({ kind: 'filler', text })) },
  { weight: 1, arbitrary: token.map((text): Piece => ({ kind: 'token', text })) },
  { weight: 2, arbitrary: lineBreak.map((text): Piece => ({ kind: 'break', text })) },
);

/**
 * Where each token lands, by an oracle independent of the engine: lines end at LF, CRLF or a lone
 * CR (a CR from one break and a LF from the next make one CRLF); columns count code points.
 */
export function plant(pieces: readonly Piece[]): { text: string; expected: [number, number, string][] } {
  let text = '';
  const starts: [number, string][] = [];
  for (const p of pieces) {
    // A space on either side keeps a token whole: filler may not touch it.
    if (p.kind === 'token') {
      text += ' ';
      starts.push([text.length, p.text]);
      text += `${p.text} `;
    } else text += p.text;
  }
  const expected: [number, number, string][] = [];
  let line = 1;
  let column = 1;
  let next = 0;
  for (let i = 0; i < text.length; ) {
    if (next < starts.length && starts[next]?.[0] === i) expected.push([line, column, starts[next++]?.[1] ?? '']);
    const ch = text[i] as string;
    if (ch === '\r' && text[i + 1] === '\n') {
      line++;
      column = 1;
      i += 2;
    } else if (ch === '\n' || ch === '\r') {
      line++;
      column = 1;
      i++;
    } else {
      column++;
      i += (text.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
    }
  }
  return { text, expected };
}


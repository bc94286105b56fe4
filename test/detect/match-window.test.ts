import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BufferFacts } from '../../src/detect/match-window.js';
import { WHITESPACE_RUN } from '../../src/detect/pattern-shape.js';

/** The definition: some WHITESPACE_RUN bytes in a row within [from, to] are all whitespace. */
function longRunWithin(text: string, from: number, to: number): boolean {
  const slice = text.slice(Math.max(0, from), Math.min(text.length, to + 1));
  return new RegExp(`[\\t\\n\\v\\f\\r ]{${WHITESPACE_RUN}}`).test(slice);
}

describe('BufferFacts.longWhitespaceWithin', () => {
  // Mostly whitespace with a few other bytes, so runs near WHITESPACE_RUN long are common.
  const pieces = fc.constantFrom(' ', '\t', '\n', '\v', '\f', '\r', 'a', '=', '\u00a0', ' '.repeat(WHITESPACE_RUN - 1), ' '.repeat(WHITESPACE_RUN));
  const texts = fc.array(pieces, { maxLength: 200 }).map((parts) => parts.join(''));

  it('agrees with the definition on every range, at runs of every length and position', () => {
    fc.assert(
      fc.property(texts, fc.nat(), fc.nat(), (text, a, b) => {
        const buf = Buffer.from(text, 'latin1');
        const from = a % (buf.length + 2) - 1;
        const to = from + (b % (2 * WHITESPACE_RUN + 2));
        expect(new BufferFacts(buf).longWhitespaceWithin(from, to)).toBe(longRunWithin(text, from, to));
      }),
      { numRuns: 3000 },
    );
  });

  it('finds a run exactly WHITESPACE_RUN long at the start, the end and in between, and not one byte shorter', () => {
    const run = ' '.repeat(WHITESPACE_RUN);
    for (const text of [run, `x${run}`, `${run}x`, `ab${run}cd`, `${'y'.repeat(3 * WHITESPACE_RUN + 5)}${run}`]) {
      expect(new BufferFacts(Buffer.from(text)).longWhitespaceWithin(0, text.length), JSON.stringify(text)).toBe(true);
      const shorter = text.replace(run, run.slice(1));
      expect(new BufferFacts(Buffer.from(shorter)).longWhitespaceWithin(0, shorter.length), JSON.stringify(shorter)).toBe(false);
    }
  });
});

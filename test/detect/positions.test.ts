import { describe, expect, it } from 'vitest';
import { LineIndex } from '../../src/detect/positions.js';
import { leakedPieces } from '../helpers/secret-corpus.js';
import { randomString } from '../helpers/tokens.js';

function positionOf(text: string, needle: string) {
  const buf = Buffer.from(text, 'utf8');
  const offset = buf.indexOf(needle);
  return new LineIndex(buf).position(offset);
}

describe('LineIndex', () => {
  it('counts lines from 1 and columns from 1', () => {
    expect(positionOf('abc', 'a')).toEqual({ line: 1, column: 1 });
    expect(positionOf('one\ntwo\nthree TOKEN', 'TOKEN')).toEqual({ line: 3, column: 7 });
  });

  it('counts columns in code points, not bytes', () => {
    // "é" is 2 bytes, "😀" is 4 bytes and 2 UTF-16 units: each is one column.
    expect(positionOf('é😀x TOKEN', 'TOKEN')).toEqual({ line: 1, column: 5 });
  });

  it('treats CRLF and lone CR as line ends', () => {
    expect(positionOf('a\r\nb\r\nTOKEN', 'TOKEN')).toEqual({ line: 3, column: 1 });
    expect(positionOf('a\rb\rc TOKEN', 'TOKEN')).toEqual({ line: 3, column: 3 });
    expect(positionOf('a\r\n\rTOKEN', 'TOKEN')).toEqual({ line: 3, column: 1 });
  });

  it('gives an exclusive end column after the last character', () => {
    const buf = Buffer.from('x = TOKEN;\n');
    const start = buf.indexOf('TOKEN');
    expect(new LineIndex(buf).endPosition(start, start + 5)).toEqual({ line: 1, column: 10 });
  });

  it('returns line text without the line break, clipped around the span on huge lines', () => {
    const buf = Buffer.from('first\r\nsecond TOKEN here\r\n');
    const lines = new LineIndex(buf);
    expect(lines.lineText(buf.indexOf('TOKEN'))).toBe('second TOKEN here');
    expect(lines.lineTextAt(1)).toBe('first');
    const long = Buffer.from(`${'a'.repeat(100_000)}TOKEN${'b'.repeat(100_000)}`);
    const at = long.indexOf('TOKEN');
    const text = new LineIndex(long).lineText(at, at + 5);
    expect(text).toContain('TOKEN');
    expect(text.length).toBeLessThan(2000);
  });

  it('clips a huge line at token boundaries: a token the clip would cut is left out whole', () => {
    const [left, right] = [randomString(40), randomString(40)];
    // Each neighbour straddles the point 512 bytes from the span, where a plain clip would cut it.
    const line = `${'word '.repeat(100)}${left} ${'ab '.repeat(160)}TOKEN${'  '.repeat(240)}${right} end`;
    const buf = Buffer.from(line);
    const at = buf.indexOf('TOKEN');
    expect(at - buf.indexOf(left)).toBeGreaterThan(512);
    expect(at - buf.indexOf(left) - left.length).toBeLessThan(512);
    const text = new LineIndex(buf).lineText(at, at + 5);
    expect(text).toContain('ab TOKEN');
    expect(leakedPieces(text, [left, right])).toEqual([]);
  });

  it('never splits a UTF-8 character at the clip', () => {
    // 512 is no multiple of 3: both clip points fall inside a 3-byte character.
    const buf = Buffer.from(`${'中'.repeat(400)}TOKEN${'中'.repeat(400)}`);
    const at = buf.indexOf('TOKEN');
    expect(new LineIndex(buf).lineText(at, at + 5)).not.toContain('\ufffd');
  });
});

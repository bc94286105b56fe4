import { describe, expect, it } from 'vitest';
import { LineIndex } from '../../src/detect/positions.js';

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
});

import { describe, expect, it } from 'vitest';
import { hashLines, primaryLocationLineHashes } from '../../src/detect/line-hash.js';
import { randomString } from '../helpers/tokens.js';

function allHashes(text: string | Buffer): string[] {
  const out: string[] = [];
  hashLines(Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8'), (line, hash) => {
    expect(line).toBe(out.length + 1);
    out.push(hash);
  });
  return out;
}

/**
 * An independent statement of the documented algorithm, written for clarity rather than speed:
 * normalise the text, then hash each line's window directly as a polynomial in BigInt (no rolling).
 */
function referenceHashes(text: string): string[] {
  const units: number[] = [];
  const lineStarts: number[] = [];
  let afterCr = false;
  let atLineStart = true;
  const push = (unit: number): void => {
    if (atLineStart) {
      lineStarts.push(units.length);
      atLineStart = false;
    }
    units.push(unit);
    if (unit === 10) atLineStart = true;
  };
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 32 || code === 9 || (afterCr && code === 10)) {
      afterCr = false;
      continue;
    }
    afterCr = code === 13;
    push(code === 13 ? 10 : code);
  }
  push(0xffff);
  const counts = new Map<string, number>();
  return lineStarts.map((start) => {
    let hash = 0n;
    for (let k = 0; k < 100; k++) hash = BigInt.asUintN(64, hash * 37n + BigInt(units[start + k] ?? 0));
    const hex = hash.toString(16);
    const count = (counts.get(hex) ?? 0) + 1;
    counts.set(hex, count);
    return `${hex}:${count}`;
  });
}

describe('primaryLocationLineHash', () => {
  // Expected values published in the tests of GitHub's codeql-action (src/fingerprints.test.ts).
  const published: [string, string[]][] = [
    ['', ['c129715d7a2bc9a3:1']],
    [' a\nb\n  \t\tc\n d', ['271789c17abda88f:1', '54703d4cd895b18:1', '180aee12dab6264:1', 'a23a3dc5e078b07b:1']],
    [
      ' hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End',
      ['8b7cf3e952e7aeb2:1', 'b1ae1287ec4718d9:1', 'bff680108adb0fcc:1', 'c6805c5e1288b612:1', 'b86d3392aea1be30:1', 'e6ceba753e1a442:1'],
    ],
  ];
  const withTrailingBreak = ['e9496ae3ebfced30:1', 'fb7c023a8b9ccb3f:1', 'ce8ba1a563dcdaca:1', 'e20e36e16fcb0cc8:1', 'b3edc88f2938467e:1', 'c8e28b0b4002a3a0:1', 'c129715d7a2bc9a3:1'];
  for (const text of [
    ' hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n',
    ' hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r',
    ' hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n',
    ' hello; \t\nworld!!!\r\n\n\r  \t\tGreetings\r End\r\n',
  ]) {
    published.push([text, withTrailingBreak]);
  }
  published.push([
    'Lorem ipsum dolor sit amet.\n'.repeat(10),
    [
      'a7f2ff13bc495cf2:1',
      'a7f2ff13bc495cf2:2',
      'a7f2ff13bc495cf2:3',
      'a7f2ff13bc495cf2:4',
      'a7f2ff13bc495cf2:5',
      'a7f2ff13bc495cf2:6',
      'a7f2ff1481e87703:1',
      'a9cf91f7bbf1862b:1',
      '55ec222b86bcae53:1',
      'cc97dc7b1d7d8f7b:1',
      'c129715d7a2bc9a3:1',
    ],
  ]);

  it.each(published)('matches the values GitHub publishes for %j', (text, expected) => {
    expect(allHashes(text)).toEqual(expected);
  });

  it('agrees with a direct BigInt computation on random text with mixed line endings and non-ASCII', () => {
    const alphabet = [...'ab c\t\n\r;=é€😀_"'];
    for (let round = 0; round < 40; round++) {
      // Whole code points: a lone surrogate would not survive the trip through UTF-8.
      const text = [...randomString(1 + round * 37, 'abcdefghijklmnop')].map((ch) => alphabet[ch.charCodeAt(0) % alphabet.length]).join('');
      expect(allHashes(text)).toEqual(referenceHashes(text));
    }
  });

  it('decodes UTF-8 split across read chunks as a stream would', () => {
    // 64 KiB chunks: put a 4-byte character across the boundary.
    const text = `${'x'.repeat(65_534)}😀\nkey = "value"\n`;
    expect(allHashes(text)).toEqual(referenceHashes(text));
  });

  it('gives the hash of each wanted line and stops early', () => {
    const text = Array.from({ length: 500 }, (_, i) => `line ${i % 7}`).join('\n');
    const expected = referenceHashes(text);
    const hashes = primaryLocationLineHashes(Buffer.from(text), [3, 120, 3]);
    expect([...hashes]).toEqual([
      [3, expected[2]],
      [120, expected[119]],
    ]);
    expect(primaryLocationLineHashes(Buffer.from(text), []).size).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/model/finding.js';
import { applyInlineAllows } from '../../src/suppress/inline-allow.js';
import { fakeDemoToken } from '../helpers/tokens.js';
import { detectDemo } from './detect-demo.js';

/** Which lines' findings survive the markers in `text`. */
function keptLines(text: string): number[] {
  const findings = detectDemo(text);
  return applyInlineAllows(findings, Buffer.from(text)).kept.map((f) => f.startLine);
}

describe('applyInlineAllows', () => {
  const token = fakeDemoToken;

  it.each([
    ['# secretsift:allow'],
    ['// secretsift:allow'],
    ['/* secretsift:allow */'],
    ['<!-- secretsift:allow -->'],
    ['-- secretsift:allow demo-token'],
    ['# gitleaks:allow'],
    ['# pragma: allowlist secret'],
    ['# pragma:allowlist secret'],
  ])('a same-line marker %s suppresses the finding on its line only', (marker) => {
    expect(keptLines(`a=${token()} ${marker}\nb=${token()}\n`)).toEqual([2]);
  });

  it.each([['# secretsift:allow-next-line'], ['// secretsift:allow-next-line demo-token'], ['# pragma: allowlist nextline secret']])(
    'a next-line marker %s suppresses the finding on the line below only',
    (marker) => {
      expect(keptLines(`${marker}\na=${token()}\nb=${token()}\n`)).toEqual([3]);
    },
  );

  it('a marker naming another rule does not apply', () => {
    expect(keptLines(`a=${token()} # secretsift:allow aws-access-key\n`)).toEqual([1]);
    expect(keptLines(`# secretsift:allow-next-line aws-access-key\na=${token()}\n`)).toEqual([2]);
  });

  it('any marker on the line counts, not just the first', () => {
    expect(keptLines(`a=${token()} # secretsift:allow aws-access-key secretsift:allow demo-token\n`)).toEqual([]);
  });

  it('does not take look-alike words for markers', () => {
    expect(keptLines(`a=${token()} # secretsift:allowed\n`)).toEqual([1]);
    expect(keptLines(`a=${token()} # secretsift:allow-next-line\n`)).toEqual([1]);
    expect(keptLines(`# secretsift:allow\na=${token()}\n`)).toEqual([2]);
  });

  it('a marker inside a multi-line secret applies to the finding that starts on that line', () => {
    const text = `line one\nkey=${token()} # marker on line 2 belongs to the finding starting there: secretsift:allow\nmore\n`;
    const [finding] = detectDemo(text);
    // A multi-line secret that starts on line 1 and ends on line 3 is not allowed by the marker on line 2.
    const spanning: Finding = { ...(finding as Finding), startLine: 1, endLine: 3, lineText: 'line one' };
    const { kept, allowed } = applyInlineAllows([spanning, finding as Finding], Buffer.from(text));
    expect(kept).toEqual([spanning]);
    expect(allowed).toEqual([finding]);
  });
});

import { describe, expect, it } from 'vitest';
import { neutralise, redact, redactLine, secretMask } from '../../src/report/redact.js';
import { randomString } from '../helpers/tokens.js';

describe('redact', () => {
  it('keeps a short prefix and the length, never more than a quarter of the secret', () => {
    expect(redact('ghp_0123456789abcdefghijklmnopqrstuvwxyz')).toBe('ghp_****(40)');
    expect(redact('hunter2!')).toBe('hu****(8)');
    expect(redact('abc')).toBe('****(3)');
  });

  it('counts code points, not UTF-16 units', () => {
    expect(redact('😀😀😀😀😀😀😀😀')).toBe('😀😀****(8)');
  });
});

describe('redactLine', () => {
  it('masks every occurrence of the secret on the line', () => {
    expect(redactLine('a=SECRETVALUE b=SECRETVALUE', 'SECRETVALUE')).toBe('a=SE****(11) b=SE****(11)');
  });

  it('masks the first line of a multi-line secret', () => {
    const secret = '-----BEGIN KEY-----\nQmFzZTY0Ym9keQ==\n-----END KEY-----';
    expect(redactLine('key: -----BEGIN KEY-----', secret)).not.toContain('BEGIN KEY');
  });
});

describe('neutralise', () => {
  it('turns control characters and bidi overrides into visible escapes', () => {
    expect(neutralise('a\u001b[31mb\rc\u202ed')).toBe('a\\u001b[31mb\\u000dc\\u202ed');
    // Tabs are harmless and common in source: they stay.
    expect(neutralise('tab\tok')).toBe('tab\tok');
  });
});

describe('secretMask', () => {
  it('masks every known secret in a text, whole or by the lines of a multi-line one', () => {
    const [first, second] = [randomString(12), randomString(14)];
    const key = `-----BEGIN K-----\n${randomString(16)}\n-----END K-----`;
    const body = key.split('\n')[1] ?? '';
    const mask = secretMask([{ secret: first }, { secret: second }, { secret: key }]);
    expect(mask(`a=${first} b=${second} c`)).toBe(`a=${redact(first)} b=${redact(second)} c`);
    expect(mask(`body ${body} here`)).toBe(`body ${redact(key)} here`);
    expect(mask('nothing here')).toBe('nothing here');
  });

  it('masks the encoded form a decoded secret was found in', () => {
    const mask = secretMask([{ secret: 'decodedsecret', decoded: { chain: ['base64'], encodedText: 'ZGVjb2RlZHNlY3JldA==' } }]);
    expect(mask('x ZGVjb2RlZHNlY3JldA== y')).toBe('x <base64:dec****(13)> y');
  });
});

import { describe, expect, it } from 'vitest';
import { base62, base62Crc32Token, crc32, jwt } from '../../src/detect/validators.js';
import { fakeGithubToken } from '../helpers/tokens.js';

describe('crc32', () => {
  it('matches the standard check value', () => {
    // The CRC-32/ISO-HDLC check value for "123456789".
    expect(crc32('123456789')).toBe(0xcbf43926);
  });
});

describe('base62', () => {
  it('encodes with 0-9A-Za-z and pads to width', () => {
    expect(base62(0, 6)).toBe('000000');
    expect(base62(61, 2)).toBe('0z');
    expect(base62(62, 2)).toBe('10');
  });
});

describe('base62-crc32 (GitHub and npm tokens)', () => {
  it('accepts a token whose last 6 characters are the checksum', () => {
    expect(base62Crc32Token(fakeGithubToken('ghp'))).toBe(true);
    expect(base62Crc32Token(fakeGithubToken('npm'))).toBe(true);
  });

  it('rejects a token with one character changed', () => {
    const token = fakeGithubToken();
    const flipped = token.slice(0, 10) + (token[10] === 'a' ? 'b' : 'a') + token.slice(11);
    expect(base62Crc32Token(flipped)).toBe(false);
  });

  it('rejects the wrong length', () => {
    expect(base62Crc32Token(fakeGithubToken().slice(0, -1))).toBe(false);
  });
});

describe('jwt', () => {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  it('accepts a token whose header and payload are JSON', () => {
    expect(jwt(`${part({ alg: 'HS256', typ: 'JWT' })}.${part({ sub: '42' })}.c2lnbmF0dXJl`)).toBe(true);
  });

  it('rejects base64 that is not JSON, or a header without alg', () => {
    expect(jwt(`${Buffer.from('not json').toString('base64url')}.${part({ sub: 1 })}.x`)).toBe(false);
    expect(jwt(`${part({ typ: 'JWT' })}.${part({ sub: 1 })}.x`)).toBe(false);
  });
});

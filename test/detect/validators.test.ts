import { describe, expect, it } from 'vitest';
import { base62, base62Crc32Token, crc32, jwt, pypiMacaroon } from '../../src/detect/validators.js';
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

import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { basicAuth, bech32, bech32Checksum, privateKeyBlock } from '../../src/detect/validators.js';

describe('private-key (PEM, OpenSSH and PGP blocks)', () => {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const sec1 = privateKey.export({ format: 'pem', type: 'sec1' }).toString();
  const pkcs8 = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  const wrap = (label: string, body: Buffer) =>
    `-----BEGIN ${label}-----\n${body.toString('base64').replace(/.{64}/g, '$&\n')}\n-----END ${label}-----\n`;

  it('accepts real PKCS#1/SEC1 and PKCS#8 keys, also with literal \\n escapes', () => {
    expect(privateKeyBlock(sec1)).toBe(true);
    expect(privateKeyBlock(pkcs8)).toBe(true);
    expect(privateKeyBlock(pkcs8.replace(/\n/g, '\\n'))).toBe(true);
  });

  it('rejects a shortened, elided or made-up body', () => {
    const lines = pkcs8.split('\n');
    expect(privateKeyBlock([lines[0], lines[1]?.slice(0, 40), lines.at(-2)].join('\n'))).toBe(false);
    expect(privateKeyBlock('-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC...\n-----END PRIVATE KEY-----')).toBe(false);
    expect(privateKeyBlock(wrap('RSA PRIVATE KEY', Buffer.alloc(120, 0x41)))).toBe(false);
    expect(privateKeyBlock(wrap('PRIVATE KEY', Buffer.concat([Buffer.from([0x04]), randomBytes(200)])))).toBe(false);
  });

  it('checks the OpenSSH magic and the PGP packet tag', () => {
    const openssh = Buffer.concat([Buffer.from('openssh-key-v1\0', 'latin1'), randomBytes(300)]);
    expect(privateKeyBlock(wrap('OPENSSH PRIVATE KEY', openssh))).toBe(true);
    expect(privateKeyBlock(wrap('OPENSSH PRIVATE KEY', randomBytes(300)))).toBe(false);
    const pgp = Buffer.concat([Buffer.from([0x94, 0x58]), randomBytes(200)]);
    expect(privateKeyBlock(wrap('PGP PRIVATE KEY BLOCK', pgp).replace('-----\n', '-----\nComment: test\n\n'))).toBe(true);
    expect(privateKeyBlock(wrap('PGP PRIVATE KEY BLOCK', Buffer.concat([Buffer.from([0x14]), randomBytes(200)])))).toBe(false);
  });
});

describe('bech32 (age secret keys)', () => {
  const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
  const encode = (hrp: string, data: number[]) =>
    `${hrp}1${[...data, ...bech32Checksum(hrp, data)].map((v) => CHARSET[v]).join('')}`;

  it('accepts a key with a valid checksum, upper case as age prints it', () => {
    const data = Array.from(randomBytes(52), (b) => b & 31);
    expect(bech32(encode('age-secret-key-', data).toUpperCase())).toBe(true);
    expect(bech32(encode('age', data))).toBe(true);
  });

  it('rejects a changed character, mixed case, or characters outside the charset', () => {
    const key = encode('age-secret-key-', Array.from(randomBytes(52), (b) => b & 31)).toUpperCase();
    const i = key.length - 10;
    const changed = key.slice(0, i) + (key[i] === 'Q' ? 'P' : 'Q') + key.slice(i + 1);
    expect(bech32(changed)).toBe(false);
    expect(bech32(`age${key.slice(3)}`)).toBe(false);
    expect(bech32('AGE-SECRET-KEY-1' + 'B'.repeat(58))).toBe(false);
  });
});

describe('basic-auth', () => {
  it('accepts base64 of user:password', () => {
    expect(basicAuth(Buffer.from('deploy:q8Zr2mXv').toString('base64'))).toBe(true);
  });

  it('rejects base64 without a colon, with an empty password, or binary', () => {
    expect(basicAuth(Buffer.from('usernamepassword').toString('base64'))).toBe(false);
    expect(basicAuth(Buffer.from('deploy:').toString('base64'))).toBe(false);
    expect(basicAuth(Buffer.concat([Buffer.from('a:'), Buffer.from([0, 1, 2, 0xff])]).toString('base64'))).toBe(false);
  });
});

describe('pypi-macaroon', () => {
  const field = (type: number, data: Buffer) => Buffer.concat([Buffer.from([type, data.length]), data]);
  const token = (location: string, signature = field(6, Buffer.alloc(32, 7))) =>
    `pypi-${Buffer.concat([Buffer.from([2]), field(1, Buffer.from(location)), field(2, Buffer.from('a1b2c3d4-identifier')), Buffer.from([0, 0]), signature]).toString('base64url')}`;

  it('accepts a v2 macaroon for pypi.org or test.pypi.org with a signature', () => {
    expect(pypiMacaroon(token('pypi.org'))).toBe(true);
    expect(pypiMacaroon(token('test.pypi.org'))).toBe(true);
  });

  it('rejects another location, a missing signature, and random text after the header', () => {
    expect(pypiMacaroon(token('evil.example'))).toBe(false);
    expect(pypiMacaroon(token('pypi.org', Buffer.alloc(34, 1)))).toBe(false);
    expect(pypiMacaroon(`pypi-AgEIcHlwaS5vcmc${'x'.repeat(120)}`)).toBe(false);
  });
});

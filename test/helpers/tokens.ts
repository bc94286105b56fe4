import { randomBytes } from 'node:crypto';
import { isPlaceholder } from '../../src/detect/filters.js';
import { base62, crc32 } from '../../src/detect/validators.js';

/**
 * Fake tokens made at test time, so no secret-shaped string is committed. They have the
 * structure (and checksums) of real tokens, but are random and belong to nobody.
 */
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * Random characters, but never any that read as a placeholder to the filters ("…DUmMY…", a
 * "myApp…" after a prefix's underscore): a token that did would be dropped, one run in thousands.
 */
export function randomString(length: number, alphabet = ALNUM): string {
  for (;;) {
    let out = '';
    for (const byte of randomBytes(length)) out += alphabet[byte % alphabet.length];
    if (!isPlaceholder(`_${out}`)) return out;
  }
}

/** A GitHub-style token with a valid CRC32 checksum: prefix_ + 30 random + 6 checksum. */
export function fakeGithubToken(prefix = 'ghp'): string {
  const body = randomString(30);
  return `${prefix}_${body}${base62(crc32(body), 6)}`;
}

export function fakeAwsAccessKeyId(): string {
  return `AKIA${randomString(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`;
}

/** A token for the test-only `demo-token` rule in fixtures/demo-pack.yaml. */
export function fakeDemoToken(): string {
  return `dmo_${randomString(24)}`;
}

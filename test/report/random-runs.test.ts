import { describe, expect, it } from 'vitest';
import { Rng } from '../../scripts/rng.mjs';
import { randomRuns, readsAsWords } from '../../src/report/random-runs.js';
import { leakedPieces } from '../helpers/secret-corpus.js';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function masked(text: string, known: { start: number; end: number }[] = []): string {
  let out = '';
  let copied = 0;
  for (const { start, end } of [...known, ...randomRuns(text, known)].sort((a, b) => a.start - b.start)) {
    out += `${text.slice(copied, start)}#`;
    copied = end;
  }
  return out + text.slice(copied);
}

/** Random keys of 20 to 64 characters from a fixed seed: the same on every run, so a test cannot fail by chance. */
function keys(alphabet: string, seed: number, count = 100): string[] {
  const rng = new Rng(seed);
  return Array.from({ length: count }, () => rng.str(rng.int(20, 64), alphabet));
}

describe('readsAsWords', () => {
  it('knows identifiers, constants and paths from random text', () => {
    for (const words of ['getUserAccountSettings', 'DEFAULT_MAX_ARCHIVE_BYTES', 'primaryLocationLineHash', 'secretsift-managed-hook', 'registerExplainCommand']) {
      expect(readsAsWords(words), words).toBe(true);
    }
    for (const random of ['wJalrXUtnFEMIK7MDENGbPxRfiCY', 'qpzry9x8gf2tvdw0s3jn54khce6mua7l', 'Zq8vN3xK1pLm7RtY2wBc']) expect(readsAsWords(random), random).toBe(false);
  });
});

describe('randomRuns', () => {
  it('leaves ordinary code, prose and paths alone', () => {
    const lines = [
      'export function getUserAccountSettings(request: Request): Promise<AccountSettings> {',
      '  const DEFAULT_MAX_ARCHIVE_BYTES = 256 * 1024 * 1024; // 268435456',
      'import { primaryLocationLineHashes } from "./line-hash.js";',
      'See https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning for details.',
      'password_min_length = 8  # a password needs at least this many characters',
      '================================================================',
      'id = "00000000000000000000000000000000"',
      '    at Object.<anonymous> (/home/runner/work/project/project/src/index.test.ts:12:3)',
    ];
    for (const line of lines) expect(masked(line), line).toBe(line);
  });

  it('never leaves 8 characters of a random key of any common alphabet showing', () => {
    const alphabets = [ALNUM, `${ALNUM}+/`, `${ALNUM}-_`, '0123456789abcdef', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'];
    alphabets.forEach((alphabet, a) => {
      for (const key of keys(alphabet, 100 + a)) {
        expect(leakedPieces(masked(`value: "${key}",`), [key]), key).toEqual([]);
        // A name before it stays: an assignment is no part of the key.
        const assigned = masked(`API_KEY=${key}`);
        expect(assigned.startsWith('API_KEY='), key).toBe(true);
        expect(leakedPieces(assigned, [key]), key).toEqual([]);
      }
    });
  });

  it('masks the rest of a found secret when it does not read as words, even if short', () => {
    const line = "SECRET_KEY = 'FOUNDSECRET(x7k!2m@q9'";
    const found = { start: line.indexOf('FOUNDSECRET'), end: line.indexOf('(') };
    expect(masked(line, [found])).toBe("SECRET_KEY = '##'");
    // A call around a found secret is code, not a rest of it.
    const call = 'client.authenticate(FOUNDSECRET)';
    expect(masked(call, [{ start: call.indexOf('F'), end: call.indexOf(')') }])).toBe('client.authenticate(#)');
  });

  it('never leaves 8 characters of a punctuated key (a generated password) showing', () => {
    const alphabet = `${ALNUM}!#$%&*+@^~?`;
    for (const key of keys(alphabet, 7)) expect(leakedPieces(masked(`pass: ${key}`), [key]), key).toEqual([]);
  });
});

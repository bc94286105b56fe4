import { describe, expect, it } from 'vitest';
import { Rng } from '../../scripts/rng.mjs';
import type { Finding } from '../../src/model/finding.js';
import { neutralise, redact, redactedLine, redaction, secretMask } from '../../src/report/redact.js';
import { leakedPieces } from '../helpers/secret-corpus.js';
import { fakeAwsAccessKeyId, randomString } from '../helpers/tokens.js';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
// Keys judged by how random they look come from a fixed seed, so no run can fail by chance.
const rng = new Rng(20261204);

function finding(secret: string, lineText: string, extra: Partial<Finding> = {}): Finding {
  return { ruleId: 'r', description: 'd', severity: 'high', tags: [], path: 'a', startLine: 1, startColumn: 1, endLine: 1, endColumn: 1, secret, lineText, entropy: 4, ...extra };
}

function report(...findings: Finding[]) {
  return { findings, suppressed: [] };
}

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

describe('redactedLine', () => {
  it('masks every occurrence of the secret on the line', () => {
    expect(redactedLine(finding('SECRETVALUE', 'a=SECRETVALUE b=SECRETVALUE'))).toBe('a=SE****(11) b=SE****(11)');
  });

  it('masks the first line of a multi-line secret', () => {
    const secret = '-----BEGIN KEY-----\nQmFzZTY0Ym9keQ==\n-----END KEY-----';
    expect(redactedLine(finding(secret, 'key: -----BEGIN KEY-----'))).not.toContain('BEGIN KEY');
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

  it('masks a secret that holds another whole, and one beside it', () => {
    const inner = `AKIA${randomString(16)}`;
    const outer = `${inner}${randomString(8)}`;
    const mask = secretMask([{ secret: inner }, { secret: outer }]);
    expect(mask(`${outer} ${inner}`)).toBe(`${redact(outer)} ${redact(inner)}`);
  });

  it('masks each of thousands of secrets that share their first characters', () => {
    // AWS key ids all start "AKIA": the case a mask keyed on first characters must not slow down on, and must not confuse.
    const secrets = [...new Set(Array.from({ length: 5000 }, () => fakeAwsAccessKeyId()))];
    const mask = secretMask(secrets.map((secret) => ({ secret })));
    const text = secrets.map((secret, i) => `k${i}=${secret};`).join(' ');
    expect(mask(text)).toBe(secrets.map((secret, i) => `k${i}=${redact(secret)};`).join(' '));
    // A near miss (one character off) is not any of them.
    const near = `${secrets[0]?.slice(0, -1)}#`;
    expect(mask(near)).toBe(near);
  });
});

describe('redaction', () => {
  it('masks an undetected secret beside a found one: the AWS secret key next to its key id', () => {
    const keyId = fakeAwsAccessKeyId();
    const secretKey = rng.str(40, B64) as string;
    const line = `creds := credentials.NewStaticCredentials("${keyId}", "${secretKey}", "")`;
    const shown = redaction(report(finding(keyId, line)), false).line(finding(keyId, line));
    expect(shown).toBe(`creds := credentials.NewStaticCredentials("${redact(keyId)}", "****(40)", "")`);
  });

  it('masks the rest of a secret a rule stopped short of', () => {
    // A generated Django key; its rule stops at "(", which its pattern does not allow.
    const key = `django-insecure-${rng.str(20, 'abcdefghijklmnopqrstuvwxyz0123456789')}`;
    const rest = `(${rng.str(14, 'abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*-_=+')}`;
    const line = `SECRET_KEY = '${key}${rest}'`;
    const shown = redaction(report(finding(key, line)), false).line(finding(key, line));
    expect(shown).toBe(`SECRET_KEY = '${redact(key)}****(${rest.length})'`);
  });

  it('leaves an ordinary line of code as it is, but for the secret', () => {
    const token = `dmo_${randomString(24)}`;
    const line = `    const settings = await client.getUserAccountSettings(request.user.id, { token: "${token}" }); // https://example.com/docs/settings`;
    expect(redaction(report(finding(token, line)), false).line(finding(token, line))).toBe(line.replace(token, redact(token)));
  });

  it('masks random text in a commit message, but not in a name', () => {
    const sha = rng.hex(40) as string;
    const shown = redaction(report(), false);
    expect(shown.message(`Revert "add key ${sha}"`)).toBe('Revert "add key ****(40)"');
    // Names must still lead somewhere: only found secrets are masked in them.
    expect(shown.text(`dist/chunk-${sha}.js`)).toBe(`dist/chunk-${sha}.js`);
  });

  it('masks found secrets in names, messages and lines of other findings', () => {
    const token = `dmo_${randomString(24)}`;
    const shown = redaction(report(finding(token, `x=${token}`)), false);
    expect(shown.text(`cfg-${token}.txt`)).toBe(`cfg-${redact(token)}.txt`);
    expect(shown.message(`add ${token}`)).toBe(`add ${redact(token)}`);
    expect(shown.line(finding('other-secret', `y=other-secret z=${token}`))).toBe(`y=${redact('other-secret')} z=${redact(token)}`);
  });

  it('shows everything as it is with --show-secrets', () => {
    const secretKey = randomString(40, B64);
    const line = `k = "${secretKey}"`;
    const shown = redaction(report(finding(secretKey, line)), true);
    expect(shown.line(finding(secretKey, line))).toBe(line);
    expect(shown.message(secretKey)).toBe(secretKey);
  });

  it('never shows 8 characters of random keys beside a found secret, whatever their alphabet', () => {
    const alphabets = {
      alnum: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
      base64: B64,
      base64url: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_',
      hex: '0123456789abcdef',
      base32: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567',
    };
    const keyId = fakeAwsAccessKeyId();
    const layouts = [(k: string) => `"${keyId}", "${k}"`, (k: string) => `${keyId}:${k}`, (k: string) => `ID=${keyId} KEY=${k}`, (k: string) => `url("https://host/v1?id=${keyId}&key=${k}")`];
    // A fixed seed: the same keys on every run, so the test cannot fail by chance.
    Object.values(alphabets).forEach((alphabet, a) => {
      const seeded = new Rng(11 + a);
      const keys = Array.from({ length: 100 }, () => seeded.str(seeded.int(24, 64), alphabet) as string);
      keys.forEach((key, i) => {
        const line = (layouts[i % layouts.length] as (k: string) => string)(key);
        const shown = redaction(report(finding(keyId, line)), false).line(finding(keyId, line));
        expect(leakedPieces(shown, [key]), `${line} -> ${shown}`).toEqual([]);
      });
    });
  });
});

import fc from 'fast-check';
import RE2 from 're2';
import { describe, expect, it } from 'vitest';
import { hugeRun } from '../helpers/huge-run.js';
import { testRule } from '../helpers/rules.js';
import { compileRules } from '../../src/detect/compile.js';
import { encodedKeywordFragments } from '../../src/detect/decode/keyword-fragments.js';
import { looksLikeText, percentRuns, percentSegments, segmentsAround } from '../../src/detect/decode/segments.js';
import { detect } from '../../src/detect/engine.js';
import type { RuleSpec } from '../../src/model/rule.js';
import { redactedLine } from '../../src/report/redact.js';
import { randomString } from '../helpers/tokens.js';

const demo = testRule({ id: 'demo', pattern: '\\b(dmo_[A-Za-z0-9]{24})\\b', keywords: ['dmo_'] });
const password: RuleSpec = {
  ...demo,
  id: 'password',
  pattern: '(?i)password["\']?\\s*[:=]\\s*["\']?([^\\s"\']{8,})',
  keywords: ['password'],
  tags: ['generic'],
};
const compiled = compileRules([demo, password]);
const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('encodedKeywordFragments', () => {
  it('gives, for each alignment, base64 text that occurs wherever the keyword is encoded', () => {
    const fragments = encodedKeywordFragments(['dmo_']).map((fragment) => fragment.text);
    for (const prefix of ['', 'a', 'ab', 'abc']) {
      const encoded = b64(`${prefix}dmo_${randomString(24)}`);
      expect(fragments.some((fragment) => encoded.includes(fragment))).toBe(true);
    }
    expect(fragments).toContain(Buffer.from('dmo_').toString('hex'));
  });
});

describe('segmentsAround and percentSegments', () => {
  it('decodes the base64 and hex runs holding an encoded keyword, and percent runs', () => {
    const inner = `dmo_ and some readable text 123`;
    const text = `a = "${b64(inner)}" b = ${Buffer.from(inner).toString('hex').toUpperCase()} c = key%3Dvalue%26z%3Dw d = "${b64('unrelated text, not decoded')}"`;
    const buf = Buffer.from(text);
    const segments = segmentsAround(buf, encodedKeywordFragments(['dmo_']));
    expect(segments.map((segment) => [segment.encoding, segment.decoded.toString()])).toEqual([
      ['base64', inner],
      ['hex', inner],
    ]);
    expect(percentSegments(buf).map((segment) => segment.decoded.toString())).toEqual(['key=value&z=w']);
    expect(looksLikeText(Buffer.from([0x01, 0x02, 0xff, 0x00, 0x10, 0x11, 0x12, 0x13]))).toBe(false);
  });

  it('finds the percent runs the pattern they are defined by matches, in any bytes (property)', () => {
    // The definition, as the RE2 pass that found them before.
    const pattern = new RE2("[A-Za-z0-9._~!$&'()*+,;=:@/?#\\[\\]-]*%[0-9A-Fa-f]{2}[A-Za-z0-9._~!$&'()*+,;=:@/?#\\[\\]%-]*", 'g');
    const byPattern = (buf: Buffer): [number, number][] => {
      const runs: [number, number][] = [];
      pattern.lastIndex = 0;
      for (let match = pattern.exec(buf); match; match = pattern.exec(buf)) runs.push([match.index, match.index + (match[0] as unknown as Buffer).length]);
      return runs;
    };
    const piece = fc.constantFrom('%', '%2', '%3D', '%zz', '%a', 'F', '9', 'g', 'a=b', '&', ' ', '"', '\n', '/', '[', '%%41', '\u00e9', '<', '\\');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const buf = Buffer.from(pieces.join(''));
        expect(percentRuns(buf)).toEqual(byPattern(buf));
      }),
      { numRuns: 2000 },
    );
  });

  it('finds nothing in a huge run of binary base64 dotted with encoded keyword fragments', () => {
    // Its speed (each fragment used to cost a walk and a decode of the whole run) is a stress case.
    expect(segmentsAround(hugeRun(6 * 1024 * 1024), encodedKeywordFragments(['dmo_']))).toEqual([]);
  });
});

describe('detect with decoding', () => {
  const token = `dmo_${randomString(24)}`;

  it('finds a base64-encoded token at the encoded text, with the chain and the decoded secret', () => {
    const text = `line one\nconfig: ${b64(`TOKEN=${token}`)}\n`;
    const [finding, ...rest] = detect(compiled, Buffer.from(text), 'x.yaml', { decodeDepth: 2 });
    expect(rest).toHaveLength(0);
    expect(finding).toMatchObject({ ruleId: 'demo', secret: token, startLine: 2, startColumn: 9, decoded: { chain: ['base64'] } });
    expect(redactedLine(finding!)).not.toContain(b64(`TOKEN=${token}`).slice(4, 20));
  });

  it('finds hex- and percent-encoded tokens, and nested encodings up to the depth', () => {
    expect(detect(compiled, Buffer.from(`k = "${Buffer.from(`T:${token}`).toString('hex')}"`), 'x', { decodeDepth: 2 })[0]?.decoded?.chain).toEqual(['hex']);
    const percent = `u=https%3A%2F%2Fhost%2F%3Ft%3D${token}`;
    expect(detect(compiled, Buffer.from(percent), 'x', { decodeDepth: 2 })[0]?.decoded?.chain).toEqual(['percent']);
    const nested = b64(`url: https://h/?q=${encodeURIComponent(`a b ${token}`)}&x=%2F%2F`);
    expect(detect(compiled, Buffer.from(`v: ${nested}`), 'x', { decodeDepth: 2 })[0]).toMatchObject({ secret: token });
    expect(detect(compiled, Buffer.from(`v: ${b64(`T=${token}`)}`), 'x', { decodeDepth: 0 })).toEqual([]);
  });

  it('gives Kubernetes Secret values their key as context, and drops the generic match on the encoded text', () => {
    const manifest = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata:\n  password: ${b64('Zq8v-N3xK1pLm7Rt')}\n  token: ${b64(token)}\n`;
    const found = detect(compiled, Buffer.from(manifest), 'secret.yaml', { decodeDepth: 2 });
    expect(found.map((f) => [f.ruleId, f.secret, f.startLine])).toEqual([
      ['password', 'Zq8v-N3xK1pLm7Rt', 6],
      ['demo', token, 7],
    ]);
  });

  it('leaves ordinary base64 (images, hashes) alone', () => {
    const noise = `img = "${Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 37) % 256)).toString('base64')}"`;
    expect(detect(compiled, Buffer.from(noise), 'x', { decodeDepth: 2 })).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { testRule } from '../helpers/rules.js';
import { compileRules } from '../../src/detect/compile.js';
import { detect } from '../../src/detect/engine.js';
import type { RuleSpec } from '../../src/model/rule.js';
import { fakeGithubToken, randomString } from '../helpers/tokens.js';


// A random value with a digit: what the generic rules report (made here so nothing secret-shaped is committed).
const randomValue = `Hq3${randomString(9)}`;
const scan = (specs: RuleSpec[], text: string, path = 'file.txt') => detect(compileRules(specs), Buffer.from(text), path);

describe('detect', () => {
  const token = `dmo_${randomString(24)}`;
  const demo = testRule({ id: 'demo', pattern: '\\b(dmo_[A-Za-z0-9]{24})\\b', keywords: ['dmo_'] });

  it('reports the secret group with its position and line', () => {
    const [finding, ...rest] = scan([demo], `line one\n  key: "${token}"\n`);
    expect(rest).toHaveLength(0);
    expect(finding).toMatchObject({ ruleId: 'demo', secret: token, startLine: 2, startColumn: 9, endLine: 2, endColumn: 9 + token.length, lineText: `  key: "${token}"` });
  });

  it('finds every occurrence', () => {
    expect(scan([demo], `${token} ${token}\n${token}`)).toHaveLength(3);
  });

  it('skips rules whose keywords are absent (the keyword gate decides, not the pattern)', () => {
    const gated = testRule({ id: 'gated', pattern: '(tok_[a-z0-9]{8})', keywords: ['never-present'], filters: [] });
    expect(scan([gated], 'tok_a1b2c3d4')).toHaveLength(0);
    const ungated = testRule({ id: 'ungated', pattern: '(tok_[a-z0-9]{8})', filters: [] });
    expect(scan([ungated], 'tok_a1b2c3d4')).toHaveLength(1);
  });

  it('matches keywords case-insensitively', () => {
    const upper = testRule({ id: 'upper', pattern: '(DMO_[A-Z0-9]{8})', keywords: ['dmo_'], filters: [] });
    expect(scan([upper], 'DMO_A1B2C3D4')).toHaveLength(1);
  });

  it('works across many RE2 Sets (more rules than one Set holds)', () => {
    const many = Array.from({ length: 100 }, (_, i) => testRule({ id: `r${i}`, pattern: `(r${i}x_[a-z0-9]{10})\\b`, keywords: [`r${i}x_`], filters: [] }));
    const found = scan(many, 'r7x_a1b2c3d4e5 r77x_f6g7h8i9j0 r99x_k1l2m3n4o5');
    expect(found.map((f) => f.ruleId).sort()).toEqual(['r7', 'r77', 'r99']);
  });

  it("splits a Set whose patterns fit RE2's memory alone but not together", () => {
    // Each of these compiles into an RE2.Set of its own; any two together overflow one.
    const heavy = Array.from({ length: 4 }, (_, i) => testRule({ id: `heavy${i}`, pattern: `k${i}=([\\p{L}\\p{N}]{100})`, keywords: [`k${i}=`], filters: [] }));
    const value = 'a'.repeat(100);
    expect(scan(heavy, `k1=${value}\nk3=${value}\n`).map((f) => [f.ruleId, f.startLine])).toEqual([
      ['heavy1', 1],
      ['heavy3', 2],
    ]);
  });

  it('honours a named secret group', () => {
    const named = testRule({ id: 'named', pattern: 'key=(?P<value>[a-z0-9]{12})', secretGroup: 'value', filters: [] });
    expect(scan([named], 'key=a1b2c3d4e5f6')[0]?.secret).toBe('a1b2c3d4e5f6');
  });

  it('applies entropy, stopwords, allowlist regexes and validators', () => {
    const low = testRule({ id: 'entropy', pattern: 'k=([a-z]{10})', entropy: 2.5, filters: [] });
    expect(scan([low], 'k=aaaaabbbbb')).toHaveLength(0);
    expect(scan([low], 'k=qwhrtzmkvb')).toHaveLength(1);
    const words = testRule({ id: 'stop', pattern: 'k=([a-z]{10})', allowlist: { stopwords: ['TEST'] }, filters: [] });
    expect(scan([words], 'k=qwtestzmkv')).toHaveLength(0);
    const allowed = testRule({ id: 'allow', pattern: 'k=([a-z]{10})', allowlist: { regexes: ['^q'] }, filters: [] });
    expect(scan([allowed], 'k=qwhrtzmkvb')).toHaveLength(0);
    const gh = testRule({ id: 'gh', pattern: '\\b(ghp_[A-Za-z0-9]{36})\\b', keywords: ['ghp_'], validate: 'base62-crc32' });
    const valid = fakeGithubToken();
    expect(scan([gh], valid)).toHaveLength(1);
    expect(scan([gh], `${valid.slice(0, -1)}${valid.endsWith('A') ? 'B' : 'A'}`)).toHaveLength(0);
  });

  it('drops placeholders and template references unless the rule opts out', () => {
    const anyValue = testRule({ id: 'any', pattern: 'api_key = "([^"]{6,})"' });
    expect(scan([anyValue], 'api_key = "your-api-key-here"')).toHaveLength(0);
    expect(scan([anyValue], 'api_key = "${API_KEY}"')).toHaveLength(0);
    expect(scan([anyValue], 'api_key = "xxxxxxxxxxxx"')).toHaveLength(0);
    expect(scan([anyValue], `api_key = "${randomValue}"`)).toHaveLength(1);
    expect(scan([{ ...anyValue, filters: [] }], 'api_key = "your-api-key-here"')).toHaveLength(1);
  });

  it('lets a specific rule win over a generic one on the same span', () => {
    const generic = testRule({ id: 'generic', pattern: 'token\\s*=\\s*"([^"]+)"', keywords: ['token'], tags: ['generic'] });
    const found = scan([generic, demo], `token = "${token}"`);
    expect(found.map((f) => f.ruleId)).toEqual(['demo']);
    expect(scan([generic, demo], `token = "${randomValue}"`).map((f) => f.ruleId)).toEqual(['generic']);
  });

  it('limits rules to their paths', () => {
    const tf = testRule({ id: 'tf', pattern: '(dmo_[A-Za-z0-9]{24})', paths: { include: ['**/*.tf'], exclude: ['**/test/**'] } });
    expect(scan([tf], token, 'infra/main.tf')).toHaveLength(1);
    expect(scan([tf], token, 'infra/main.py')).toHaveLength(0);
    expect(scan([tf], token, 'infra/test/main.tf')).toHaveLength(0);
  });

  it('survives invalid UTF-8 and reports a multi-line secret from its first line', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xc3, 0x0a]), Buffer.from(`x ${token} `), Buffer.from([0xe2, 0x82])]);
    expect(detect(compileRules([demo]), bytes, 'x')[0]).toMatchObject({ startLine: 2, startColumn: 3 });
    const pem = testRule({ id: 'pem', pattern: '(-----BEGIN KEY-----[\\s\\S]{10,200}?-----END KEY-----)', keywords: ['-----begin'], filters: [] });
    const [block] = scan([pem], 'a\n-----BEGIN KEY-----\nQmFzZTY0Ym9keQ==\n-----END KEY-----\n');
    expect(block).toMatchObject({ startLine: 2, startColumn: 1, endLine: 4, endColumn: 18 });
  });
});

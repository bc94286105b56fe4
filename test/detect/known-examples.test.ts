import { describe, expect, it } from 'vitest';
import { compileRules } from '../../src/detect/compile.js';
import { detect } from '../../src/detect/engine.js';
import { isKnownExample } from '../../src/detect/known-examples.js';
import { defaultPackFiles } from '../../src/rules/pack-files.js';
import { loadPacks } from '../../src/rules/rule-pack.js';
import { randomString } from '../helpers/tokens.js';

const b64 = (text: string) => Buffer.from(text).toString('base64');
// Published examples, assembled so this file holds no token-shaped literal.
const j = (...parts: string[]) => parts.join('');

describe('isKnownExample', () => {
  it('knows RFC and vendor example values', () => {
    for (const value of [j('2YotnFZFEj', 'r1zCsicMWpAA'), j('mF_9.B5f', '-4.1JqM'), j('kd94hf93', 'k423kf44'), j('7Fjfp0ZBr1', 'KtDRbnfVdmIw'), j('pk_test_', 'TYooMQauvdEDq54NiTphI7jx')]) {
      expect(isKnownExample(value, () => ''), value).toBe(true);
    }
  });

  it('knows textbook user:password pairs as Basic credentials and in URLs, and only as that pair', () => {
    for (const pair of ['user:pass', 'test:test', 'username:password', 'admin:admin', 'scott:tiger', 'Aladdin:open sesame']) expect(isKnownExample(b64(pair), () => ''), pair).toBe(true);
    expect(isKnownExample('tiger', () => 'postgresql://scott:tiger@localhost/test')).toBe(true);
    expect(isKnownExample('tiger', () => 'jdbc:oracle:thin:scott/tiger@db:1521/orcl')).toBe(true);
    // Built, not written out: this repository passes its own scan, and these pairs are not examples.
    const url = (user: string): string => ['postgresql://', user, ':tiger@localhost/test'].join('');
    expect(isKnownExample('tiger', () => url('bigscott'))).toBe(false);
    expect(isKnownExample('tiger', () => url('app'))).toBe(false);
    expect(isKnownExample(b64(`user:${randomString(12)}`), () => '')).toBe(false);
    expect(isKnownExample(randomString(22), () => '')).toBe(false);
  });

  it('keeps the default rules from reporting them, and not real values beside them', async () => {
    const compiled = compileRules(loadPacks(defaultPackFiles()));
    const real = `Qz7${randomString(17)}`;
    const text = [
      'engine = create_engine("postgresql+psycopg2://scott:tiger@localhost:5432/mydatabase")',
      `headers = {"Authorization": "Basic ${b64('user:pass')}"}`,
      `consumer_secret = "${j('kd94hf93', 'k423kf44')}"`,
      `Authorization: Bearer ${j('mF_9.B5f', '-4.1JqM')}`,
      `engine = create_engine("postgresql://app:${real}@db.internal:5432/orders")`,
    ].join('\n');
    const found = detect(compiled, Buffer.from(text), 'app.py');
    expect(found.map((f) => [f.startLine, f.secret])).toEqual([[5, real]]);
  });
});

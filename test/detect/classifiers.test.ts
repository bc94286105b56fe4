import { describe, expect, it } from 'vitest';
import { jwtPublicRole } from '../../src/detect/classifiers.js';
import { compileRules } from '../../src/detect/compile.js';
import { detect } from '../../src/detect/engine.js';
import { parsePack } from '../../src/rules/rule-pack.js';
import { defaultPackFiles } from '../../src/rules/pack-files.js';
import { loadPacks } from '../../src/rules/rule-pack.js';
import { randomString } from '../helpers/tokens.js';

const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (payload: object) => `${part({ alg: 'HS256', typ: 'JWT' })}.${part(payload)}.${randomString(43)}`;

describe('classifiers', () => {
  it('jwt-public-role: a JWT whose role is anon is info; service_role and others keep the rule severity', () => {
    expect(jwtPublicRole(jwt({ iss: 'supabase', role: 'anon' }))).toBe('info');
    expect(jwtPublicRole(jwt({ iss: 'supabase', role: 'service_role' }))).toBeUndefined();
    expect(jwtPublicRole(jwt({ sub: '42' }))).toBeUndefined();
    expect(jwtPublicRole('not.a.jwt')).toBeUndefined();
  });

  it('the default jwt rule reports a Supabase anon key at info, a service_role key at its own severity', () => {
    const compiled = compileRules(loadPacks(defaultPackFiles()));
    const text = `SUPABASE_ANON=${jwt({ iss: 'supabase', ref: randomString(20), role: 'anon' })}\nSUPABASE_SERVICE=${jwt({ iss: 'supabase', ref: randomString(20), role: 'service_role' })}\n`;
    const found = detect(compiled, Buffer.from(text), 'app.env').filter((f) => f.ruleId === 'jwt');
    expect(found.map((f) => [f.startLine, f.severity])).toEqual([[1, 'info'], [2, 'medium']]);
  });

  it('a pack naming an unknown classifier is refused, naming the file, line and rule', () => {
    const pack = 'rules:\n  - id: demo\n    description: d\n    pattern: "dmo_[a-z]{8}"\n    classify: no-such-classifier\n    examples: ["dmo_abcdefgh"]\n    negatives: []\n';
    expect(() => parsePack('pack.yaml', pack)).toThrow(/pack\.yaml:5.*rule demo: classify names no known classifier/);
  });
});

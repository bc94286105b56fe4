import { describe, expect, it } from 'vitest';
import type { VerifySpec } from '../../src/verify/verify-spec.js';
import { findCompanions } from '../../src/verify/companions.js';
import { randomString } from '../helpers/tokens.js';

const HEX = '0123456789abcdef';
const spec: VerifySpec = {
  with: { sid: { pattern: '\\b(AC[0-9a-f]{32})\\b' }, region: { pattern: 'region=([a-z0-9-]+)' } },
  request: { method: 'GET', url: 'https://api.example.com/{{ sid }}' },
  valid: { status: [200] },
};

describe('findCompanions', () => {
  it('finds each companion near the secret; the nearest match wins', () => {
    const far = `AC${randomString(32, HEX)}`;
    const near = `AC${randomString(32, HEX)}`;
    const secret = randomString(32, HEX);
    const content = `sid=${far}\n${'x\n'.repeat(50)}sid=${near}\ntoken=${secret}\nregion=eu-west-1\n`;
    expect(findCompanions(spec, content, content.indexOf(secret))).toEqual({ sid: near, region: 'eu-west-1' });
  });

  it('leaves out a companion that is not there, or too far away', () => {
    const secret = randomString(32, HEX);
    const content = `sid=AC${randomString(32, HEX)}${' '.repeat(40_000)}token=${secret}`;
    expect(findCompanions(spec, content, content.indexOf(secret))).toEqual({});
  });

  it('does not take the secret itself as its companion', () => {
    const own: VerifySpec = { ...spec, with: { other: { pattern: '\\b[0-9a-f]{32}\\b' } } };
    const secret = randomString(32, HEX);
    const other = randomString(32, HEX);
    expect(findCompanions(own, `a=${secret}`, 2)).toEqual({});
    expect(findCompanions(own, `a=${secret} b=${other}`, 2)).toEqual({ other });
  });
});

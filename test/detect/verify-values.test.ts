import { describe, expect, it } from 'vitest';
import { compileRules } from '../../src/detect/compile.js';
import { detect } from '../../src/detect/engine.js';
import type { RuleSpec } from '../../src/model/rule.js';
import { testRule } from '../helpers/rules.js';
import { randomString } from '../helpers/tokens.js';

const HEX = '0123456789abcdef';
const rule: RuleSpec = testRule({
  id: 'paired',
  pattern: '\\b(?P<id>pid_[0-9a-f]{8}):(psk_[A-Za-z0-9]{24})\\b',
  secretGroup: 2,
  keywords: ['psk_'],
  verify: {
    with: { region: { pattern: 'region=([a-z]+-[a-z]+-[0-9])' } },
    request: { method: 'GET', url: 'https://{{ region }}.example.com/{{ id }}' },
    hosts: ['*.example.com'],
    valid: { status: [200] },
  },
});

describe('verify values', () => {
  const id = `pid_${randomString(8, HEX)}`;
  const secret = `psk_${randomString(24)}`;
  const text = `region=eu-west-1\nsome code\n\r\nkey = "${id}:${secret}"\n`;

  it('are attached only when a run verifies: named groups and companions near the secret', () => {
    const compiled = compileRules([rule]);
    const [plain] = detect(compiled, Buffer.from(text), 'a.txt');
    expect(plain?.secret).toBe(secret);
    expect(plain?.verifyValues).toBeUndefined();
    const [valued] = detect(compiled, Buffer.from(text), 'a.txt', { verifyValues: true });
    expect(valued?.verifyValues).toEqual({ id, region: 'eu-west-1' });
    // Everything else is what detection found anyway.
    const { verifyValues: _, ...rest } = valued as NonNullable<typeof valued>;
    expect(rest).toEqual(plain);
  });

  it('leave out a companion not found; a rule without verify: gets none', () => {
    const [valued] = detect(compileRules([rule]), Buffer.from(`key = "${id}:${secret}"`), 'a.txt', { verifyValues: true });
    expect(valued?.verifyValues).toEqual({ id });
    const { verify: _, ...noVerify } = rule;
    const [plain] = detect(compileRules([noVerify]), Buffer.from(text), 'a.txt', { verifyValues: true });
    expect(plain?.verifyValues).toBeUndefined();
  });

  it('take the groups of the match that holds this secret, when the same line holds two', () => {
    const other = `pid_${randomString(8, HEX)}`;
    const second = `psk_${randomString(24)}`;
    const found = detect(compileRules([rule]), Buffer.from(`a=${id}:${secret} b=${other}:${second}`), 'a.txt', { verifyValues: true });
    expect(found.map((finding) => [finding.secret, finding.verifyValues?.id])).toEqual([
      [secret, id],
      [second, other],
    ]);
  });
});

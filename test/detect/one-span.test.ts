import { describe, expect, it } from 'vitest';
import { compileRules } from '../../src/detect/compile.js';
import { detect } from '../../src/detect/engine.js';
import { oneFindingPerSpan, type SpanClaim } from '../../src/detect/one-span.js';
import type { RuleSpec } from '../../src/model/rule.js';
import { testRule } from '../helpers/rules.js';
import { randomString } from '../helpers/tokens.js';

const claim = (fields: Partial<SpanClaim> & Pick<SpanClaim, 'start' | 'end' | 'order'>): SpanClaim => ({ generic: false, severity: 'high', secret: `s${fields.start}-${fields.end}`, ...fields });
const kept = (claims: SpanClaim[]) => oneFindingPerSpan(claims).map((c) => c.order);

describe('oneFindingPerSpan', () => {
  it('keeps a specific rule over a generic one on an overlapping span, whatever their severities and lengths', () => {
    expect(kept([claim({ start: 0, end: 40, order: 0, generic: true, severity: 'critical' }), claim({ start: 5, end: 20, order: 1, severity: 'low' })])).toEqual([1]);
  });

  it('between specific rules: higher severity, then the longer secret, then the rule listed first', () => {
    expect(kept([claim({ start: 0, end: 30, order: 0, severity: 'medium' }), claim({ start: 0, end: 10, order: 1, severity: 'critical' })])).toEqual([1]);
    expect(kept([claim({ start: 0, end: 10, order: 0 }), claim({ start: 2, end: 30, order: 1 })])).toEqual([1]);
    expect(kept([claim({ start: 0, end: 10, order: 3 }), claim({ start: 0, end: 10, order: 1 })])).toEqual([1]);
  });

  it('keeps spans that do not overlap, and the far ends of a chain', () => {
    // 0 overlaps 1, 1 overlaps 2, 0 and 2 apart: the strongest (0, longest) costs 1 its place, 2 stays.
    expect(kept([claim({ start: 0, end: 20, order: 0 }), claim({ start: 15, end: 30, order: 1 }), claim({ start: 25, end: 35, order: 2 })])).toEqual([0, 2]);
    expect(kept([claim({ start: 0, end: 10, order: 0 }), claim({ start: 10, end: 20, order: 1 })])).toEqual([0, 1]);
  });

  it('drops a generic claim on a value a specific rule matched elsewhere in the content', () => {
    expect(kept([claim({ start: 0, end: 10, order: 0, secret: 'v' }), claim({ start: 50, end: 60, order: 1, generic: true, secret: 'v' })])).toEqual([0]);
  });

  it('does not depend on the order claims come in', () => {
    const claims = [
      claim({ start: 0, end: 20, order: 4, generic: true }),
      claim({ start: 3, end: 12, order: 2, severity: 'medium' }),
      claim({ start: 5, end: 25, order: 1, severity: 'medium' }),
      claim({ start: 30, end: 40, order: 3 }),
      claim({ start: 35, end: 50, order: 0, generic: true }),
    ];
    const expected = kept(claims);
    for (let i = 0; i < 20; i++) expect(kept([...claims].sort(() => Math.random() - 0.5))).toEqual(expected);
  });
});

describe('detect: one span, one finding', () => {
  const value = `aB3${randomString(21)}`;
  const scan = (specs: RuleSpec[], text: string) => detect(compileRules(specs), Buffer.from(text), 'app.env').map((f) => f.ruleId);
  const generic = testRule({ id: 'generic-token', pattern: '(?i)token\\s*=\\s*([A-Za-z0-9]{8,})', keywords: ['token'], tags: ['generic'], severity: 'medium', filters: [] });
  const low = testRule({ id: 'vendor-low', pattern: '(aB3[A-Za-z0-9]{21})', keywords: ['ab3'], severity: 'low', filters: [] });
  const high = testRule({ id: 'vendor-high', pattern: 'TOKEN=(aB3[A-Za-z0-9]{21})', keywords: ['token='], severity: 'high', filters: [] });

  it('reports the specific rule, not the generic one, and the more severe of two specific ones', () => {
    expect(scan([generic, low], `TOKEN=${value}\n`)).toEqual(['vendor-low']);
    expect(scan([generic, low, high], `TOKEN=${value}\n`)).toEqual(['vendor-high']);
  });

  it('the generic rule does not report the value a specific rule matched on another line', () => {
    expect(scan([generic, high], `TOKEN=${value}\nmirror token = ${value}\n`)).toEqual(['vendor-high']);
    expect(scan([generic, high], `TOKEN=${value}\nmirror token = ${value}0\n`)).toEqual(['vendor-high', 'generic-token']);
  });

  it('windowed and whole-buffer matching agree', () => {
    const text = `TOKEN=${value}\nother token = ${randomString(12)}9\n${value}\n`;
    const compiled = compileRules([generic, low, high]);
    const windowed = detect(compiled, Buffer.from(text), 'a.env');
    const whole = detect(compiled, Buffer.from(text), 'a.env', { windowed: false });
    expect(windowed).toEqual(whole);
    expect(windowed.map((f) => f.ruleId)).toEqual(['vendor-high', 'generic-token', 'vendor-low']);
  });
});

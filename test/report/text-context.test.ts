import { describe, expect, it } from 'vitest';
import { clipContext, formatText } from '../../src/report/text.js';
import { demoFinding, OPTIONS, reportOf } from './report-fixtures.js';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('the context a text report quotes', () => {
  it('is the whole line when it is short', () => {
    expect(clipContext('const key = "dmo_****";', 'dmo_****')).toBe('const key = "dmo_****";');
  });

  it('is about 160 characters around the secret of a minified line, marked where cut', () => {
    const line = `${'a=1;'.repeat(1000)}k="dmo_****";${'b=2;'.repeat(1000)}`;
    const clipped = clipContext(line, 'dmo_****');
    expect(clipped).toContain('k="dmo_****";');
    expect(clipped.startsWith('…') && clipped.endsWith('…')).toBe(true);
    expect(clipped.length).toBeLessThanOrEqual(162);
  });

  it('keeps the start of a line whose secret is near it, and never splits a character', () => {
    const line = `k="dmo_****" ${'😀'.repeat(500)}`;
    const clipped = clipContext(line, 'dmo_****');
    expect(clipped.startsWith('k="dmo_****"')).toBe(true);
    expect(clipped).not.toMatch(LONE_SURROGATE);
    const before = clipContext(`${'😀'.repeat(500)} k="dmo_****"`, 'dmo_****');
    expect(before.endsWith('k="dmo_****"')).toBe(true);
    expect(before).not.toMatch(LONE_SURROGATE);
  });

  it('keeps a finding in a 50,000-character line to a few lines of report', () => {
    const base = demoFinding();
    const finding = { ...base, lineText: `${'x=1;'.repeat(6000)}${base.lineText}${'y=2;'.repeat(6000)}` };
    const text = formatText(reportOf([finding]), OPTIONS);
    expect(text.length).toBeLessThan(1000);
    expect(text).toContain(base.secret.slice(0, 4));
    expect(text).not.toContain(base.secret);
  });
});

import { describe, expect, it } from 'vitest';
import { formatJunit, xmlEscape } from '../../src/report/junit.js';
import { demoFinding, OPTIONS, reportOf } from './report-fixtures.js';

const RULES = [
  { id: 'demo-token', description: 'Demo service token', severity: 'high' as const, tags: [], references: [] },
  { id: 'quiet-rule', description: 'Quiet', severity: 'low' as const, tags: [], references: [] },
];

describe('JUnit format', () => {
  it('has one test case per rule, failing with every finding of that rule, and no secret', () => {
    const findings = [demoFinding(), demoFinding({ path: 'b.env', startLine: 9 })];
    const xml = formatJunit(reportOf(findings), { ...OPTIONS, rules: RULES });
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="secretsift" tests="2" failures="1"/);
    expect(xml).toContain('<testcase classname="secretsift" name="quiet-rule" time=');
    expect(xml).toContain('<failure message="2 secrets found (Demo service token)" type="demo-token">');
    expect(xml).toContain('src/app.js:3:10 Demo service token: dmo_****(28)');
    expect(xml).toContain('b.env:9:10');
    for (const finding of findings) expect(xml).not.toContain(finding.secret);
    expect(formatJunit(reportOf(findings), { ...OPTIONS, showSecrets: true })).toContain(findings[0]!.secret);
  });

  it('passes with one test case when nothing was found', () => {
    const xml = formatJunit(reportOf([]), OPTIONS);
    expect(xml).toContain('tests="1" failures="0"');
    expect(xml).toContain('name="no secrets found"');
  });

  it('escapes markup and characters XML cannot carry', () => {
    expect(xmlEscape('<a href="x">&\'\u0001')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;\\u0001');
    const xml = formatJunit(reportOf([demoFinding({ path: 'we<ird>&"\u0007.env' })]), OPTIONS);
    expect(xml).toContain('we&lt;ird&gt;&amp;&quot;\\u0007.env');
    expect(xml).not.toContain('\u0007');
  });
});

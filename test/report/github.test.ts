import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, formatGithub } from '../../src/report/github.js';
import { demoFinding, OPTIONS, reportOf } from './report-fixtures.js';

describe('GitHub Actions format', () => {
  it('prints one workflow command per finding, redacted', () => {
    const finding = demoFinding();
    const out = formatGithub(reportOf([finding, demoFinding({ severity: 'medium' }), demoFinding({ severity: 'info' })]), OPTIONS);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toBe(
      `::error file=src/app.js,line=3,col=10,endLine=3,endColumn=${finding.endColumn},title=secretsift%3A demo-token::Demo service token: dmo_****(28). Revoke it, then remove it from the code.`,
    );
    expect(lines.map((line) => line.split(' ')[0])).toEqual(['::error', '::warning', '::notice']);
    expect(out).not.toContain(finding.secret);
    expect(formatGithub(reportOf([finding]), { ...OPTIONS, showSecrets: true })).toContain(finding.secret);
    expect(formatGithub(reportOf([]), OPTIONS)).toBe('');
  });

  it('escapes scanned paths so they cannot end the command or inject another', () => {
    expect(escapeData('50%\r\n::error::x')).toBe('50%25%0D%0A::error::x');
    expect(escapeProperty('a,b:c')).toBe('a%2Cb%3Ac');
    const out = formatGithub(reportOf([demoFinding({ path: 'x,line=1\n::warning file=evil::pwned' })]), OPTIONS);
    expect(out.trimEnd().split('\n')).toHaveLength(1);
    expect(out).toContain('file=x%2Cline=1%0A%3A%3Awarning file=evil%3A%3Apwned,line=3');
  });
});

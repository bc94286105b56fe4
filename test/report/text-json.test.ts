import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/model/finding.js';
import { formatJson } from '../../src/report/json.js';
import type { Report, ReportOptions } from '../../src/report/report.js';
import { formatText } from '../../src/report/text.js';
import { emptyStats } from '../../src/model/scan-stats.js';
import { newSalt, saltedFingerprints, unsaltedFingerprint } from '../../src/suppress/fingerprint.js';
import { randomString } from '../helpers/tokens.js';

const secret = `dmo_${randomString(24)}`;
const finding: Finding = {
  ruleId: 'demo-token',
  description: 'Demo token',
  severity: 'high',
  tags: ['demo'],
  path: 'src/app.js',
  startLine: 3,
  startColumn: 15,
  endLine: 3,
  endColumn: 15 + secret.length,
  secret,
  lineText: `const token = "${secret}";`,
  entropy: 4.5,
};
const report: Report = { findings: [finding], suppressed: [{ finding: { ...finding, path: 'b.js' }, reason: 'inline' }], stats: { ...emptyStats(), files: 2, bytes: 2048 }, errors: [] };
const options: ReportOptions = { showSecrets: false, color: false, quiet: false, showSuppressed: false, toolVersion: '9.9.9' };

describe('text report', () => {
  it('shows rule, location and the redacted line, then a summary', () => {
    const text = formatText(report, options);
    expect(text).toContain('demo-token');
    expect(text).toContain('src/app.js:3:15');
    expect(text).toContain('const token = "dmo_****(28)";');
    expect(text).toMatch(/1 leak found · 2 files \(2\.0 KB\) scanned/);
    expect(text).not.toContain(secret);
    expect(text).not.toContain('b.js');
  });

  it('lists suppressed findings on request and prints no summary when quiet', () => {
    expect(formatText(report, { ...options, showSuppressed: true })).toContain('(suppressed: inline)');
    expect(formatText(report, { ...options, quiet: true })).not.toMatch(/scanned/);
  });
});

describe('JSON report', () => {
  it('is versioned, redacted by default, and complete with --show-secrets', () => {
    const document = JSON.parse(formatJson(report, options));
    expect(document).toMatchObject({ version: 2, tool: { name: 'secretsift', version: '9.9.9' }, stats: { findings: 1, files: 2, suppressed: { inline: 0 } } });
    expect(document.findings[0]).toMatchObject({ secret: 'dmo_****(28)', redacted: true, secretLength: 28, startLine: 3, endColumn: 43 });
    expect(JSON.stringify(document)).not.toContain(secret);
    expect(JSON.parse(formatJson(report, { ...options, showSecrets: true })).findings[0].secret).toBe(secret);
  });

  it('is byte-identical for the same input (no timestamps or durations)', () => {
    const later = { ...report, stats: { ...report.stats, durationMs: 999 } };
    expect(formatJson(later, options)).toBe(formatJson(report, options));
  });

  it('fingerprints with the salt of the baseline applied, and not at all without one: never a plain hash', () => {
    const salt = newSalt();
    const fingerprints = (input: Report): (string | undefined)[] => {
      const document = JSON.parse(formatJson(input, { ...options, showSuppressed: true })) as { findings: { fingerprint?: string }[]; suppressed: { fingerprint?: string }[] };
      return [...document.findings, ...document.suppressed].map((entry) => entry.fingerprint);
    };
    const keyed = saltedFingerprints(salt)('demo-token', secret);
    expect(fingerprints({ ...report, fingerprintKey: salt })).toEqual([keyed, keyed]);
    expect(fingerprints(report)).toEqual([undefined, undefined]);
    expect(keyed).not.toBe(unsaltedFingerprint('demo-token', secret));
  });
});

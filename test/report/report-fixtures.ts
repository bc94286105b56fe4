import type { Finding } from '../../src/model/finding.js';
import type { Report, ReportOptions } from '../../src/report/report.js';
import { emptyStats } from '../../src/model/scan-stats.js';
import { fakeDemoToken } from '../helpers/tokens.js';

/** A finding as detection would make it, with a freshly generated fake secret. */
export function demoFinding(overrides: Partial<Finding> = {}): Finding {
  const secret = overrides.secret ?? fakeDemoToken();
  return {
    ruleId: 'demo-token',
    description: 'Demo service token',
    severity: 'high',
    tags: ['demo'],
    path: 'src/app.js',
    startLine: 3,
    startColumn: 10,
    endLine: 3,
    endColumn: 10 + secret.length,
    secret,
    lineText: `TOKEN = "${secret}"`,
    entropy: 4.2,
    lineHash: '4ca8ba332aea4442:1',
    ...overrides,
  };
}

export function reportOf(findings: Finding[], extra: Partial<Report> = {}): Report {
  return { findings, suppressed: [], stats: { ...emptyStats(), files: 3, bytes: 300, durationMs: 12 }, errors: [], ...extra };
}

export const OPTIONS: ReportOptions = { showSecrets: false, color: false, quiet: false, showSuppressed: false, toolVersion: '1.2.3' };

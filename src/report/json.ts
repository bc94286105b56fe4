import type { Finding } from '../detect/finding.js';
import { redact, redactLine } from './redact.js';
import type { Formatter, ReportOptions } from './report.js';

/** Bump when a field changes meaning or disappears; adding fields keeps the version. */
export const JSON_REPORT_VERSION = 1;

function findingJson(finding: Finding, options: ReportOptions): Record<string, unknown> {
  const shown = options.showSecrets ? finding.secret : redact(finding.secret);
  return {
    ruleId: finding.ruleId,
    description: finding.description,
    severity: finding.severity,
    tags: finding.tags,
    path: finding.path,
    startLine: finding.startLine,
    startColumn: finding.startColumn,
    endLine: finding.endLine,
    endColumn: finding.endColumn,
    secret: shown,
    redacted: !options.showSecrets,
    secretLength: [...finding.secret].length,
    line: options.showSecrets ? finding.lineText : redactLine(finding.lineText, finding.secret, shown),
    entropy: finding.entropy,
    fingerprint: finding.fingerprint,
    ...(finding.commit && { commit: finding.commit }),
  };
}

export const formatJson: Formatter = (report, options) => {
  const document = {
    version: JSON_REPORT_VERSION,
    tool: { name: 'secretsift', version: options.toolVersion },
    findings: report.findings.map((finding) => findingJson(finding, options)),
    ...(options.showSuppressed && {
      suppressed: report.suppressed.map(({ finding, reason }) => ({ reason, ...findingJson(finding, options) })),
    }),
    stats: {
      findings: report.findings.length,
      files: report.stats.files,
      bytes: report.stats.bytes,
      skipped: report.stats.skipped,
      suppressed: report.stats.suppressed,
      errors: report.errors.length,
    },
    errors: report.errors,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
};

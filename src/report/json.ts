import type { CommitInfo, Finding } from '../detect/finding.js';
import { redaction, type Redaction } from './redact.js';
import type { Formatter, ReportOptions } from './report.js';

/** Bump when a field changes meaning or disappears; adding fields keeps the version. */
export const JSON_REPORT_VERSION = 1;

/** A commit message may quote a secret. */
function maskedCommit(commit: CommitInfo, shown: Redaction): CommitInfo {
  return { ...commit, author: shown.text(commit.author), message: shown.text(commit.message) };
}

function findingJson(finding: Finding, options: ReportOptions, shown: Redaction): Record<string, unknown> {
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
    secret: shown.secret(finding),
    redacted: !options.showSecrets,
    secretLength: [...finding.secret].length,
    line: shown.line(finding),
    entropy: finding.entropy,
    fingerprint: finding.fingerprint,
    ...(finding.decoded && { decoding: finding.decoded.chain }),
    ...(finding.commit && { commit: maskedCommit(finding.commit, shown) }),
    ...(finding.exposure && { exposure: finding.exposure }),
    ...(finding.locations && {
      locationCount: finding.locations.length,
      locations: finding.locations.map((location) => (location.commit ? { ...location, commit: maskedCommit(location.commit, shown) } : location)),
    }),
  };
}

export const formatJson: Formatter = (report, options) => {
  const shown = redaction(report, options.showSecrets);
  const document = {
    version: JSON_REPORT_VERSION,
    tool: { name: 'secretsift', version: options.toolVersion },
    findings: report.findings.map((finding) => findingJson(finding, options, shown)),
    ...(options.showSuppressed && {
      suppressed: report.suppressed.map(({ finding, reason }) => ({ reason, ...findingJson(finding, options, shown) })),
    }),
    stats: {
      findings: report.findings.length,
      files: report.stats.files,
      ...(report.stats.commits !== undefined && { commits: report.stats.commits }),
      bytes: report.stats.bytes,
      skipped: report.stats.skipped,
      suppressed: report.stats.suppressed,
      errors: report.errors.length,
    },
    errors: report.errors,
    ...(report.warnings?.length ? { warnings: report.warnings } : {}),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
};

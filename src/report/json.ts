import type { CommitInfo, Finding } from '../detect/finding.js';
import { NO_MASK, redact, redactedLine, reportMask, type SecretMask } from './redact.js';
import type { Formatter, ReportOptions } from './report.js';

/** Bump when a field changes meaning or disappears; adding fields keeps the version. */
export const JSON_REPORT_VERSION = 1;

/** A commit message may quote a secret. */
function maskedCommit(commit: CommitInfo, mask: SecretMask): CommitInfo {
  return { ...commit, author: mask(commit.author), message: mask(commit.message) };
}

function findingJson(finding: Finding, options: ReportOptions, mask: SecretMask): Record<string, unknown> {
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
    line: options.showSecrets ? finding.lineText : redactedLine(finding, shown, mask),
    entropy: finding.entropy,
    fingerprint: finding.fingerprint,
    ...(finding.decoded && { decoding: finding.decoded.chain }),
    ...(finding.commit && { commit: maskedCommit(finding.commit, mask) }),
    ...(finding.exposure && { exposure: finding.exposure }),
    ...(finding.locations && {
      locationCount: finding.locations.length,
      locations: finding.locations.map((location) => (location.commit ? { ...location, commit: maskedCommit(location.commit, mask) } : location)),
    }),
  };
}

export const formatJson: Formatter = (report, options) => {
  const mask = options.showSecrets ? NO_MASK : reportMask(report);
  const document = {
    version: JSON_REPORT_VERSION,
    tool: { name: 'secretsift', version: options.toolVersion },
    findings: report.findings.map((finding) => findingJson(finding, options, mask)),
    ...(options.showSuppressed && {
      suppressed: report.suppressed.map(({ finding, reason }) => ({ reason, ...findingJson(finding, options, mask) })),
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

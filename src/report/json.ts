import { foundIn, type CommitInfo, type Exposure, type Finding, type FindingLocation } from '../model/finding.js';
import { findingContext, locationContext } from '../detect/path-context.js';
import { DEFAULT_FAIL_ON } from '../model/defaults.js';
import type { Fingerprinter } from '../suppress/fingerprint.js';
import { redaction, type Redaction } from './redact.js';
import { isFailing, maskedError, reportFingerprints, type Formatter, type ReportOptions } from './report.js';

/**
 * Bump when a field changes meaning or disappears; adding fields keeps the version. 2: `fingerprint`
 * is keyed with the applied baseline's salt, and absent when no baseline applies (see
 * Report.fingerprintKey); it was a plain SHA-256 of rule and secret.
 */
export const JSON_REPORT_VERSION = 2;

/** A commit's message and its author's name and email may hold a secret. */
function maskedCommit(commit: CommitInfo, shown: Redaction): CommitInfo {
  return { ...commit, author: shown.text(commit.author), email: shown.text(commit.email), message: shown.message(commit.message) };
}

/** So may a path (a token in a file name). */
function maskedLocation(location: FindingLocation, shown: Redaction): FindingLocation & { context?: string } {
  const context = locationContext(location);
  return { ...location, path: shown.text(location.path), ...(location.commit && { commit: maskedCommit(location.commit, shown) }), ...(context && { context }) };
}

/** And a ref name. */
function maskedExposure(exposure: Exposure, shown: Redaction): Exposure {
  return { ...exposure, refs: exposure.refs.map((ref) => shown.text(ref)) };
}

function findingJson(finding: Finding, options: ReportOptions, shown: Redaction, fingerprint: Fingerprinter | undefined): Record<string, unknown> {
  const context = findingContext(finding);
  return {
    ruleId: finding.ruleId,
    description: finding.description,
    severity: finding.severity,
    ...(!isFailing(finding, options) && { belowFailOn: true }),
    tags: finding.tags,
    path: shown.text(finding.path),
    foundIn: foundIn(finding),
    ...(context && { context }),
    startLine: finding.startLine,
    startColumn: finding.startColumn,
    endLine: finding.endLine,
    endColumn: finding.endColumn,
    secret: shown.secret(finding),
    redacted: !options.showSecrets,
    secretLength: [...finding.secret].length,
    line: shown.line(finding),
    entropy: finding.entropy,
    ...(fingerprint && { fingerprint: fingerprint(finding.ruleId, finding.secret) }),
    ...(finding.decoded && { decoding: finding.decoded.chain }),
    ...(finding.commit && { commit: maskedCommit(finding.commit, shown) }),
    ...(finding.exposure && { exposure: maskedExposure(finding.exposure, shown) }),
    ...(finding.verification && { verification: finding.verification }),
    ...(finding.locations && {
      locationCount: finding.locations.length,
      locations: finding.locations.map((location) => maskedLocation(location, shown)),
    }),
  };
}

export const formatJson: Formatter = (report, options) => {
  const shown = redaction(report, options.showSecrets);
  const fingerprint = reportFingerprints(report);
  const document = {
    version: JSON_REPORT_VERSION,
    tool: { name: 'secretsift', version: options.toolVersion },
    failOn: options.failOn ?? DEFAULT_FAIL_ON,
    findings: report.findings.map((finding) => findingJson(finding, options, shown, fingerprint)),
    ...(options.showSuppressed && {
      suppressed: report.suppressed.map(({ finding, reason }) => ({ reason, ...findingJson(finding, options, shown, fingerprint) })),
    }),
    stats: {
      findings: report.findings.length,
      failing: report.findings.filter((finding) => isFailing(finding, options)).length,
      files: report.stats.files,
      ...(report.stats.commits !== undefined && { commits: report.stats.commits }),
      bytes: report.stats.bytes,
      skipped: report.stats.skipped,
      suppressed: report.stats.suppressed,
      errors: report.errors.length,
    },
    errors: report.errors.map((error) => maskedError(error, shown)),
    ...(report.warnings?.length ? { warnings: report.warnings.map((warning) => maskedError(warning, shown)) } : {}),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
};

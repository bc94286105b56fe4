import type { NameKind, Finding, FindingLocation, Verification } from '../model/finding.js';
import { SKIP_REASONS, type SkipReason } from '../model/content.js';
import type { Severity } from '../model/rule.js';
import type { Suppressed, SuppressionReason } from '../model/suppression.js';
import { JSON_REPORT_VERSION } from './json.js';
import { withFailOn, type FindingRecord, type LocationRecord, type MergedReport } from './merge-reports.js';
import { isFailing, type Report } from './report.js';
import { runJson } from './run-identity.js';

/**
 * A merged report rendered. JSON is written from the records as the shards printed them, so it
 * reads as one run's report; the other formats get findings rebuilt from those records, whose
 * secrets and lines are already shown as they should be (masked, unless the reports were made
 * with --show-secrets and the merge was asked to show them): format them with showSecrets on.
 */

export function mergedJson(merged: MergedReport, options: { failOn: Severity; showSuppressed: boolean }): string {
  const findings = merged.findings.map((finding) => withFailOn(finding, options.failOn));
  const document = {
    version: JSON_REPORT_VERSION,
    tool: { name: 'secretsift', version: merged.toolVersion },
    ...runJson({ kind: merged.kind, target: merged.target, ...(merged.snapshot !== undefined && { snapshot: merged.snapshot }), ruleSet: merged.ruleSet }),
    failOn: options.failOn,
    findings,
    ...(options.showSuppressed && { suppressed: (merged.suppressed ?? []).map((finding) => withFailOn(finding, options.failOn)) }),
    stats: {
      findings: findings.length,
      failing: findings.filter((finding) => isFailing(finding, options)).length,
      files: merged.stats.files,
      ...(merged.stats.commits !== undefined && { commits: merged.stats.commits }),
      bytes: merged.stats.bytes,
      skipped: merged.stats.skipped,
      suppressed: merged.stats.suppressed,
      errors: merged.errors.length,
    },
    errors: merged.errors,
    ...(merged.warnings.length > 0 && { warnings: merged.warnings }),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

function num(value: unknown): number {
  return typeof value === 'number' ? value : 0;
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function commitOf(value: unknown): Finding['commit'] {
  if (typeof value !== 'object' || value === null) return undefined;
  const commit = value as Record<string, unknown>;
  return { sha: str(commit.sha), author: str(commit.author), email: str(commit.email), date: str(commit.date), message: str(commit.message) };
}

function locationOf(record: LocationRecord): FindingLocation {
  const commit = commitOf(record.commit);
  return {
    path: record.path,
    startLine: record.startLine,
    startColumn: record.startColumn,
    endLine: num(record.endLine),
    endColumn: num(record.endColumn),
    blob: record.blob,
    ...(commit && { commit }),
  };
}

/** What a shard's provider said of the secret (`--verify`), if the record holds a well-formed answer. */
export function verificationOf(value: unknown): Verification | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { status, reason, checkedAt } = value as Record<string, unknown>;
  if ((status !== 'valid' && status !== 'invalid' && status !== 'unknown') || typeof checkedAt !== 'string') return undefined;
  return { status, checkedAt, ...(typeof reason === 'string' && { reason }) };
}

function findingOf(record: FindingRecord): Finding {
  const commit = commitOf(record.commit);
  const verification = verificationOf(record.verification);
  const chain = Array.isArray(record.decoding) ? record.decoding.map(str) : undefined;
  return {
    ruleId: record.ruleId,
    description: str(record.description),
    severity: record.severity,
    tags: Array.isArray(record.tags) ? record.tags.map(str) : [],
    path: record.path,
    ...(record.foundIn !== 'content' && { foundIn: record.foundIn as NameKind }),
    startLine: record.startLine,
    startColumn: record.startColumn,
    endLine: num(record.endLine),
    endColumn: num(record.endColumn),
    secret: record.secret,
    lineText: str(record.line),
    entropy: num(record.entropy),
    ...(chain && { decoded: { chain, encodedText: '' } }),
    ...(typeof record.lineHash === 'string' && { lineHash: record.lineHash }),
    ...(commit && { commit }),
    ...(record.exposure && { exposure: record.exposure }),
    ...(record.locations && { locations: record.locations.map(locationOf) }),
    ...(verification && { verification }),
  };
}

const REASONS: readonly SuppressionReason[] = ['inline', 'allowlist', 'baseline'];

/** The merged report as the formatters take one. */
export function mergedFindings(merged: MergedReport): Report {
  const skipped = Object.fromEntries(SKIP_REASONS.map((reason) => [reason, merged.stats.skipped[reason] ?? 0])) as Record<SkipReason, number>;
  const suppressed: Suppressed[] = (merged.suppressed ?? []).flatMap((record) => {
    const reason = REASONS.find((known) => known === record.reason);
    return reason ? [{ finding: findingOf(record), reason }] : [];
  });
  return {
    findings: merged.findings.map(findingOf),
    suppressed,
    stats: {
      files: merged.stats.files,
      bytes: merged.stats.bytes,
      skipped,
      suppressed: { inline: merged.stats.suppressed.inline ?? 0, allowlist: merged.stats.suppressed.allowlist ?? 0, baseline: merged.stats.suppressed.baseline ?? 0 },
      durationMs: 0,
      ...(merged.stats.commits !== undefined && { commits: merged.stats.commits }),
    },
    errors: merged.errors,
    warnings: merged.warnings,
  };
}

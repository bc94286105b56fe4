import { foundIn, type CommitInfo, type Finding, type FindingLocation, type NameKind } from '../model/finding.js';
import { findingContext } from '../detect/path-context.js';
import type { Severity } from '../model/rule.js';
import { DEFAULT_SARIF_CATEGORY } from '../model/defaults.js';
import type { Fingerprinter } from '../suppress/fingerprint.js';
import type { SuppressionReason } from '../model/suppression.js';
import { redaction, type Redaction } from './redact.js';
import { isFailing, maskedError, reportFingerprints, type Formatter, type Report, type ReportOptions, type RuleMeta } from './report.js';
import { verificationText } from './verification-words.js';
import { ruleHelpMarkdown, ruleHelpText } from './rule-help.js';

/**
 * SARIF 2.1.0 as GitHub code scanning ingests it: one run, every rule described once, results with
 * a relative URI, code-point columns, GitHub's line hash and our own content fingerprint.
 */

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const INFORMATION_URI = 'https://www.npmjs.com/package/secretsift';
/** v2: keyed with the baseline's salt (v1 was an unsalted SHA-256 of rule and secret). */
export const FINGERPRINT_KEY = 'secretsift/v2';
/** GitHub keeps at most this many related locations per result. */
export const MAX_RELATED_LOCATIONS = 1000;
// GitHub ingests at most 10 tags per rule; ours lead.
const MAX_TAGS = 10;

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

// GitHub buckets security-severity: >= 9 critical, 7-8.9 high, 4-6.9 medium, 0.1-3.9 low.
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '1.0',
};

const SUPPRESSION_KIND: Record<SuppressionReason, 'inSource' | 'external'> = {
  inline: 'inSource',
  allowlist: 'external',
  baseline: 'external',
};

/** History findings list every place the secret occurs; the primary location is not repeated. */
function otherLocations(finding: Finding): FindingLocation[] {
  return (finding.locations ?? []).filter(
    (location) =>
      location.path !== finding.path ||
      location.startLine !== finding.startLine ||
      location.startColumn !== finding.startColumn ||
      location.commit?.sha !== finding.commit?.sha,
  );
}

/** A report path as a URI reference: relative paths stay relative, each segment percent-encoded. */
export function artifactUri(filePath: string): string {
  const encode = (segments: string): string => segments.split('/').map(encodeURIComponent).join('/');
  const drive = /^[A-Za-z]:(?=\/)/.exec(filePath)?.[0];
  if (drive) return `file:///${drive}${encode(filePath.slice(drive.length))}`;
  return filePath.startsWith('/') ? `file://${encode(filePath)}` : encode(filePath);
}

function region(start: { startLine: number; startColumn?: number; endLine?: number; endColumn?: number }): Record<string, number> {
  const startLine = Math.max(1, start.startLine);
  const startColumn = Math.max(1, start.startColumn ?? 1);
  const endLine = Math.max(startLine, start.endLine ?? startLine);
  const endColumn = Math.max(1, start.endColumn ?? startColumn + 1);
  return { startLine, startColumn, endLine, endColumn: endLine === startLine ? Math.max(endColumn, startColumn) : endColumn };
}

/** A path may hold a secret (a token in a file name): the URI is made from the masked path. */
function physicalLocation(path: string, where: Parameters<typeof region>[0], shown: Redaction) {
  return { physicalLocation: { artifactLocation: { uri: artifactUri(shown.text(path)) }, region: region(where) } };
}

/** How a result's message says a secret was in a name or message, not in a file's content. */
const FOUND_IN: Record<NameKind, string> = {
  path: ' in a file path',
  'commit-message': ' in a commit message',
  'ref-name': ' in a ref name',
  author: " in a commit's author",
};

/** SARIF wants `name` readable and different from the opaque `id`: "github-pat" becomes "GithubPat". */
export function ruleName(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]?.toUpperCase() + word.slice(1))
    .join('');
}

function ruleDescriptor(rule: RuleMeta) {
  const tags = [...new Set(['security', 'secret', ...rule.tags])].slice(0, MAX_TAGS);
  const reference = rule.references.find((uri) => /^https?:\/\//.test(uri));
  return {
    id: rule.id,
    ...(ruleName(rule.id) !== rule.id && { name: ruleName(rule.id) }),
    shortDescription: { text: rule.description },
    fullDescription: { text: `${rule.description} committed to source code.` },
    ...(reference && { helpUri: reference }),
    help: { text: ruleHelpText(rule), markdown: ruleHelpMarkdown(rule) },
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: { tags, precision: rule.tags.includes('generic') ? 'medium' : 'high', 'security-severity': SECURITY_SEVERITY[rule.severity], severity: rule.severity },
  };
}

/** The rules that ran, then any a finding names that the list lacks (so every ruleIndex resolves). */
function collectRules(report: Report, options: ReportOptions): RuleMeta[] {
  const rules = new Map<string, RuleMeta>();
  for (const rule of options.rules ?? []) if (!rules.has(rule.id)) rules.set(rule.id, rule);
  const findings = [...report.findings, ...report.suppressed.map(({ finding }) => finding)];
  for (const { ruleId, description, severity, tags } of findings) {
    if (!rules.has(ruleId)) rules.set(ruleId, { id: ruleId, description, severity, tags, references: [] });
  }
  return [...rules.values()];
}

function commitProperties(commit: CommitInfo, shown: Redaction) {
  return { sha: commit.sha, author: shown.text(commit.author), date: commit.date };
}

function maskedRefs(refs: readonly string[], shown: Redaction): string[] {
  return refs.map((ref) => shown.text(ref));
}

/** `fingerprint` is absent when no baseline keys it: a key made for one run would change every run, and GitHub would see new alerts each time. */
function result(finding: Finding, ruleIndex: number, shown: Redaction, fingerprint: Fingerprinter | undefined, options: ReportOptions, suppressedBy?: SuppressionReason) {
  const context = findingContext(finding);
  const related = otherLocations(finding);
  const kept = related.slice(0, MAX_RELATED_LOCATIONS);
  const capped = related.length > kept.length;
  const introduced = finding.commit ? ` (${finding.foundIn ? 'commit' : 'introduced in commit'} ${finding.commit.sha.slice(0, 12)})` : '';
  const where = finding.foundIn ? FOUND_IN[finding.foundIn] : '';
  const more = capped ? ` Showing ${MAX_RELATED_LOCATIONS} of ${related.length} other locations.` : '';
  return {
    ruleId: finding.ruleId,
    ruleIndex,
    // Below --fail-on, a finding is a note whatever its severity: it does not fail the run either.
    level: isFailing(finding, options) ? LEVEL[finding.severity] : 'note',
    message: { text: `${finding.description}${where}: ${shown.secret(finding)}${introduced}.${more}${finding.verification ? ` Verified: ${verificationText(finding.verification)}.` : ''}` },
    locations: [physicalLocation(finding.path, finding, shown)],
    ...(kept.length > 0 && {
      relatedLocations: kept.map((location, id) => ({
        id,
        ...physicalLocation(location.path, location, shown),
        message: { text: location.commit ? `also in commit ${location.commit.sha.slice(0, 12)}` : `also in blob ${location.blob.slice(0, 12)}` },
      })),
    }),
    ...((finding.lineHash || fingerprint) && {
      partialFingerprints: {
        ...(finding.lineHash && { primaryLocationLineHash: finding.lineHash }),
        ...(fingerprint && { [FINGERPRINT_KEY]: fingerprint(finding.ruleId, finding.secret) }),
      },
    }),
    ...(suppressedBy && { suppressions: [{ kind: SUPPRESSION_KIND[suppressedBy], justification: `suppressed by ${suppressedBy}` }] }),
    properties: {
      severity: finding.severity,
      foundIn: foundIn(finding),
      ...(context && { context }),
      ...(finding.commit && { commit: commitProperties(finding.commit, shown) }),
      ...(finding.exposure && { exposure: { ...finding.exposure, refs: maskedRefs(finding.exposure.refs, shown) } }),
      ...(capped && { relatedLocationsTotal: related.length }),
      ...(finding.verification && { verification: finding.verification }),
    },
  };
}

/** GitHub reads the part of automationDetails.id before the last "/" as the category. */
export function automationId(category: string | undefined): string {
  const value = category?.trim() || DEFAULT_SARIF_CATEGORY;
  return value.endsWith('/') ? value : `${value}/`;
}

export const formatSarif: Formatter = (report, options) => {
  const rules = collectRules(report, options);
  const index = new Map(rules.map((rule, i) => [rule.id, i]));
  const shown = redaction(report, options.showSecrets);
  const fingerprint = reportFingerprints(report);
  const results = report.findings.map((finding) => result(finding, index.get(finding.ruleId) ?? 0, shown, fingerprint, options));
  if (options.showSuppressed) {
    results.push(...report.suppressed.map(({ finding, reason }) => result(finding, index.get(finding.ruleId) ?? 0, shown, fingerprint, options, reason)));
  }
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'secretsift',
            version: options.toolVersion,
            semanticVersion: options.toolVersion,
            informationUri: INFORMATION_URI,
            rules: rules.map(ruleDescriptor),
          },
        },
        automationDetails: { id: automationId(options.sarifCategory) },
        // Our columns count code points, not SARIF's default UTF-16 code units.
        columnKind: 'unicodeCodePoints',
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: report.errors.map((error) => maskedError(error, shown)).map(({ path, message }) => ({
              level: 'warning',
              message: { text: `could not read ${path}: ${message}` },
              locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(path) } } }],
            })),
          },
        ],
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};

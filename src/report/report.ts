import type { Finding } from '../model/finding.js';
import { DEFAULT_FAIL_ON } from '../model/defaults.js';
import { failsAt, type Severity } from '../model/rule.js';
import type { ScanError } from '../model/scan-result.js';
import type { ScanStats } from '../model/scan-stats.js';
import { saltedFingerprints, type Fingerprinter } from '../suppress/fingerprint.js';
import type { Suppressed } from '../model/suppression.js';
import type { Redaction } from './redact.js';
import type { RunIdentity } from './run-identity.js';

/** Everything a format may render. */
export interface Report {
  findings: readonly Finding[];
  suppressed: readonly Suppressed[];
  stats: ScanStats;
  errors: readonly ScanError[];
  /** Things passed over that the user should hear of, such as a refused zip bomb. */
  warnings?: readonly ScanError[];
  /**
   * Hex key of the fingerprints JSON and SARIF print (HMAC-SHA256 of rule id and secret; a plain
   * hash would let anyone holding the report check guesses at a secret): the salt of the baseline
   * applied, so a finding can be looked up in it and keeps its fingerprint from run to run. Absent
   * (no baseline, or a version 1 one): no fingerprint is printed. A key made for one run would make
   * every run's report differ and every run's SARIF alerts new; any key derived from the scanned
   * repository could be derived again by whoever holds the report.
   */
  fingerprintKey?: string;
  /** What was scanned and how (JSON reports carry it for `secretsift merge`). */
  run?: RunIdentity;
  /** SECRETSIFT_MERGE_KEY: keys each finding's `mergeId` in JSON (run-identity.ts, mergeIds). */
  mergeKey?: string;
}

export interface ReportOptions {
  showSecrets: boolean;
  color: boolean;
  quiet: boolean;
  showSuppressed: boolean;
  toolVersion: string;
  /** The rules that ran, for formats that describe them (SARIF's tool.driver.rules). */
  rules?: readonly RuleMeta[];
  /** SARIF `automationDetails.id` category, so several analyses of one commit stay apart. */
  sarifCategory?: string;
  /** Lowest severity that fails the run (`--fail-on`); findings below it are reported as notes. Default: low. */
  failOn?: Severity;
}

/** Whether a finding makes the run fail (exit 1) under the report's `--fail-on`. */
export function isFailing(finding: Pick<Finding, 'severity'>, options: Pick<ReportOptions, 'failOn'>): boolean {
  return failsAt(finding.severity, options.failOn ?? DEFAULT_FAIL_ON);
}

/** The fingerprints a report prints, if a baseline keys them (see Report.fingerprintKey). */
export function reportFingerprints(report: Pick<Report, 'fingerprintKey'>): Fingerprinter | undefined {
  return report.fingerprintKey ? saltedFingerprints(report.fingerprintKey) : undefined;
}

/** What a report may say about a rule: its metadata, never its pattern. A RuleSpec is one. */
export interface RuleMeta {
  readonly id: string;
  readonly description: string;
  readonly severity: Severity;
  readonly tags: readonly string[];
  readonly references: readonly string[];
  readonly remediation?: string | undefined;
}

/** An error or warning names a path, and its message may quote one: either may hold a found secret. */
export function maskedError(error: ScanError, shown: Redaction): ScanError {
  return { ...error, path: shown.text(error.path), message: shown.text(error.message) };
}

/** A format is a pure function: the same report and options give the same bytes. */
export type Formatter = (report: Report, options: ReportOptions) => string;

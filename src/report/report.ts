import type { Finding } from '../detect/finding.js';
import type { Severity } from '../detect/rule.js';
import type { ScanError } from '../scan/run-scan.js';
import type { ScanStats } from '../scan/scan-stats.js';
import type { Suppressed } from '../suppress/suppression.js';
import type { Redaction } from './redact.js';

/** Everything a format may render. */
export interface Report {
  findings: readonly Finding[];
  suppressed: readonly Suppressed[];
  stats: ScanStats;
  errors: readonly ScanError[];
  /** Things passed over that the user should hear of, such as a refused zip bomb. */
  warnings?: readonly ScanError[];
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
}

/** What a report may say about a rule: its metadata, never its pattern. A RuleSpec is one. */
export interface RuleMeta {
  readonly id: string;
  readonly description: string;
  readonly severity: Severity;
  readonly tags: readonly string[];
  readonly references: readonly string[];
  readonly remediation?: string;
}

/** An error or warning names a path, and its message may quote one: either may hold a found secret. */
export function maskedError(error: ScanError, shown: Redaction): ScanError {
  return { ...error, path: shown.text(error.path), message: shown.text(error.message) };
}

/** A format is a pure function: the same report and options give the same bytes. */
export type Formatter = (report: Report, options: ReportOptions) => string;

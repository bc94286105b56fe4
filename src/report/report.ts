import type { Finding } from '../detect/finding.js';
import type { ScanError } from '../scan/run-scan.js';
import type { ScanStats } from '../scan/scan-stats.js';
import type { Suppressed } from '../suppress/suppression.js';

/** Everything a format may render. */
export interface Report {
  findings: readonly Finding[];
  suppressed: readonly Suppressed[];
  stats: ScanStats;
  errors: readonly ScanError[];
}

export interface ReportOptions {
  showSecrets: boolean;
  color: boolean;
  quiet: boolean;
  showSuppressed: boolean;
  toolVersion: string;
}

/** A format is a pure function: the same report and options give the same bytes. */
export type Formatter = (report: Report, options: ReportOptions) => string;

import type { Finding } from './finding.js';
import type { ScanStats } from './scan-stats.js';
import type { Suppressed } from './suppression.js';

export interface ScanError {
  path: string;
  message: string;
  /** The git object that could not be read: what it held was not scanned, so the scan is incomplete. */
  object?: string;
}

export interface ScanResult {
  findings: Finding[];
  suppressed: Suppressed[];
  stats: ScanStats;
  errors: ScanError[];
  /** Things passed over that the user should hear of, such as a refused zip bomb (also counted in stats.skipped). */
  warnings?: ScanError[];
  /** Keys the report's fingerprints (a baseline's salt), so a finding can be looked up in it. */
  fingerprintKey?: string;
}

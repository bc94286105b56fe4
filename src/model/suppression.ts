import type { Finding } from './finding.js';

export type SuppressionReason = 'inline' | 'allowlist' | 'baseline';

/** A finding that was found and then deliberately not reported: counted, listable, never silent. */
export interface Suppressed {
  readonly finding: Finding;
  readonly reason: SuppressionReason;
}

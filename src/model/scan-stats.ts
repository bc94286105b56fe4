import { SKIP_REASONS, type SkipReason } from './content.js';
import type { SuppressionReason } from './suppression.js';

export interface ScanStats {
  files: number;
  bytes: number;
  skipped: Record<SkipReason, number>;
  suppressed: Record<SuppressionReason, number>;
  durationMs: number;
  /** History scans: commits read (files and bytes then count unique blobs). */
  commits?: number;
}

export function emptyStats(): ScanStats {
  return {
    files: 0,
    bytes: 0,
    skipped: Object.fromEntries(SKIP_REASONS.map((reason) => [reason, 0])) as Record<SkipReason, number>,
    suppressed: { inline: 0, allowlist: 0, baseline: 0 },
    durationMs: 0,
  };
}

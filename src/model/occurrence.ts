import type { FileRef } from './content.js';
import type { Finding } from './finding.js';
import type { FileOutcome } from './outcome.js';
import type { ScanError } from './scan-result.js';
import type { ScanStats } from './scan-stats.js';
import type { Suppressed, SuppressionReason } from './suppression.js';

/**
 * What a source hands the pipeline: files for a scanner to read (a listing, batched by size),
 * content already read (a git blob), a stream (standard input), or an outcome known without reading
 * (a file skipped or unreadable at listing).
 */
export type ContentItem =
  | { readonly kind: 'files'; readonly files: readonly FileRef[] }
  | { readonly kind: 'blob'; readonly oid: string; readonly path: string; readonly data: Buffer }
  | { readonly kind: 'stream'; readonly path: string; readonly stream: NodeJS.ReadableStream }
  | { readonly kind: 'outcome'; readonly outcome: FileOutcome };

/** Where one scanned item came from: a file (on disk, or standard input) or a git blob. */
export type ItemRef = { readonly kind: 'file'; readonly path: string } | { readonly kind: 'blob'; readonly oid: string; readonly path: string };

/**
 * One place detection found a secret, before suppression and enrichment: in the content of a file
 * or blob, or in a name (a path, commit message, author, ref). `inline` says an allow marker covers
 * it; `allowlisted` that the allowlist passes over the path it was found at (a name is scanned, and
 * suppressed, even where the content is not).
 */
export interface Occurrence {
  readonly finding: Finding;
  readonly from: { readonly kind: 'file' } | { readonly kind: 'blob'; readonly oid: string; readonly inner?: string } | { readonly kind: 'name' };
  readonly inline?: boolean;
  readonly allowlisted?: boolean;
}

/**
 * A scan on its way through the stages: occurrences, then (once enriched) findings, with what was
 * suppressed at each step. Stages take a draft and give the next one; none changes a finding.
 */
export interface Draft {
  readonly occurrences: readonly Occurrence[];
  readonly suppressedOccurrences: readonly { readonly occurrence: Occurrence; readonly reason: SuppressionReason }[];
  readonly findings: readonly Finding[];
  readonly suppressed: readonly Suppressed[];
  readonly stats: ScanStats;
  readonly errors: readonly ScanError[];
  readonly warnings: readonly ScanError[];
  /** Keys the report's fingerprints (a baseline's salt), so a finding can be looked up in it. */
  readonly fingerprintKey?: string;
}

/** One step of the pipeline after detection: suppress, enrich, verify. */
export interface Stage {
  readonly name: string;
  run(draft: Draft): Draft | Promise<Draft>;
}

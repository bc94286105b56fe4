import type { SkipReason } from './content.js';
import type { Finding } from './finding.js';

/** What happened to one file. Plain data: it crosses back from worker threads. */
export type FileOutcome =
  | { kind: 'scanned'; path: string; bytes: number; findings: Finding[]; inlineAllowed: Finding[] }
  /** `message` says why when the user should hear of it, as for a refused archive. */
  | { kind: 'skipped'; path: string; reason: SkipReason; message?: string }
  /** `object`: the git object that could not be read (the scan is then incomplete). */
  | { kind: 'error'; path: string; message: string; object?: string };

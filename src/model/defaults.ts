import type { Severity } from './rule.js';

/*
 * What a scan does when neither the command line nor the config says otherwise. Option help,
 * option resolution, the engine and `rules test` read these, so a default changes in one place.
 * The config's `defaults.*` override some of them (format, maxFileSize, failOn, baseline).
 */

/** Layers of base64, hex and percent encoding decoded and scanned again; 0 turns decoding off. */
export const DEFAULT_DECODE_DEPTH = 2;

/** Files (and stdin, and each file inside an archive) larger than this are skipped. */
export const DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024;

/** Archive layers opened: 1 looks into an archive but not into archives inside it. */
export const DEFAULT_MAX_ARCHIVE_DEPTH = 2;
/** Bytes decompressed out of one archive on disk, all nested layers together. */
export const DEFAULT_MAX_ARCHIVE_BYTES = 256 * 1024 * 1024;
/** Entries read out of one archive on disk, all nested layers together. */
export const DEFAULT_MAX_ARCHIVE_ENTRIES = 10_000;

/** How a file too large to hold whole is read: in chunks that overlap (see pipeline/chunks.ts). */
export const DEFAULT_CHUNKING: { readonly wholeUpTo: number; readonly chunkBytes: number; readonly overlap: number } = {
  wholeUpTo: 64 * 1024 * 1024,
  chunkBytes: 16 * 1024 * 1024,
  // Half of it bounds a match with its context: far beyond any key, token or connection string.
  overlap: 1024 * 1024,
};

/** Inline allow markers apply unless a run says otherwise (an audit). */
export const DEFAULT_INLINE_ALLOW = true;

export const DEFAULT_FORMAT = 'text' as const;

/** Lowest severity that makes the exit code 1. */
export const DEFAULT_FAIL_ON: Severity = 'low';

/** SARIF `automationDetails.id` (GitHub reads the part before the last "/" as the category). */
export const DEFAULT_SARIF_CATEGORY = 'secretsift';

/** The baseline `baseline create`, `update` and `check` work on when neither -o/-b nor the config names one. */
export const DEFAULT_BASELINE_FILE = '.secretsift-baseline.json';

/** How long `--verify` waits for one provider's answer, in milliseconds. */
export const DEFAULT_VERIFY_TIMEOUT_MS = 10_000;

/** Verification is off unless `--verify` or the config's `defaults.verify` turns it on: it sends secrets to their providers. */
export const DEFAULT_VERIFY = false;

/** How long `baseline create` and `update` wait for another run's lock on the baseline. */
export const DEFAULT_LOCK_TIMEOUT_SECONDS = 60;

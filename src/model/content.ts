/** Why a file was not scanned. Every skip is counted and shown: nothing is passed over silently. */
export type SkipReason = 'binary' | 'too-large' | 'symlink' | 'not-a-file' | 'vanished' | 'allowlisted' | 'archive-limit';

export const SKIP_REASONS: readonly SkipReason[] = ['binary', 'too-large', 'symlink', 'not-a-file', 'vanished', 'allowlisted', 'archive-limit'];

/** A file to scan: where to read it, and the path reports and path rules use (posix separators). */
export interface FileRef {
  readonly absPath: string;
  readonly path: string;
  /** The path's bytes, set only when its name is not UTF-8 and `absPath` (a string) cannot open it. */
  readonly rawPath?: Uint8Array;
  /** Named on the command line: followed even when it is a symlink. */
  readonly explicit?: boolean;
}

export type ReadResult =
  | { readonly kind: 'content'; readonly data: Buffer }
  /** Over the size read whole, within the limit: to be read in slices. */
  | { readonly kind: 'large'; readonly size: number }
  | { readonly kind: 'skipped'; readonly reason: SkipReason }
  | { readonly kind: 'error'; readonly message: string };

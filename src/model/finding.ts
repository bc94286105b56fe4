import type { Severity } from './rule.js';

/**
 * What `--verify` learnt of a secret from its provider: live, revoked or rejected, or not known (a
 * status the rule does not list, a timeout, a network error, a missing companion: `reason` says).
 */
export interface Verification {
  readonly status: 'valid' | 'invalid' | 'unknown';
  /** Short and fixed: never holds a secret, a companion or a response body. */
  readonly reason?: string;
  /** When the provider answered (or the check gave up), ISO 8601. */
  readonly checkedAt: string;
}

/** Where in git a finding was introduced; absent for working-tree and stdin scans. */
export interface CommitInfo {
  readonly sha: string;
  readonly author: string;
  readonly email: string;
  readonly date: string;
  readonly message: string;
}

/** One place a secret found in git history occurs: a blob at a path, introduced by a commit. */
export interface FindingLocation {
  readonly path: string;
  readonly startLine: number;
  readonly startColumn: number;
  readonly endLine: number;
  readonly endColumn: number;
  /** The git blob holding the secret at this path. */
  readonly blob: string;
  readonly commit?: CommitInfo;
}

/** Whether a secret found in history can still be read at the tip of a scanned ref. */
export interface Exposure {
  /** At the tip of a scanned ref still; otherwise only in history (deleting it was not enough: rotate it). */
  readonly stillExposed: boolean;
  /** The scanned refs whose tip holds it. */
  readonly refs: readonly string[];
  /** Author date of the commit that introduced it. */
  readonly since: string;
  /** Whole days from `since` to the scan. */
  readonly days: number;
}

/** A secret found in decoded content: how it was encoded (outermost first) and the encoded text. */
export interface DecodedFrom {
  readonly chain: readonly string[];
  /** The encoded run as it stands in the scanned content (holds the secret: mask it on output). */
  readonly encodedText: string;
}

/**
 * What held the secret: a file's content, or a name or message the repository controls that is
 * printed in reports (a file's path, a commit message, a ref name, a commit's author name and email).
 */
export type FoundIn = 'content' | 'path' | 'commit-message' | 'ref-name' | 'author';

/** Text that is not file content, scanned as content: each kind but 'content'. */
export type NameKind = Exclude<FoundIn, 'content'>;

/**
 * One reported secret. Made once by detection, never changed: suppression filters findings and
 * reports render them. `secret` stays in memory only; every report redacts it unless asked not to.
 */
export interface Finding {
  readonly ruleId: string;
  readonly description: string;
  readonly severity: Severity;
  readonly tags: readonly string[];
  /**
   * The file, or for a secret in a name or message what names it: the file's path ('path'), the
   * ref ('ref-name'), the commit's id ('commit-message', 'author').
   */
  readonly path: string;
  /** Absent means 'content'. Positions and `lineText` are within that text (a path, a message, "Name <email>"). */
  readonly foundIn?: NameKind;
  readonly startLine: number;
  readonly startColumn: number;
  /** Line of the secret's last character. */
  readonly endLine: number;
  /** Column just after the secret's last character (exclusive, as SARIF counts). */
  readonly endColumn: number;
  readonly secret: string;
  /** The source line the secret starts on, for context (holds the secret: redact before output). */
  readonly lineText: string;
  readonly entropy: number;
  /** Present when the secret was found by decoding base64, hex or percent-encoded content. */
  readonly decoded?: DecodedFrom;
  /**
   * GitHub's `primaryLocationLineHash` for `startLine`, computed from the scanned content (which may
   * be a historical blob the checked-out file no longer matches). Absent when not computed.
   */
  readonly lineHash?: string;
  readonly commit?: CommitInfo;
  /** History scans: whether the secret is still exposed at a ref tip. */
  readonly exposure?: Exposure;
  /** History scans: every place this rule and secret occur, earliest first (the finding shows the first). */
  readonly locations?: readonly FindingLocation[];
  /**
   * Runs that verify only: the rule's named capture groups and its `with:` companions found near
   * the secret, for the verify request's templates. Secrets in their own right: in memory only, no
   * report, baseline, log or error shows them.
   */
  readonly verifyValues?: Readonly<Record<string, string>>;
  /** Runs with `--verify`, for rules that have a `verify:` block: what the provider said. */
  readonly verification?: Verification;
}

export function foundIn(finding: Pick<Finding, 'foundIn'>): FoundIn {
  return finding.foundIn ?? 'content';
}

/**
 * What makes two findings the same secret, in memory only: stable across moves, renames and
 * reformatting. Baselines and reports name it by a salted fingerprint (suppress/fingerprint.ts).
 */
export function secretKey(finding: Pick<Finding, 'ruleId' | 'secret'>): string {
  return `${finding.ruleId}\0${finding.secret}`;
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) ||
    a.startLine - b.startLine ||
    a.startColumn - b.startColumn ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)
  );
}

import { createHash } from 'node:crypto';
import type { Severity } from './rule.js';

/** Where in git a finding was introduced; absent for working-tree and stdin scans. */
export interface CommitInfo {
  readonly sha: string;
  readonly author: string;
  readonly email: string;
  readonly date: string;
  readonly message: string;
}

/**
 * One reported secret. Made once by detection, never changed: suppression filters findings and
 * reports render them. `secret` stays in memory only; every report redacts it unless asked not to.
 */
export interface Finding {
  readonly ruleId: string;
  readonly description: string;
  readonly severity: Severity;
  readonly tags: readonly string[];
  readonly path: string;
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
  /** sha256 of rule id and secret: stable across moves, renames and reformatting. */
  readonly fingerprint: string;
  readonly commit?: CommitInfo;
}

export function fingerprintOf(ruleId: string, secret: string): string {
  return createHash('sha256').update(ruleId).update('\0').update(secret).digest('hex');
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) ||
    a.startLine - b.startLine ||
    a.startColumn - b.startColumn ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)
  );
}

import { createHash, createHmac } from 'node:crypto';
import type { Finding } from '../model/finding.js';

/**
 * What `secretsift merge` needs to know of a report: what was scanned and how, so reports of
 * different rule sets or kinds of scan are never mixed, and which part of a sharded scan it is.
 */
export interface RunIdentity {
  readonly kind: 'history' | 'scan';
  /** The repository or paths as given on the command line (shown, never compared: machines differ). */
  readonly target: readonly string[];
  /** History: a SHA-256 of the selected commits and ref tips. Shards of one history share it; merge groups a secret's locations only within one. */
  readonly snapshot?: string;
  /** rulesetHash(): rules, config and limits. */
  readonly ruleSet: string;
  /** `K/N` when the run was one shard. */
  readonly shard?: string;
}

/** How many characters of the environment's merge key are the least: a short key can be guessed, and with it every secret checked. */
export const MIN_MERGE_KEY_LENGTH = 16;

/**
 * Names a rule and secret so that reports of several shards can be grouped without holding an
 * unkeyed hash of the secret: HMAC-SHA256 under a key only the user holds (SECRETSIFT_MERGE_KEY).
 * Whoever has the reports but not the key cannot check a guess.
 */
export function mergeIds(mergeKey: string): (finding: Pick<Finding, 'ruleId' | 'secret'>) => string {
  const key = createHash('sha256').update('secretsift merge key v1\0').update(mergeKey).digest();
  return ({ ruleId, secret }) => createHmac('sha256', key).update(ruleId).update('\0').update(secret).digest('hex');
}

/** The report's top-level fields that identify its run. */
export function runJson(run: RunIdentity): Record<string, unknown> {
  return {
    scan: { kind: run.kind, target: run.target, ...(run.snapshot !== undefined && { snapshot: run.snapshot }) },
    ruleSet: run.ruleSet,
    ...(run.shard !== undefined && { shard: run.shard }),
  };
}

/** A history selection's identity: the same commits and tips give the same snapshot on every machine. */
export function snapshotOf(parts: { include: readonly string[]; exclude: readonly string[]; all: boolean; noWalk: boolean; tips: readonly { ref: string; commit: string }[] }): string {
  const tips = parts.tips.map((tip) => `${tip.ref}\0${tip.commit}`).sort();
  const text = JSON.stringify({ all: parts.all, noWalk: parts.noWalk, include: [...parts.include].sort(), exclude: [...parts.exclude].sort(), tips });
  return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}

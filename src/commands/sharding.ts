import type { ScanResult } from '../model/scan-result.js';
import type { Report } from '../report/report.js';
import { MIN_MERGE_KEY_LENGTH, type RunIdentity } from '../report/run-identity.js';
import type { Shard } from '../util/shard.js';
import { UsageError } from './exit-codes.js';
import type { RawScanOptions } from './scan-flags.js';
import { resolveShard, shardLabel } from './shard-option.js';

/** The options of the commands that can run as one shard of a scan. */
export interface ShardingOptions {
  shard?: string;
}

export interface Sharding {
  readonly shard: Shard | undefined;
  /** SECRETSIFT_MERGE_KEY, when set: keys the `mergeId` JSON reports give each finding. */
  readonly mergeKey: string | undefined;
}

/**
 * The shard this run is, and the key its report's merge ids are made with. A history shard needs
 * the key: a secret in blobs of two shards is one finding once merged, and only a keyed name
 * (never a plain hash of the secret) may tell the merge they are the same.
 */
export function resolveSharding(options: ShardingOptions, kind: RunIdentity['kind'], env: NodeJS.ProcessEnv = process.env): Sharding {
  const shard = resolveShard(options.shard, env);
  const mergeKey = env.SECRETSIFT_MERGE_KEY || undefined;
  if (mergeKey !== undefined && mergeKey.length < MIN_MERGE_KEY_LENGTH) throw new UsageError(`SECRETSIFT_MERGE_KEY must be at least ${MIN_MERGE_KEY_LENGTH} characters (a random value kept as a CI secret)`);
  if (kind === 'history' && shard !== undefined && shard.total > 1 && mergeKey === undefined) {
    throw new UsageError('history --shard needs SECRETSIFT_MERGE_KEY (the same random value, at least 16 characters, in every shard) so that merge can join a secret found by several shards; see docs/scale.md');
  }
  return { shard, mergeKey };
}

/**
 * The scan's result with what the JSON report says of its run. `ruleSet` is worked out only when
 * read: hashing every rule costs tens of milliseconds a run, and only the JSON report shows it.
 */
export function identifiedReport(result: ScanResult, run: Omit<RunIdentity, 'shard' | 'ruleSet'>, ruleSet: () => string, sharding: Sharding): Report {
  let hash: string | undefined;
  const identity = { ...run, ...(sharding.shard && { shard: shardLabel(sharding.shard) }) };
  Object.defineProperty(identity, 'ruleSet', { enumerable: true, get: () => (hash ??= ruleSet()) });
  return {
    ...result,
    run: identity as RunIdentity,
    ...(sharding.mergeKey !== undefined && { mergeKey: sharding.mergeKey }),
  };
}

/**
 * A shard's JSON report lists what it suppressed too: the merge counts suppressed findings after
 * joining them, as one run would. Shown only when the merged report is asked to show them.
 */
export function shardReportOptions<T extends RawScanOptions>(options: T, sharding: Sharding, format: string): T {
  return sharding.shard !== undefined && format === 'json' ? { ...options, showSuppressed: true } : options;
}

import type { Shard } from '../util/shard.js';
import { UsageError } from './exit-codes.js';

// Far more machines than any CI system gives one job; a bigger N is a typo.
const MAX_SHARDS = 4096;

/** `K/N`, K counted from 1 as GitLab's CI_NODE_INDEX and people count ("shard 2 of 3"). */
export function parseShardSpec(text: string, where: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!match) throw new UsageError(`${where} must be K/N (shard K of N, K from 1 to N), or auto; not "${text}"`);
  const number = Number(match[1]);
  const total = Number(match[2]);
  if (total < 1 || total > MAX_SHARDS) throw new UsageError(`${where}: N must be from 1 to ${MAX_SHARDS}, not ${match[2]}`);
  if (number < 1 || number > total) throw new UsageError(`${where}: K must be from 1 to ${total}, not ${match[1]}`);
  return { index: number - 1, total };
}

function wholeNumber(env: NodeJS.ProcessEnv, name: string): number {
  const text = env[name] ?? '';
  if (!/^\d+$/.test(text.trim())) throw new UsageError(`--shard auto: ${name} must be a whole number, not "${text}"`);
  return Number(text.trim());
}

/**
 * The shard the CI system says this job is. A Kubernetes Indexed Job exports its index
 * (JOB_COMPLETION_INDEX, from 0) but not its completion count: SECRETSIFT_SHARD_TOTAL gives it.
 * GitLab's `parallel: N` exports CI_NODE_INDEX (from 1) and CI_NODE_TOTAL.
 */
export function shardFromEnvironment(env: NodeJS.ProcessEnv): Shard {
  if (env.JOB_COMPLETION_INDEX !== undefined || env.SECRETSIFT_SHARD_TOTAL !== undefined) {
    if (env.JOB_COMPLETION_INDEX === undefined) throw new UsageError('--shard auto: SECRETSIFT_SHARD_TOTAL is set but JOB_COMPLETION_INDEX is not (a Kubernetes Indexed Job sets it)');
    if (env.SECRETSIFT_SHARD_TOTAL === undefined) throw new UsageError('--shard auto: JOB_COMPLETION_INDEX is set but SECRETSIFT_SHARD_TOTAL is not: Kubernetes does not export the completion count, set it to spec.completions');
    const index = wholeNumber(env, 'JOB_COMPLETION_INDEX');
    return parseShardSpec(`${index + 1}/${wholeNumber(env, 'SECRETSIFT_SHARD_TOTAL')}`, '--shard auto (JOB_COMPLETION_INDEX from 0, SECRETSIFT_SHARD_TOTAL)');
  }
  if (env.CI_NODE_INDEX !== undefined || env.CI_NODE_TOTAL !== undefined) {
    return parseShardSpec(`${wholeNumber(env, 'CI_NODE_INDEX')}/${wholeNumber(env, 'CI_NODE_TOTAL')}`, '--shard auto (CI_NODE_INDEX from 1, CI_NODE_TOTAL)');
  }
  throw new UsageError('--shard auto: no shard in the environment (JOB_COMPLETION_INDEX with SECRETSIFT_SHARD_TOTAL, or CI_NODE_INDEX with CI_NODE_TOTAL)');
}

/** `--shard`: absent, K/N, or `auto` (from the environment). */
export function resolveShard(text: string | undefined, env: NodeJS.ProcessEnv = process.env): Shard | undefined {
  if (text === undefined) return undefined;
  return text.trim() === 'auto' ? shardFromEnvironment(env) : parseShardSpec(text, '--shard');
}

export function shardLabel(shard: Shard): string {
  return `${shard.index + 1}/${shard.total}`;
}

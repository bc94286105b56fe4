import { createHash } from 'node:crypto';
import type { RuleSpec } from '../model/rule.js';
import type { ScanSettings } from '../pipeline/scan-file.js';
import type { ScanContext } from './scan-options.js';
import { VERSION } from './version.js';

/** JSON with object keys sorted, so the same data hashes the same whatever order it was built in. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, item]) => `${JSON.stringify(key)}:${stableJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** What a rule finds, without where it was declared or its tests: shards on different machines keep packs at different paths. */
function effectiveRule({ origin: _origin, examples: _examples, negatives: _negatives, ...rule }: RuleSpec): Omit<RuleSpec, 'origin' | 'examples' | 'negatives'> {
  return rule;
}

/**
 * A SHA-256 of everything that decides what a scan finds: every rule as it runs (overrides applied,
 * disabled ones gone), the config's allowlist, and the size, decoding, archive and inline-marker
 * settings. Reports of shards must share it to be merged; the blob cache is keyed by it (with the
 * tool's version). Not the report format, the threads or the baseline: they change how findings
 * are shown or which are suppressed, not which blobs hold one.
 */
export function rulesetHash(context: Pick<ScanContext, 'specs' | 'config'>, settings: ScanSettings): string {
  const { maxFileSize, inlineAllow, maxDecodeDepth, archives } = settings;
  const data = stableJson({
    rules: context.specs.map(effectiveRule),
    allowlist: context.config.allowlist,
    settings: { maxFileSize, inlineAllow, maxDecodeDepth, archives: archives ?? null },
  });
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

/** What the blob cache is keyed by: a clean verdict holds only for the same tool and the same rule set. */
export function blobCacheKey(ruleSet: string): string {
  return createHash('sha256').update(`secretsift ${VERSION}\0${ruleSet}`).digest('hex');
}

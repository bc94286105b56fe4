import { cacheDir } from '../util/cache-dir.js';
import { CacheKey, readCacheEntry, writeCacheEntry } from '../util/cache-file.js';
import { compileRules, precompiled, type CompiledRules, type Precompiled } from '../detect/compile.js';
import type { RuleSpec } from '../model/rule.js';

const KIND = 'compiled';
// The modules whose code decides what precompiled data holds.
const MODULES = ['../detect/compile.js', '../detect/prefilter.js', '../detect/literal-automaton.js', '../detect/match-window.js', '../detect/pattern-shape.js', '../detect/regex-syntax.js', '../detect/decode/keyword-fragments.js'];
// One entry per distinct rule set in use (a config's packs, a --rules); old ones go.
const KEPT_ENTRIES = 8;

/** The outline of Precompiled; compileRules checks each part and works out again what is not well formed. */
function isPrecompiled(value: unknown): value is Precompiled {
  if (typeof value !== 'object' || value === null) return false;
  const { fragments, automaton, reaches } = value as Record<string, unknown>;
  return (
    typeof automaton === 'object' &&
    Array.isArray(reaches) &&
    Array.isArray(fragments) &&
    fragments.every((f: unknown) => typeof f === 'object' && f !== null && typeof (f as { text?: unknown }).text === 'string' && ['base64', 'hex'].includes((f as { encoding?: unknown }).encoding as string))
  );
}

function keyOf(specs: readonly RuleSpec[]): string {
  return new CacheKey()
    .add('rules', JSON.stringify(specs.map((spec) => [spec.pattern, spec.keywords])))
    .addModules(import.meta.url, MODULES)
    .digest();
}

/**
 * compileRules(), with the precompiled data read from the user's cache when these rules were
 * compiled before. An entry that is missing, damaged or not well formed is written anew; a cache
 * that cannot be read or written only costs the time.
 */
export function compileRulesCached(specs: readonly RuleSpec[]): CompiledRules {
  const dir = cacheDir();
  let key: string | undefined;
  try {
    key = dir === undefined ? undefined : keyOf(specs);
  } catch {
    key = undefined;
  }
  const stored = dir !== undefined && key !== undefined ? readCacheEntry(dir, KIND, key, isPrecompiled) : undefined;
  const compiled = compileRules(specs, stored);
  if (dir !== undefined && key !== undefined && !compiled.fromPrecompiled) {
    try {
      writeCacheEntry(dir, KIND, key, precompiled(compiled), KEPT_ENTRIES);
    } catch {
      // The scan stands without its cache entry.
    }
  }
  return compiled;
}

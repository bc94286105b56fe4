import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cacheDir } from '../util/cache-dir.js';
import { cached, CacheKey, settledFileStamp } from '../util/cache-file.js';
import { readUserBytes, RULE_PACK_FILE } from '../util/read-user-file.js';
import { RULES_DIR } from '../util/paths.js';
import type { RuleSpec } from '../model/rule.js';
import { isRuleSpecList } from './rule-shape.js';

/**
 * Loading and validating the packs (YAML parsing, schema checks, compiling every pattern to prove
 * it valid) costs more than a whole pre-commit scan should. The validated rules are kept in the
 * user's cache, keyed by everything the result depends on, so a changed pack, a new secretsift or
 * a new regex library is never served stale rules.
 */

// Our code whose checks and defaults a cached rule has passed through: rule-pack.js and each module
// it imports (a test keeps this list in step with those imports).
export const VALIDATION_MODULES = [
  './rule-pack.js',
  '../model/rule.js',
  '../detect/classifiers.js',
  '../detect/validators.js',
  '../util/json-schema.js',
  '../util/globs.js',
  '../util/read-user-file.js',
  '../util/regex-problem.js',
  '../util/yaml-file.js',
  '../util/lazy-module.js',
  '../util/paths.js',
  '../detect/regex-syntax.js',
  './verify-block.js',
  '../verify/hosts.js',
  '../verify/template.js',
];
// Libraries whose verdicts the validation relies on: a pattern RE2 accepts today, a glob picomatch compiles.
export const VALIDATION_LIBRARIES = ['re2', 'picomatch', 'yaml'];

// Each distinct set of packs (a config's own, a --rules) has an entry; old ones go.
const KEPT_ENTRIES = 8;

function cacheKey(files: readonly string[]): string {
  const key = new CacheKey()
    .add('package', readFileSync(path.join(RULES_DIR, '..', 'package.json')))
    .add('schema', readFileSync(path.join(RULES_DIR, 'schema.json')))
    .addModules(import.meta.url, VALIDATION_MODULES)
    .addLibraries(VALIDATION_LIBRARIES)
    // Entries hold rules without their examples and negatives (see loadPacksCached).
    .add('form', 'no examples');
  for (const file of files) {
    const stamp = builtInPackStamp(file);
    // Packs a config names may be anything (/dev/zero, a FIFO, a file in /proc that says it is
    // empty): read them as the loader does, bounded.
    if (stamp) key.add(`${file} (stamp)`, stamp);
    else key.add(file, readUserBytes(file, RULE_PACK_FILE));
  }
  return key.digest();
}

const BUILT_IN_DIR = path.resolve(RULES_DIR);

/**
 * The key's part for a built-in pack: its identity, size and times rather than its bytes, which
 * every run would otherwise read and hash (a megabyte in all). Undefined when the pack changed too
 * recently for those to be trusted, and for packs a config names, which are read whole.
 */
function builtInPackStamp(file: string): string | undefined {
  return path.dirname(path.resolve(file)) === BUILT_IN_DIR ? settledFileStamp(file) : undefined;
}

/**
 * The rules of the packs, validated. Without `withExamples` (a scan) they come without their
 * examples and negatives, which only `rules test` runs: the cache entry is then a third the size,
 * and reading it is most of a pre-commit scan's start-up. `rules test` loads the packs uncached.
 * The loader (rule-pack.ts, with the schema checks and verify blocks' code) is imported only when
 * the packs are loaded: a run served from the cache never needs it.
 */
export async function loadPacksCached(files: readonly string[], withExamples = false): Promise<RuleSpec[]> {
  const loadPacks = async (): Promise<RuleSpec[]> => (await import('./rule-pack.js')).loadPacks(files);
  if (withExamples) return loadPacks();
  const load = async (): Promise<RuleSpec[]> => (await loadPacks()).map((spec) => ({ ...spec, examples: [], negatives: [] }));
  return cached(cacheDir(), { kind: 'rules', key: () => cacheKey(files), isValid: isRuleSpecList, load, keep: KEPT_ENTRIES });
}

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cacheDir } from '../util/cache-dir.js';
import { cached, CacheKey } from '../util/cache-file.js';
import { VALIDATION_LIBRARIES } from '../rules/pack-cache.js';
import { RULES_DIR } from '../util/paths.js';
import type { Config } from './config.js';
import { isCachedConfig, restoredConfig } from './config-shape.js';
import { CONFIG_FILE, readUserBytes } from '../util/read-user-file.js';

/**
 * A repository's config, validated once per content: loading one costs the YAML library, a parse
 * and schema checks, a fifth of what a pre-commit scan may take. The key is the config's path and
 * bytes, its schema and the code and libraries that validate it (config.ts and the
 * modules it imports, a test keeps the list whole), so an edit is seen at once. A config that
 * fails to load is never cached: its error is shown on every run.
 */

// config.js and every module of ours it imports (a test keeps this list in step with those imports).
export const CONFIG_MODULES = ['./config.js', '../util/globs.js', '../util/json-schema.js', '../util/lazy-module.js', '../util/paths.js', '../util/read-user-file.js', '../util/regex-problem.js', '../util/yaml-file.js'];
// Several repositories, several configs each (a subdirectory's own, a --config).
const KEPT_ENTRIES = 16;

function cacheKey(file: string): string {
  return new CacheKey()
    .add('schema', readFileSync(path.join(RULES_DIR, 'config.schema.json')))
    .addModules(import.meta.url, CONFIG_MODULES)
    .addLibraries(VALIDATION_LIBRARIES)
    .add(file, readUserBytes(file, CONFIG_FILE))
    .digest();
}

/** The config in `file`, validated; config.ts (the validator's code) is imported only to load one not cached. */
export async function loadConfigCached(file: string): Promise<Config> {
  const load = async (): Promise<Config> => (await import('./config.js')).loadConfig(file);
  return cached(cacheDir(), { kind: 'config', key: () => cacheKey(file), isValid: isCachedConfig, restore: restoredConfig, load, keep: KEPT_ENTRIES });
}

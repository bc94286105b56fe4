import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { readUserBytes, RULE_PACK_FILE } from '../config/read-user-file.js';
import { writeFileAtomic } from '../report/write-output.js';
import { loadPacks, RULES_DIR } from './rule-pack.js';
import type { RuleSpec } from './rule.js';
import { VALIDATORS } from './validators.js';

/**
 * Loading and validating the built-in packs (YAML parsing, schema checks, compiling every pattern
 * to prove it valid) costs more than a whole pre-commit scan should. The validated rules are kept
 * in the user's cache, keyed by the exact bytes of every pack and of what validation depends on,
 * so a changed pack or a new secretsift is never served stale rules.
 */
function cacheDir(): string {
  return path.join(process.env.XDG_CACHE_HOME || path.join(homedir(), '.cache'), 'secretsift');
}

// The code whose checks a cached pack has passed: a change to any of it invalidates the cache.
const VALIDATION_CODE = ['./rule-pack.js', '../config/json-schema.js', '../config/globs.js', '../config/yaml-file.js', '../config/regex-problem.js'].map((relative) => new URL(relative, import.meta.url));

function cacheKey(files: readonly string[]): string {
  const hash = createHash('sha256');
  hash.update(readFileSync(path.join(RULES_DIR, '..', 'package.json')));
  hash.update(readFileSync(path.join(RULES_DIR, 'schema.json')));
  for (const code of VALIDATION_CODE) hash.update(readFileSync(code));
  hash.update(Object.keys(VALIDATORS).join(','));
  // Packs a config names may be anything (/dev/zero, a FIFO): read them as the loader does, bounded.
  for (const file of files) hash.update(`\0${file}\0`).update(readUserBytes(file, RULE_PACK_FILE));
  return hash.digest('hex');
}

export function loadPacksCached(files: readonly string[]): RuleSpec[] {
  if (process.env.SECRETSIFT_NO_CACHE) return loadPacks(files);
  let cacheFile: string;
  try {
    cacheFile = path.join(cacheDir(), `rules-${cacheKey(files)}.json`);
  } catch {
    // An unreadable pack: let the loader report it properly.
    return loadPacks(files);
  }
  try {
    return JSON.parse(readFileSync(cacheFile, 'utf8')) as RuleSpec[];
  } catch {
    // Not cached yet, or unreadable: load and try to cache.
  }
  const specs = loadPacks(files);
  try {
    mkdirSync(path.dirname(cacheFile), { recursive: true, mode: 0o700 });
    writeFileAtomic(cacheFile, JSON.stringify(specs));
  } catch {
    // A read-only home is no reason to fail a scan.
  }
  return specs;
}

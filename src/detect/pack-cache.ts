import { createHash, randomBytes } from 'node:crypto';
import { closeSync, constants, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { cacheDir } from '../cache-dir.js';
import { readUserBytes, RULE_PACK_FILE, type UserFileKind } from '../config/read-user-file.js';
import { loadPacks, RULES_DIR } from './rule-pack.js';
import type { RuleSpec } from './rule.js';
import { isRuleSpecList } from './rule-shape.js';

/**
 * Loading and validating the packs (YAML parsing, schema checks, compiling every pattern to prove
 * it valid) costs more than a whole pre-commit scan should. The validated rules are kept in the
 * user's cache, keyed by everything the result depends on, so a changed pack, a new secretsift or
 * a new regex library is never served stale rules. The cache is the user's own but is read as if
 * it might be anything: a file that is not exactly what was written (torn, truncated, edited,
 * a FIFO, copied under another key) is ignored and replaced, never trusted and never a crash.
 */

// Our code whose checks and defaults a cached rule has passed through: rule-pack.js and each module
// it imports (a test keeps this list in step with those imports).
export const VALIDATION_MODULES = [
  './rule-pack.js',
  './rule.js',
  './validators.js',
  '../config/json-schema.js',
  '../config/globs.js',
  '../config/read-user-file.js',
  '../config/regex-problem.js',
  '../config/yaml-file.js',
  '../lazy-module.js',
];
// Libraries whose verdicts the validation relies on: a pattern RE2 accepts today, a glob picomatch compiles.
const VALIDATION_LIBRARIES = ['re2', 'picomatch', 'yaml'];

const FORMAT = 'secretsift-rules-cache 1';
// Far above the built-in packs' few hundred KB of rules; a bigger file is not one we wrote.
const CACHE_FILE: UserFileKind = { name: 'rules cache', maxBytes: 64 * 1024 * 1024 };
// Each distinct set of packs (a config's own, a --rules) has an entry; old ones go.
const KEPT_ENTRIES = 8;
// A temp file this old belongs to a run that was killed mid-write.
const STALE_TEMP_MS = 60 * 60 * 1000;

const require = createRequire(import.meta.url);

/** The package.json of a library, found upward from its entry point (its exports may hide the file). */
function manifest(name: string): Buffer {
  let dir = path.dirname(require.resolve(name));
  for (;;) {
    try {
      const text = readFileSync(path.join(dir, 'package.json'));
      if ((JSON.parse(text.toString('utf8')) as { name?: unknown }).name === name) return text;
    } catch {
      // No manifest here (or a nested one without a name): keep going up.
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json for ${name}`);
    dir = parent;
  }
}

function cacheKey(files: readonly string[]): string {
  const hash = createHash('sha256');
  const part = (label: string, data: string | Buffer): void => {
    hash.update(`\0${label}\0${data.length}\0`).update(data);
  };
  part('node', process.version);
  part('package', readFileSync(path.join(RULES_DIR, '..', 'package.json')));
  part('schema', readFileSync(path.join(RULES_DIR, 'schema.json')));
  for (const code of VALIDATION_MODULES) part(code, readFileSync(new URL(code, import.meta.url)));
  for (const library of VALIDATION_LIBRARIES) part(library, manifest(library));
  // Packs a config names may be anything (/dev/zero, a FIFO): read them as the loader does, bounded.
  for (const file of files) part(file, readUserBytes(file, RULE_PACK_FILE));
  return hash.digest('hex');
}

function digest(body: string | Buffer): string {
  return createHash('sha256').update(body).digest('hex');
}

/** The cached rules for `key`, or undefined unless the file is whole, ours and for that key. */
function readEntry(file: string, key: string): RuleSpec[] | undefined {
  try {
    const data = readUserBytes(file, CACHE_FILE);
    const formatEnd = data.indexOf(0x0a);
    const sumEnd = data.indexOf(0x0a, formatEnd + 1);
    if (formatEnd === -1 || sumEnd === -1 || data.toString('latin1', 0, formatEnd) !== FORMAT) return undefined;
    const body = data.subarray(sumEnd + 1);
    if (digest(body) !== data.toString('latin1', formatEnd + 1, sumEnd)) return undefined;
    const entry = JSON.parse(body.toString('utf8')) as { key?: unknown; rules?: unknown };
    return entry.key === key && isRuleSpecList(entry.rules) ? entry.rules : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Replaces the entry atomically: a temp file created exclusively beside it (never following a
 * link), renamed over the name. A reader sees the old file or the new one; a rename also replaces
 * whatever else was at the name, a FIFO or a link included, without opening it.
 */
function writeEntry(dir: string, name: string, key: string, rules: readonly RuleSpec[]): void {
  const body = JSON.stringify({ key, rules });
  const data = `${FORMAT}\n${digest(body)}\n${body}`;
  const temp = path.join(dir, `.${name}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
  try {
    const bytes = Buffer.from(data);
    for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
  } catch (error) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
  closeSync(fd);
  try {
    renameSync(temp, path.join(dir, name));
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/** Keeps the newest entries; a cache that only grows would fill the disk over months of upgrades. */
function prune(dir: string, keep: string): void {
  const now = Date.now();
  const entries: { name: string; mtime: number }[] = [];
  for (const name of readdirSync(dir)) {
    const isEntry = /^rules-[0-9a-f]{64}\.json$/.test(name);
    const isTemp = /^\.rules-[0-9a-f]{64}\.json\.\d+\.[0-9a-f]+\.tmp$/.test(name);
    if ((!isEntry && !isTemp) || name === keep) continue;
    try {
      const mtime = statSync(path.join(dir, name)).mtimeMs;
      if (isEntry) entries.push({ name, mtime });
      else if (now - mtime > STALE_TEMP_MS) rmSync(path.join(dir, name), { force: true });
    } catch {
      // Removed by another run meanwhile.
    }
  }
  entries.sort((a, b) => b.mtime - a.mtime);
  for (const { name } of entries.slice(KEPT_ENTRIES - 1)) rmSync(path.join(dir, name), { force: true });
}

export function loadPacksCached(files: readonly string[]): RuleSpec[] {
  const dir = cacheDir();
  if (!dir) return loadPacks(files);
  let key: string;
  try {
    key = cacheKey(files);
  } catch {
    // An unreadable pack (the loader says which, properly), or an install we cannot fingerprint.
    return loadPacks(files);
  }
  const name = `rules-${key}.json`;
  const cached = readEntry(path.join(dir, name), key);
  if (cached) return cached;
  const rules = loadPacks(files);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeEntry(dir, name, key, rules);
    prune(dir, name);
  } catch {
    // A read-only or full home is no reason to fail a scan.
  }
  return rules;
}

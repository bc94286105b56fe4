import { readFileSync } from 'node:fs';
import path from 'node:path';
import { validateSchema, type SchemaNode } from '../util/json-schema.js';
import { BASELINE_FILE, readUserFile } from '../util/read-user-file.js';
import { InputFileError, parseYamlFile } from '../util/yaml-file.js';
import { RULES_DIR } from '../util/paths.js';
import type { OutputGuard } from '../util/output-target.js';
import { writeFileAtomic } from '../util/write-output.js';
import { sortEntries, type Baseline, type BaselineEntry, type BaselineMode } from './baseline.js';

/**
 * Bump when an existing field changes meaning; readers refuse versions they do not know. 2: a
 * `salt` keys the fingerprints. Version 1 (unsalted) is still read, and rewritten as 2 by update.
 */
export const BASELINE_VERSION = 2;
const READ_VERSIONS: readonly unknown[] = [1, BASELINE_VERSION];
export const DEFAULT_BASELINE_FILE = '.secretsift-baseline.json';

const baselineSchema = JSON.parse(readFileSync(path.join(RULES_DIR, 'baseline.schema.json'), 'utf8')) as SchemaNode;

/**
 * The file's bytes depend only on its mode, salt and entries: fixed key order, sorted entries, two-space
 * JSON, no timestamps or tool version. Updating keeps the salt, so diffs show only real changes.
 */
export function serializeBaseline(baseline: Baseline): string {
  // Every baseline written is salted: a new one gets a salt, an old one is carried over to one (resalt).
  if (!baseline.salt) throw new Error('a baseline is written only with a salt');
  const document = {
    version: BASELINE_VERSION,
    ...(baseline.mode && { mode: baseline.mode }),
    salt: baseline.salt,
    entries: sortEntries(baseline.entries).map(({ rule, fingerprint, locations }) => ({
      rule,
      fingerprint,
      locations: locations.map(({ path: where, line }) => ({ path: where, line })),
    })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

function lineAtOffset(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

function parseJson(file: string, text: string): unknown {
  if (text.trim() === '') throw new InputFileError(file, undefined, 'baseline is empty (truncated?)');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    // The parser's message quotes the text around the error, which may be anything (even a secret): keep only the position.
    const offset = /position (\d+)/.exec((error as Error).message)?.[1];
    const line = offset !== undefined ? lineAtOffset(text, Number(offset)) : undefined;
    throw new InputFileError(file, line, 'baseline is not valid JSON (truncated or hand-edited?)');
  }
}

/** Line lookup for schema errors; JSON is YAML, so the YAML reader can place any value. */
function lineFinder(file: string, text: string): (at: readonly (string | number)[]) => number | undefined {
  try {
    const yaml = parseYamlFile(file, text);
    return (at) => yaml.lineOf(at);
  } catch {
    return () => undefined;
  }
}

/** Strict: anything but a well-formed baseline of a known version is an error, never silently ignored. */
export function parseBaseline(file: string, text: string): Baseline {
  const value = parseJson(file, text);
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !('version' in value)) {
    throw new InputFileError(file, undefined, 'is not a secretsift baseline (no "version" field)');
  }
  const lineOf = lineFinder(file, text);
  const { version } = value;
  if (!READ_VERSIONS.includes(version)) {
    throw new InputFileError(file, lineOf(['version']), `baseline version is not supported: this secretsift reads versions ${READ_VERSIONS.join(' and ')} (was the file written by a newer secretsift?)`);
  }
  // Version 2 fingerprints mean nothing without their salt; version 1 has none to give.
  if ((version === BASELINE_VERSION) !== ('salt' in value)) {
    const detail = version === BASELINE_VERSION ? `baseline version ${BASELINE_VERSION} needs its "salt" (truncated or hand-edited?)` : 'a version 1 baseline has no "salt" (hand-edited?)';
    throw new InputFileError(file, lineOf(['version']), detail);
  }
  const [firstError] = validateSchema(value, baselineSchema);
  if (firstError) throw new InputFileError(file, lineOf(firstError.path), `${firstError.where || 'baseline'} ${firstError.message}`);
  // The schema has just checked this shape.
  const { mode, salt, entries } = value as unknown as { mode?: BaselineMode; salt?: string; entries: BaselineEntry[] };
  const seen = new Map<string, number>();
  entries.forEach((entry, i) => {
    const key = `${entry.rule}\0${entry.fingerprint}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) throw new InputFileError(file, lineOf(['entries', i]), `entries.${i} repeats entries.${earlier} (same rule and fingerprint)`);
    seen.set(key, i);
  });
  return { ...(mode !== undefined && { mode }), ...(salt !== undefined && { salt }), entries: sortEntries(entries) };
}

export function readBaseline(file: string): Baseline {
  return parseBaseline(file, readUserFile(file, BASELINE_FILE));
}

/**
 * Writes atomically, and not at all when the bytes would not change. Returns whether it wrote.
 * `guard` names the scanned paths, where a symlink is never written through.
 */
export function writeBaseline(file: string, baseline: Baseline, guard: OutputGuard = {}): boolean {
  const text = serializeBaseline(baseline);
  try {
    if (readUserFile(file, BASELINE_FILE) === text) return false;
  } catch {
    // absent or unreadable: write it
  }
  writeFileAtomic(file, text, guard);
  return true;
}

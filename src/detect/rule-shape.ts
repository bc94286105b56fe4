import { ALL_FILTERS, type RuleSpec } from './rule.js';
import { VALIDATORS } from './validators.js';

/**
 * Whether a value read back from the rules cache has the shape of validated rules, checked field by
 * field in well under a millisecond: it is not the pack validator (no YAML, no schema, no regex
 * compiled), only what keeps a damaged or foreign cache file from crashing a scan with a
 * TypeError halfway. Patterns are not recompiled: what the cache holds passed that check when it
 * was written, and its digest says it is what was written.
 */
export function isRuleSpecList(value: unknown): value is RuleSpec[] {
  return Array.isArray(value) && value.every(isRuleSpec);
}

const SEVERITIES: ReadonlySet<unknown> = new Set(['critical', 'high', 'medium', 'low', 'info']);
const FILTER_NAMES: ReadonlySet<unknown> = new Set(ALL_FILTERS);

type Fields = Record<string, unknown>;

function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStrings(value: unknown): boolean {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function optional(value: unknown, check: (value: unknown) => boolean): boolean {
  return value === undefined || check(value);
}

function isLists(value: unknown, keys: readonly string[]): boolean {
  return isObject(value) && keys.every((key) => optional(value[key], isStrings));
}

function isExample(value: unknown): boolean {
  return isObject(value) && typeof value.text === 'string' && optional(value.path, (p) => typeof p === 'string') && optional(value.secret, (s) => typeof s === 'string');
}

function isRuleSpec(value: unknown): boolean {
  if (!isObject(value)) return false;
  const { origin } = value;
  return (
    typeof value.id === 'string' &&
    typeof value.description === 'string' &&
    typeof value.pattern === 'string' &&
    optional(value.secretGroup, (group) => (typeof group === 'number' && Number.isInteger(group) && group >= 0) || typeof group === 'string') &&
    isStrings(value.keywords) &&
    optional(value.entropy, (entropy) => typeof entropy === 'number') &&
    optional(value.paths, (paths) => isLists(paths, ['include', 'exclude'])) &&
    optional(value.allowlist, (allowlist) => isLists(allowlist, ['regexes', 'stopwords', 'matches'])) &&
    optional(value.validate, (name) => typeof name === 'string' && Object.hasOwn(VALIDATORS, name)) &&
    Array.isArray(value.filters) &&
    value.filters.every((name) => FILTER_NAMES.has(name)) &&
    SEVERITIES.has(value.severity) &&
    isStrings(value.tags) &&
    isStrings(value.references) &&
    optional(value.remediation, (text) => typeof text === 'string') &&
    Array.isArray(value.examples) &&
    value.examples.every(isExample) &&
    Array.isArray(value.negatives) &&
    value.negatives.every(isExample) &&
    isObject(origin) &&
    typeof origin.file === 'string' &&
    optional(origin.line, (line) => typeof line === 'number')
  );
}

import { ALL_FILTERS, type RuleSpec } from '../model/rule.js';
import { CLASSIFIERS } from '../detect/classifiers.js';
import { VALIDATORS } from '../detect/validators.js';

/**
 * Whether a value read back from the rules cache has the shape of validated rules, checked field by
 * field: it is not the pack validator (no YAML, no schema, no regex compiled), only what keeps a
 * foreign or forged cache file from crashing a run with a TypeError halfway. Patterns are not
 * recompiled: what the cache holds passed that check when it was written, and its digest says it
 * is what was written. Plain loops: it runs once per process, in the interpreter, where iterators cost.
 */
export function isRuleSpecList(value: unknown): value is RuleSpec[] {
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) if (!isRuleSpec(value[i])) return false;
  return true;
}

export const SEVERITIES: ReadonlySet<unknown> = new Set(['critical', 'high', 'medium', 'low', 'info']);
const FILTER_NAMES: ReadonlySet<unknown> = new Set(ALL_FILTERS);

type Fields = Record<string, unknown>;

export function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isStrings(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) if (typeof value[i] !== 'string') return false;
  return true;
}

/** An object whose given keys are each absent or a list of strings. */
export function isLists(value: unknown, keys: readonly string[]): boolean {
  if (!isObject(value)) return false;
  for (let i = 0; i < keys.length; i++) {
    const list = value[keys[i] as string];
    if (list !== undefined && !isStrings(list)) return false;
  }
  return true;
}

function isExamples(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) {
    const example = value[i] as unknown;
    if (!isObject(example) || typeof example.text !== 'string') return false;
    if (example.path !== undefined && typeof example.path !== 'string') return false;
    if (example.secret !== undefined && typeof example.secret !== 'string') return false;
  }
  return true;
}

function isRuleSpec(value: unknown): boolean {
  if (!isObject(value)) return false;
  if (typeof value.id !== 'string' || typeof value.description !== 'string' || typeof value.pattern !== 'string') return false;
  const { secretGroup, entropy, paths, allowlist, validate, classify, filters, remediation, origin } = value;
  if (secretGroup !== undefined && typeof secretGroup !== 'string' && !(typeof secretGroup === 'number' && Number.isInteger(secretGroup) && secretGroup >= 0)) return false;
  if (entropy !== undefined && typeof entropy !== 'number') return false;
  if (paths !== undefined && !isLists(paths, ['include', 'exclude'])) return false;
  if (allowlist !== undefined && !isLists(allowlist, ['regexes', 'stopwords', 'matches'])) return false;
  if (validate !== undefined && !(typeof validate === 'string' && Object.hasOwn(VALIDATORS, validate))) return false;
  if (classify !== undefined && !(typeof classify === 'string' && Object.hasOwn(CLASSIFIERS, classify))) return false;
  if (!Array.isArray(filters)) return false;
  for (let i = 0; i < filters.length; i++) if (!FILTER_NAMES.has(filters[i])) return false;
  if (!SEVERITIES.has(value.severity)) return false;
  if (!isStrings(value.keywords) || !isStrings(value.tags) || !isStrings(value.references)) return false;
  if (remediation !== undefined && typeof remediation !== 'string') return false;
  if (!isExamples(value.examples) || !isExamples(value.negatives)) return false;
  if (value.verify !== undefined && !isVerifyBlock(value.verify)) return false;
  return isObject(origin) && typeof origin.file === 'string' && (origin.line === undefined || typeof origin.line === 'number');
}

/** The parts of a `verify:` block the stage reads without checking again. */
function isVerifyBlock(value: unknown): boolean {
  if (!isObject(value) || !isObject(value.request) || !isObject(value.valid)) return false;
  const { request, valid, invalid, hosts } = value;
  if (typeof request.method !== 'string' || typeof request.url !== 'string') return false;
  if (request.headers !== undefined && !isObject(request.headers)) return false;
  if (hosts !== undefined && !isStrings(hosts)) return false;
  if (value.with !== undefined && !isObject(value.with)) return false;
  return Array.isArray(valid.status) && (invalid === undefined || (isObject(invalid) && Array.isArray(invalid.status)));
}

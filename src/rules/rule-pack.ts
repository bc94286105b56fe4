import { readFileSync } from 'node:fs';
import path from 'node:path';
import RE2 from 're2';
import { validateSchema, type SchemaNode } from '../util/json-schema.js';
import { globProblem } from '../util/globs.js';
import { readUserFile, RULE_PACK_FILE } from '../util/read-user-file.js';
import { regexProblem } from '../util/regex-problem.js';
import { InputFileError, parseYamlFile, type InputProblem } from '../util/yaml-file.js';
import { ALL_FILTERS, type FilterName, type RuleExample, type RuleSpec, type Severity } from '../model/rule.js';
import { CLASSIFIERS } from '../detect/classifiers.js';
import { VALIDATORS } from '../detect/validators.js';
import { countGroups } from '../detect/regex-syntax.js';
import { RULES_DIR } from '../util/paths.js';
import type { VerifySpec } from '../model/verify-spec.js';
import { checkVerifyBlock } from './verify-block.js';

// Read on first use: a run served from the rules cache never validates a pack.
let ruleSchema: SchemaNode | undefined;
function schema(): SchemaNode {
  return (ruleSchema ??= JSON.parse(readFileSync(path.join(RULES_DIR, 'schema.json'), 'utf8')) as SchemaNode);
}

// As rules/schema.json has it; an id that is not one is not shown when an error names its rule.
const RULE_ID = /^[a-z0-9][a-z0-9-]*$/;

interface RawExample {
  text: string;
  path?: string;
  secret?: string;
}
interface RawRule {
  id: string;
  description: string;
  pattern: string;
  secretGroup?: number | string;
  keywords?: string[];
  entropy?: number;
  paths?: { include?: string[]; exclude?: string[] };
  allowlist?: { regexes?: string[]; stopwords?: string[]; matches?: string[] };
  validate?: string;
  classify?: string;
  filters?: FilterName[];
  severity?: Severity;
  tags?: string[];
  references?: string[];
  remediation?: string;
  examples: (string | RawExample)[];
  negatives: (string | RawExample)[];
  verify?: VerifySpec;
}

function toExample(example: string | RawExample): RuleExample {
  return typeof example === 'string' ? { text: example } : { ...example };
}

/**
 * Loads one pack, strictly: any fault names the file, the line, the rule and the key. A rule's id
 * and pattern are no secret, but its other values are not quoted: a config may name any file as a pack.
 */
export function loadPack(file: string): RuleSpec[] {
  return parsePack(file, readUserFile(file, RULE_PACK_FILE));
}

export function parsePack(file: string, text: string): RuleSpec[] {
  const yaml = parseYamlFile(file, text);
  const errors = validateSchema(yaml.value, schema());
  if (errors.length > 0) {
    const rules = (yaml.value as { rules?: { id?: unknown }[] } | null)?.rules;
    throw InputFileError.of(
      file,
      errors.map((error) => {
        const [, index] = error.path;
        const id = typeof index === 'number' ? rules?.[index]?.id : undefined;
        const ruleName = typeof id === 'string' && RULE_ID.test(id) ? `rule ${id}: ` : '';
        return { line: yaml.lineOf(error.path), detail: `${ruleName}${error.where || 'pack'} ${error.message}` };
      }),
    );
  }
  const rawRules = (yaml.value as { rules: RawRule[] }).rules;
  const seen = new Set<string>();
  // Each rule's first problem, for every rule that has one: one run shows all that needs fixing.
  const problems: InputProblem[] = [];
  const specs = rawRules.flatMap((raw, index) => {
    try {
      return [parseRule(raw, index)];
    } catch (error) {
      if (!(error instanceof InputFileError)) throw error;
      problems.push(error);
      return [];
    }
  });
  if (problems.length > 0) throw InputFileError.of(file, problems);
  return specs;

  function parseRule(raw: RawRule, index: number): RuleSpec {
    const line = yaml.lineOf(['rules', index]);
    const fail = (detail: string, at: (string | number)[] = []): never => {
      throw new InputFileError(file, yaml.lineOf(['rules', index, ...at]) ?? line, `rule ${raw.id}: ${detail}`);
    };
    if (seen.has(raw.id)) fail('duplicate rule id', ['id']);
    seen.add(raw.id);
    checkPattern(raw.pattern, fail);
    for (const key of ['regexes', 'matches'] as const) {
      for (const [i, regex] of (raw.allowlist?.[key] ?? []).entries()) {
        checkRegex(regex, (detail) => fail(`allowlist.${key}.${i} ${detail}`, ['allowlist', key, i]));
      }
    }
    for (const key of ['include', 'exclude'] as const) {
      for (const [i, glob] of (raw.paths?.[key] ?? []).entries()) {
        const problem = globProblem(glob);
        if (problem) fail(`paths.${key}.${i} ${problem}`, ['paths', key, i]);
      }
    }
    if (raw.validate && !(raw.validate in VALIDATORS)) {
      fail(`validate names no known validator (known: ${Object.keys(VALIDATORS).join(', ')})`, ['validate']);
    }
    if (raw.classify && !(raw.classify in CLASSIFIERS)) {
      fail(`classify names no known classifier (known: ${Object.keys(CLASSIFIERS).join(', ')})`, ['classify']);
    }
    checkSecretGroup(raw, fail);
    if (raw.verify) checkVerifyBlock(raw.verify, raw.pattern, fail);
    return {
      id: raw.id,
      description: raw.description,
      pattern: raw.pattern,
      secretGroup: raw.secretGroup,
      keywords: (raw.keywords ?? []).map((keyword) => keyword.toLowerCase()),
      entropy: raw.entropy,
      paths: raw.paths,
      allowlist: raw.allowlist,
      validate: raw.validate,
      ...(raw.classify !== undefined && { classify: raw.classify }),
      filters: raw.filters ?? [...ALL_FILTERS],
      severity: raw.severity ?? 'high',
      tags: raw.tags ?? [],
      references: raw.references ?? [],
      remediation: raw.remediation,
      examples: raw.examples.map(toExample),
      negatives: raw.negatives.map(toExample),
      ...(raw.verify !== undefined && { verify: raw.verify }),
      origin: { file, line },
    } satisfies RuleSpec;
  }
}

function checkRegex(pattern: string, fail: (detail: string) => never): RE2 {
  const problem = regexProblem(() => new RE2(pattern, 'u'));
  return problem ? fail(problem) : new RE2(pattern, 'u');
}

function checkPattern(pattern: string, fail: (detail: string, at?: (string | number)[]) => never): void {
  const regex = checkRegex(pattern, (detail) => fail(`pattern ${detail}`, ['pattern']));
  // A pattern that can match nothing at all would report every position of every file.
  if (regex.test('') || regex.exec('\n x')?.[0] === '') fail('pattern matches the empty string', ['pattern']);
  // Scans run every pattern in an RE2.Set, compiled only when a file needs it; one too big for a
  // Set's automaton must fail here, named, not later in the middle of a scan.
  try {
    new RE2.Set([pattern], 'u');
  } catch {
    fail("pattern is too large for RE2's automaton (shorten counted repetitions like {200} or narrow classes like \\p{L})", ['pattern']);
  }
}

function checkSecretGroup(raw: RawRule, fail: (detail: string, at?: (string | number)[]) => never): void {
  if (raw.secretGroup === undefined) return;
  const groups = new RE2(raw.pattern, 'u');
  // RE2 reports its groups through a match; find them from the source instead so no input is needed.
  const named = [...raw.pattern.matchAll(/\(\?P?<([A-Za-z_][A-Za-z0-9_]*)>/g)].map((m) => m[1]);
  if (typeof raw.secretGroup === 'string' && !named.includes(raw.secretGroup)) {
    fail('secretGroup is not a named group of the pattern', ['secretGroup']);
  }
  if (typeof raw.secretGroup === 'number' && raw.secretGroup > countGroups(groups.source)) {
    fail(`secretGroup is more than the pattern's ${countGroups(groups.source)} groups`, ['secretGroup']);
  }
}


/** Loads several packs; a rule id may be declared only once across all of them. */
export function loadPacks(files: readonly string[]): RuleSpec[] {
  const byId = new Map<string, RuleSpec>();
  for (const file of files) {
    for (const rule of loadPack(file)) {
      const earlier = byId.get(rule.id);
      if (earlier) {
        throw new InputFileError(
          file,
          rule.origin.line,
          `rule ${rule.id}: duplicate rule id (already declared in ${earlier.origin.file}:${earlier.origin.line ?? '?'}); use the config's "override" to change a built-in rule`,
        );
      }
      byId.set(rule.id, rule);
    }
  }
  return [...byId.values()];
}

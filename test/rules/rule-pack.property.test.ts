import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { InputFileError } from '../../src/util/yaml-file.js';
import { compileRules } from '../../src/detect/compile.js';
import { detect } from '../../src/detect/engine.js';
import { parsePack } from '../../src/rules/rule-pack.js';
import { ALL_FILTERS } from '../../src/model/rule.js';
import { VALIDATORS } from '../../src/detect/validators.js';

/** Pieces patterns are built from: valid RE2, syntax RE2 refuses, empty matches and automaton-busting repetitions. */
const PATTERN_PIECE = fc.constantFrom(
  'tok_',
  '[A-Za-z0-9]{8}',
  '(',
  ')',
  '(?P<key>',
  '(?<name>',
  '|',
  '*',
  '+?',
  '{2,5}',
  '{1001}',
  '\\b',
  '\\d',
  '\\p{L}',
  '[\\p{L}\\p{N}]{200}',
  '(?=x)',
  '\\1',
  '(?i)',
  '(?s).',
  '[',
  ']',
  '^',
  '$',
  'x?',
  '\\',
  'é',
  '',
);
const pattern = fc.array(PATTERN_PIECE, { maxLength: 8 }).map((pieces) => pieces.join(''));

/** A value of the right type most of the time, sometimes of any type, sometimes absent. */
function field<T>(valid: fc.Arbitrary<T>): fc.Arbitrary<T | unknown> {
  return fc.oneof({ weight: 6, arbitrary: valid }, { weight: 1, arbitrary: fc.anything({ maxDepth: 1 }) }, { weight: 1, arbitrary: fc.constant(undefined) });
}

const word = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,10}$/);
const text = fc.string({ maxLength: 12 });

const nonEmpty = fc.string({ minLength: 1, maxLength: 12 });
const GOOD_PATTERN = fc.constantFrom('(tok_[A-Za-z0-9]{8})', 'key=(?P<key>[a-zé]+)', '(?i)tok_\\w{4,}', '(?s)tok_.{1,40}?(?:\\n|$)', 'ke(y)=(?<name>\\S+)');

const anyPattern = fc.oneof({ weight: 3, arbitrary: GOOD_PATTERN }, { weight: 1, arbitrary: pattern });

/** Every field of a rule: schema-valid values (which may still be refused: bad RE2, missing groups), or with `chaos` anything at all. */
function ruleOf(chaos: boolean) {
  const maybe = <T>(valid: fc.Arbitrary<T>): fc.Arbitrary<T | unknown> => (chaos ? field(valid) : valid);
  return fc.record(
    {
      id: maybe(chaos ? fc.oneof(word, text) : word),
      description: maybe(nonEmpty),
      pattern: maybe(anyPattern.filter((p) => p !== '')),
      secretGroup: maybe(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(0, 1) }, { weight: 1, arbitrary: fc.constantFrom(3, 'key', 'name', 'other') })),
      keywords: maybe(fc.array(fc.oneof(fc.constantFrom('tok_', 'key', 'é=é'), fc.string({ minLength: 3, maxLength: 6 })), { maxLength: 3 })),
      entropy: maybe(fc.double({ min: 0, max: 8, noNaN: true })),
      paths: maybe(fc.record({ include: fc.array(fc.constantFrom('**/*.env', '[', '!(x', '{a,b}', '**', 'dir/**', '\\'), { maxLength: 2 }), exclude: fc.array(text, { maxLength: 1 }) }, { requiredKeys: [] })),
      allowlist: maybe(fc.record({ regexes: fc.array(anyPattern, { maxLength: 2 }), stopwords: fc.array(text, { maxLength: 2 }), matches: fc.array(anyPattern, { maxLength: 2 }) }, { requiredKeys: [] })),
      validate: chaos ? field(fc.oneof(fc.constantFrom(...Object.keys(VALIDATORS)), nonEmpty)) : fc.constantFrom(...Object.keys(VALIDATORS)),
      filters: maybe(fc.subarray([...ALL_FILTERS])),
      severity: maybe(fc.constantFrom('critical', 'high', 'medium', 'low', 'info')),
      tags: maybe(fc.array(text, { maxLength: 2 })),
      examples: maybe(fc.array(fc.oneof(nonEmpty, fc.record({ text: nonEmpty, secret: nonEmpty }, { requiredKeys: ['text'] })), { minLength: 1, maxLength: 2 })),
      negatives: maybe(fc.array(nonEmpty, { maxLength: 2 })),
      ...(chaos && { unknownKey: fc.option(fc.anything({ maxDepth: 1 }), { nil: undefined }) }),
    },
    { requiredKeys: chaos ? [] : ['id', 'description', 'pattern', 'examples', 'negatives'] },
  );
}
// Mostly well-formed rules, so that many packs load and their rules get compiled and run.
const rule = fc.oneof({ weight: 1, arbitrary: ruleOf(true) }, { weight: 4, arbitrary: ruleOf(false) });

/** Drops undefined fields: YAML cannot say "absent" otherwise. */
function defined(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}

describe('random rule packs (property)', () => {
  it('load, or fail with an InputFileError naming the rule; loaded rules compile and run', () => {
    fc.assert(
      fc.property(fc.array(rule, { minLength: 1, maxLength: 3 }), (rules) => {
        const pack = { rules: rules.map(defined) };
        let specs: ReturnType<typeof parsePack>;
        try {
          specs = parsePack('random.yaml', stringify(pack));
        } catch (error) {
          expect(error).toBeInstanceOf(InputFileError);
          // By id when the rule has a string one, else by its place in the pack.
          expect((error as Error).message).toMatch(/^random\.yaml(:\d+)?: (rule ([a-z0-9-]+|".*"): |rules\.\d+)/s);
          return;
        }
        // Regexes and Sets compile lazily: what loading accepted must compile and run.
        const sample = Buffer.from('tok_ABCDEFGH key=é value tok_abcdefgh\nsecond line');
        expect(() => detect(compileRules(specs), sample, 'dir/file.env', { decodeDepth: 1 })).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });
});

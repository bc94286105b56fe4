import { describe, expect, it } from 'vitest';
import { countGroups } from '../../src/detect/regex-syntax.js';
import { InputFileError } from '../../src/util/yaml-file.js';
import { parsePack } from '../../src/rules/rule-pack.js';


const VALID_RULE = `  - id: demo
    description: Demo
    pattern: '(dmo_[a-z0-9]{8})'
    keywords: [DMO_]
    examples: ['dmo_a1b2c3d4']
    negatives: ['dmo_x']
`;

function loadError(text: string): InputFileError {
  try {
    parsePack('pack.yaml', text);
  } catch (error) {
    if (error instanceof InputFileError) return error;
    throw error;
  }
  throw new Error('expected the pack to be refused');
}

describe('parsePack', () => {
  it('loads a valid rule with defaults and lower-cased keywords', () => {
    const [rule] = parsePack('pack.yaml', `rules:\n${VALID_RULE}`);
    expect(rule).toMatchObject({ id: 'demo', keywords: ['dmo_'], severity: 'high', filters: ['placeholder', 'template'] });
    expect(rule?.origin).toEqual({ file: 'pack.yaml', line: 2 });
    expect(rule?.examples).toEqual([{ text: 'dmo_a1b2c3d4' }]);
  });

  it('names file, line and rule for an unknown key', () => {
    const error = loadError(`rules:\n${VALID_RULE}    colour: red\n`);
    expect(error.file).toBe('pack.yaml');
    expect(error.line).toBe(8);
    expect(error.message).toMatch(/rule demo: rules\.0 has an unknown key \(expected one of: id, /);
  });

  it('names the rule for a wrong type', () => {
    const error = loadError(`rules:\n${VALID_RULE.replace('keywords: [DMO_]', 'keywords: dmo_')}`);
    expect(error.message).toMatch(/rule demo: rules\.0\.keywords must be an array/);
    expect(error.line).toBe(5);
  });

  it('refuses patterns RE2 cannot run, naming the rule and why', () => {
    const error = loadError(`rules:\n${VALID_RULE.replace("'(dmo_[a-z0-9]{8})'", "'(?<=x)dmo_'")}`);
    expect(error.message).toMatch(/rule demo: pattern is not valid RE2 syntax/);
    expect(error.line).toBe(4);
    expect(loadError(`rules:\n${VALID_RULE.replace("'(dmo_[a-z0-9]{8})'", "'(a)\\1'")}`).message).toMatch(/not valid RE2/);
  });

  it("refuses, naming the rule, a pattern too large for RE2's automaton", () => {
    for (const pattern of ['([\\p{L}\\p{N}]{1000})', '([\\p{L}\\p{N}]{200})']) {
      const error = loadError(`rules:\n${VALID_RULE.replace("'(dmo_[a-z0-9]{8})'", `'${pattern}'`)}`);
      expect(error.message).toMatch(/rule demo: pattern (is not valid RE2 syntax: pattern too large|is too large for RE2's automaton)/);
      expect(error.line).toBe(4);
    }
  });

  it('refuses a pattern that matches the empty string', () => {
    expect(loadError(`rules:\n${VALID_RULE.replace("'(dmo_[a-z0-9]{8})'", "'(dmo_)?'")}`).message).toMatch(/matches the empty string/);
  });

  it('refuses duplicate ids, unknown validators and missing secret groups', () => {
    expect(loadError(`rules:\n${VALID_RULE}${VALID_RULE}`).message).toMatch(/rule demo: duplicate rule id/);
    expect(loadError(`rules:\n${VALID_RULE}    validate: nope\n`).message).toMatch(/rule demo: validate names no known validator \(known: /);
    expect(loadError(`rules:\n${VALID_RULE}    secretGroup: 3\n`).message).toMatch(/secretGroup is more than the pattern's 1 groups/);
    expect(loadError(`rules:\n${VALID_RULE}    secretGroup: key\n`).message).toMatch(/rule demo: secretGroup is not a named group/);
  });

  it('reports malformed YAML with its line', () => {
    const error = loadError('rules:\n  - id: [unclosed\n');
    expect(error.line).toBeGreaterThanOrEqual(2);
  });

  it('refuses alias bombs instead of expanding them', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    expect(() => parsePack('bomb.yaml', `${bomb.join('\n')}\nrules: []\n`)).toThrow(InputFileError);
  });
});

describe('countGroups', () => {
  it('counts capturing groups only', () => {
    expect(countGroups('a(b)(?:c)(?P<n>d)[(]\\(')).toBe(2);
    expect(countGroups('(?i)abc')).toBe(0);
  });
});

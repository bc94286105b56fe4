import { ALL_FILTERS, type RuleSpec } from '../../src/model/rule.js';
import { parsePack } from '../../src/rules/rule-pack.js';
import { InputFileError } from '../../src/util/yaml-file.js';

/** A rule as a pack would declare it, with defaults for everything a test does not care about. */
export function testRule(fields: Partial<RuleSpec> & Pick<RuleSpec, 'id' | 'pattern'>): RuleSpec {
  return {
    description: fields.id,
    keywords: [],
    filters: [...ALL_FILTERS],
    severity: 'high',
    tags: [],
    references: [],
    examples: [],
    negatives: [],
    origin: { file: 'test', line: 1 },
    ...fields,
  };
}

/** The problems loading a pack's text reports, one per line of its error (none when it loads). */
export function packProblems(text: string): string[] {
  try {
    parsePack('pack.yaml', text);
  } catch (error) {
    if (error instanceof InputFileError) return error.message.split('\n');
    throw error;
  }
  return [];
}

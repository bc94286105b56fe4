import { ALL_FILTERS, type RuleSpec } from '../../src/model/rule.js';

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

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { testRule } from '../helpers/rules.js';
import { compileRules } from '../../src/detect/compile.js';
import { detect } from '../../src/detect/engine.js';
import { piece, plant, TOKEN_RULE_PATTERN } from '../helpers/planted.js';

const tokenRule = testRule({ id: 'planted', description: 'planted token', pattern: TOKEN_RULE_PATTERN, keywords: ['tok_'] });
const compiled = compileRules([tokenRule]);

describe('planted tokens (property)', () => {
  it('every planted token is found exactly once, at its line and column, whatever the line endings', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
        const { text, expected } = plant(pieces);
        const found = detect(compiled, Buffer.from(text, 'utf8'), 'file.txt').map((finding): [number, number, string] => [finding.startLine, finding.startColumn, finding.secret]);
        expect(found).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });
});

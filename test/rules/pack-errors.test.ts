import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { packProblems as problemsOf } from '../helpers/rules.js';
import { tempDir } from '../helpers/temp.js';

const rule = (id: string, pattern: string, extra = '') => `  - id: ${id}
    description: d
    pattern: '${pattern}'
    keywords: [abc_]
    examples: ['abc_12345678']
    negatives: ['abc_x']
${extra}`;

describe('a broken rule pack', () => {
  it('names every broken rule at its line, one run for all', () => {
    const text = `rules:\n${rule('good', '(abc_[0-9]{8})')}${rule('bad-regex', '(abc_[0-9]{8}')}${rule('bad-validator', '(abc_[0-9]{8})', '    validate: nope\n')}${rule('empty-match', '(x*)')}`;
    const problems = problemsOf(text);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^pack\.yaml:\d+: rule bad-regex: pattern /);
    expect(problems[1]).toMatch(/^pack\.yaml:\d+: rule bad-validator: validate names no known validator/);
    expect(problems[2]).toMatch(/^pack\.yaml:\d+: rule empty-match: pattern matches the empty string/);
  });

  it('names every schema problem, not only the first', () => {
    const text = `rules:\n${rule('one', '(abc_[0-9]{8})', '    severity: urgent\n')}${rule('two', '(abc_[0-9]{8})', '    colour: blue\n')}`;
    const problems = problemsOf(text);
    expect(problems.length).toBeGreaterThanOrEqual(2);
    expect(problems.some((line) => /rule one: .*severity/.test(line))).toBe(true);
    expect(problems.some((line) => /rule two: /.test(line))).toBe(true);
  });

  it('is said in full by the CLI, exit 2', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'pack.yaml');
    writeFileSync(file, `rules:\n${rule('bad-regex', '(abc_[0-9]{8}')}${rule('bad-validator', '(abc_[0-9]{8})', '    validate: nope\n')}`);
    const result = await runCli(['rules', 'test', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('rule bad-regex:');
    expect(result.stderr).toContain('rule bad-validator:');
  });
});

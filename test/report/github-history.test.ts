import { describe, expect, it } from 'vitest';
import { formatGithub } from '../../src/report/github.js';
import { demoFinding, OPTIONS, reportOf } from './report-fixtures.js';

const commit = { sha: 'c'.repeat(40), author: 'Ada Tester', email: 'ada@example.test', date: '2024-01-01T12:00:00Z', message: 'add config' };
const exposure = (stillExposed: boolean) => ({ stillExposed, refs: stillExposed ? ['refs/heads/main'] : [], since: '2024-01-01T12:00:00Z', days: 3 });

describe('GitHub annotations of history findings', () => {
  it('point at the file and line when a ref tip still holds the secret', () => {
    const [line] = formatGithub(reportOf([demoFinding({ commit, exposure: exposure(true) })]), OPTIONS).split('\n');
    expect(line).toMatch(/^::error file=src\/app\.js,line=3,col=10,/);
    expect(line).toContain(`(introduced in commit ${'c'.repeat(12)})`);
  });

  it('annotate the run, not a line of today, for a secret only in history, saying where it was', () => {
    const [line] = formatGithub(reportOf([demoFinding({ commit, exposure: exposure(false) })]), OPTIONS).split('\n');
    expect(line).toMatch(/^::error title=secretsift%3A demo-token::/);
    expect(line).not.toContain('file=');
    expect(line).toContain(`(only in history: introduced in commit ${'c'.repeat(12)} at src/app.js:3)`);
  });
});

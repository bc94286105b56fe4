import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/model/finding.js';
import { groupHistoryFindings } from '../../src/enrich/group-history.js';
import type { Introduction } from '../../src/sources/git-attribution.js';

function finding(secret: string, path: string, line: number): Finding {
  return {
    ruleId: 'demo-token',
    description: 'demo',
    severity: 'high',
    tags: [],
    path,
    startLine: line,
    startColumn: 1,
    endLine: line,
    endColumn: 1 + secret.length,
    secret,
    lineText: secret,
    entropy: 4,
  };
}

function intro(sha: string, date: string, path: string, order: number): Introduction {
  return { commit: { sha, author: 'A', email: 'a@x', date, message: sha }, path, order };
}

describe('groupHistoryFindings', () => {
  it('groups by rule and secret, leads with the earliest location, and marks exposure', () => {
    const now = new Date('2024-01-11T00:00:00Z');
    const introductions = new Map([
      ['blob2', [intro('c2', '2024-01-05T00:00:00Z', 'b.env', 2)]],
      ['blob1', [intro('c1', '2024-01-01T00:00:00Z', 'a.env', 1), intro('c3', '2024-01-07T00:00:00Z', 'copy.env', 3)]],
      ['blob3', [intro('c4', '2024-01-08T00:00:00Z', 'x.env', 4)]],
    ]);
    const exposedAt = new Map([['blob3', new Set(['refs/heads/main'])]]);
    const grouped = groupHistoryFindings(
      [
        { oid: 'blob2', finding: finding('dmo_same', 'b.env', 3) },
        { oid: 'blob1', finding: finding('dmo_same', 'a.env', 1) },
        { oid: 'blob3', finding: finding('dmo_other', 'x.env', 2) },
      ],
      { introductions, exposedAt, now },
    );
    expect(grouped.map((f) => [f.secret, f.path, f.commit?.sha, f.exposure?.stillExposed, f.exposure?.days])).toEqual([
      ['dmo_other', 'x.env', 'c4', true, 3],
      ['dmo_same', 'a.env', 'c1', false, 10],
    ]);
    expect(grouped[1]?.locations?.map((l) => [l.path, l.startLine, l.commit?.sha])).toEqual([
      ['a.env', 1, 'c1'],
      ['b.env', 3, 'c2'],
      ['copy.env', 1, 'c3'],
    ]);
  });
});

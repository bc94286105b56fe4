import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/detect/finding.js';
import { emptyStats } from '../../src/scan/scan-stats.js';
import { applyBaseline, entriesFromFindings, staleEntries, updateBaseline, type Baseline } from '../../src/suppress/baseline.js';
import type { Suppressed } from '../../src/suppress/suppression.js';
import { fakeDemoToken } from '../helpers/tokens.js';
import { detectDemo } from './detect-demo.js';

const asIs = (finding: Finding): string => finding.path;

function result(findings: Finding[], suppressed: Suppressed[] = []) {
  return { findings, suppressed, stats: emptyStats(), errors: [] };
}

describe('entriesFromFindings', () => {
  it('makes one entry per rule and secret, with the first line of each path, in canonical order', () => {
    const a = fakeDemoToken();
    const b = fakeDemoToken();
    const findings = [
      ...detectDemo(`x=${b}\n\ny=${a}\nz=${a}\n`, 'z.env'),
      ...detectDemo(`\n\n\nw=${a}\n`, 'a.env'),
    ];
    const entries = entriesFromFindings(findings, asIs);
    expect(entries).toHaveLength(2);
    const entryA = entries.find((entry) => entry.fingerprint === findings[1]?.fingerprint);
    expect(entryA?.locations).toEqual([
      { path: 'a.env', line: 4 },
      { path: 'z.env', line: 3 },
    ]);
    // Sorted by first path: the a.env entry comes first.
    expect(entries[0]).toBe(entryA);
    expect(entries[1]?.locations).toEqual([{ path: 'z.env', line: 1 }]);
  });

  it('is independent of the order findings arrive in', () => {
    const findings = [...detectDemo(`a=${fakeDemoToken()}\nb=${fakeDemoToken()}\n`, 'one.env'), ...detectDemo(`c=${fakeDemoToken()}\n`, 'two.env')];
    expect(entriesFromFindings([...findings].reverse(), asIs)).toEqual(entriesFromFindings(findings, asIs));
  });

  it('records the path the caller chooses', () => {
    const [finding] = detectDemo(`a=${fakeDemoToken()}\n`, 'sub/app.env');
    expect(entriesFromFindings([finding as Finding], (f) => `root/${f.path}`)[0]?.locations[0]?.path).toBe('root/sub/app.env');
  });
});

describe('applyBaseline', () => {
  const known = fakeDemoToken();
  const fresh = fakeDemoToken();
  const findings = detectDemo(`a=${known}\nb=${fresh}\n`);
  const baseline: Baseline = { entries: entriesFromFindings(findings.slice(0, 1), asIs) };

  it('moves known findings to suppressed with reason baseline and counts them', () => {
    const applied = applyBaseline(result(findings), baseline);
    expect(applied.findings.map((f) => f.secret)).toEqual([fresh]);
    expect(applied.suppressed).toEqual([{ finding: findings[0], reason: 'baseline' }]);
    expect(applied.stats.suppressed).toEqual({ inline: 0, allowlist: 0, baseline: 1 });
  });

  it('matches by rule and secret, not by path or line', () => {
    const moved = detectDemo(`${'\n'.repeat(50)}    other = "${known}"\n`, 'renamed/elsewhere.txt');
    expect(applyBaseline(result(moved), baseline).findings).toEqual([]);
  });

  it('does not match the same secret under another rule', () => {
    const [finding] = findings;
    const otherRule = { ...(finding as Finding), ruleId: 'other-rule' };
    expect(applyBaseline(result([otherRule]), baseline).findings).toEqual([otherRule]);
  });

  it('keeps other suppressions, sorted, and leaves the input untouched', () => {
    const inline = detectDemo(`c=${fakeDemoToken()}\n`, 'a-first.env');
    const input = result(findings, [{ finding: inline[0] as Finding, reason: 'inline' }]);
    input.stats.suppressed.inline = 1;
    const applied = applyBaseline(input, baseline);
    expect(applied.suppressed.map((s) => s.reason)).toEqual(['inline', 'baseline']);
    expect(applied.stats.suppressed).toEqual({ inline: 1, allowlist: 0, baseline: 1 });
    expect(input.findings).toHaveLength(2);
    expect(input.stats.suppressed.baseline).toBe(0);
  });

  it('returns the result as it was when nothing matches', () => {
    const input = result(detectDemo(`a=${fakeDemoToken()}\n`));
    expect(applyBaseline(input, baseline)).toBe(input);
  });
});

describe('updateBaseline', () => {
  const kept = fakeDemoToken();
  const gone = fakeDemoToken();
  const renamed = fakeDemoToken();
  const original = entriesFromFindings(detectDemo(`a=${kept}\nb=${gone}\nc=${renamed}\n`, 'app.env'), asIs);

  it('keeps unchanged entries verbatim, line hints included, even when the line moved', () => {
    const now = entriesFromFindings(detectDemo(`${'\n'.repeat(50)}a=${kept}\nb=${gone}\nc=${renamed}\n`, 'app.env'), asIs);
    const update = updateBaseline({ entries: original }, now);
    expect(update.baseline.entries).toEqual(original);
    expect(update).toMatchObject({ added: [], removed: [], moved: [], unchanged: 3 });
  });

  it('adds new entries, removes those gone, and reports renamed ones as moved', () => {
    const added = fakeDemoToken();
    const now = entriesFromFindings([...detectDemo(`a=${kept}\n\nd=${added}\n`, 'app.env'), ...detectDemo(`\n\nc=${renamed}\n`, 'moved.env')], asIs);
    const update = updateBaseline({ entries: original }, now);
    expect(update.added.map((e) => e.locations)).toEqual([[{ path: 'app.env', line: 3 }]]);
    expect(update.removed.map((e) => e.locations)).toEqual([[{ path: 'app.env', line: 2 }]]);
    expect(update.moved).toHaveLength(1);
    expect(update.moved[0]?.before.locations).toEqual([{ path: 'app.env', line: 3 }]);
    expect(update.moved[0]?.after.locations).toEqual([{ path: 'moved.env', line: 3 }]);
    expect(update.unchanged).toBe(1);
    expect(update.baseline.entries).toHaveLength(3);
  });

  it('keeps line hints of paths an entry still has when it gains another', () => {
    const now = entriesFromFindings([...detectDemo(`\n\n\n\na=${kept}\n`, 'app.env'), ...detectDemo(`a=${kept}\n`, 'copy.env')], asIs);
    const update = updateBaseline({ entries: original.filter((e) => e.locations[0]?.line === 1) }, now);
    expect(update.baseline.entries[0]?.locations).toEqual([
      { path: 'app.env', line: 1 },
      { path: 'copy.env', line: 1 },
    ]);
  });
});

describe('staleEntries', () => {
  it('lists entries no current finding matches', () => {
    const a = fakeDemoToken();
    const b = fakeDemoToken();
    const entries = entriesFromFindings(detectDemo(`a=${a}\nb=${b}\n`), asIs);
    const now = entriesFromFindings(detectDemo(`b=${b}\n`, 'renamed.env'), asIs);
    expect(staleEntries({ entries }, now)).toEqual([entries[0]]);
    expect(staleEntries({ entries: now }, entries)).toEqual([]);
  });
});

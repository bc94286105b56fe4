import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/model/finding.js';
import { emptyStats } from '../../src/model/scan-stats.js';
import { entriesFromFindings, fingerprinterOf, resalt, staleEntries, suppressBaselined, updateBaseline, type Baseline, type BaselinePathOf } from '../../src/suppress/baseline.js';
import { newSalt, saltedFingerprints, unsaltedFingerprint } from '../../src/suppress/fingerprint.js';
import type { Draft } from '../../src/model/occurrence.js';
import type { Suppressed } from '../../src/model/suppression.js';
import { fakeDemoToken } from '../helpers/tokens.js';
import { detectDemo } from './detect-demo.js';

const asIs = (finding: Finding): string => finding.path;
const salt = newSalt();
const print = saltedFingerprints(salt);
const entriesOf = (findings: Finding[], pathOf: BaselinePathOf = asIs) => entriesFromFindings(findings, pathOf, print);

const applyBaseline = (draft: Draft, to: Baseline) => suppressBaselined(to).run(draft) as Draft;

function result(findings: Finding[], suppressed: Suppressed[] = []): Draft {
  return { occurrences: [], suppressedOccurrences: [], findings, suppressed, stats: emptyStats(), errors: [], warnings: [] };
}

describe('entriesFromFindings', () => {
  it('makes one entry per rule and secret, with the first line of each path, in canonical order', () => {
    const a = fakeDemoToken();
    const b = fakeDemoToken();
    const findings = [
      ...detectDemo(`x=${b}\n\ny=${a}\nz=${a}\n`, 'z.env'),
      ...detectDemo(`\n\n\nw=${a}\n`, 'a.env'),
    ];
    const entries = entriesOf(findings);
    expect(entries).toHaveLength(2);
    const entryA = entries.find((entry) => entry.fingerprint === print('demo-token', findings[1]?.secret ?? ''));
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
    expect(entriesOf([...findings].reverse())).toEqual(entriesOf(findings));
  });

  it('records the path the caller chooses', () => {
    const [finding] = detectDemo(`a=${fakeDemoToken()}\n`, 'sub/app.env');
    expect(entriesOf([finding as Finding], (f) => `root/${f.path}`)[0]?.locations[0]?.path).toBe('root/sub/app.env');
  });
});

describe('the baseline stage', () => {
  const known = fakeDemoToken();
  const fresh = fakeDemoToken();
  const findings = detectDemo(`a=${known}\nb=${fresh}\n`);
  const baseline: Baseline = { salt, entries: entriesOf(findings.slice(0, 1)) };

  it('moves known findings to suppressed with reason baseline, and keys fingerprints with its salt', () => {
    const applied = applyBaseline(result(findings), baseline);
    expect(applied.findings.map((f) => f.secret)).toEqual([fresh]);
    expect(applied.suppressed).toEqual([{ finding: findings[0], reason: 'baseline' }]);
    expect(applied.fingerprintKey).toBe(salt);
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

  it('keeps other suppressions, and leaves the input untouched', () => {
    const inline = detectDemo(`c=${fakeDemoToken()}\n`, 'a-first.env');
    const input = result(findings, [{ finding: inline[0] as Finding, reason: 'inline' }]);
    const applied = applyBaseline(input, baseline);
    expect(applied.suppressed.map((s) => s.reason)).toEqual(['inline', 'baseline']);
    expect(input.findings).toHaveLength(2);
    expect(input.suppressed).toHaveLength(1);
  });

  it('keeps every finding when nothing matches', () => {
    const input = result(detectDemo(`a=${fakeDemoToken()}\n`));
    expect(applyBaseline(input, baseline).findings).toEqual(input.findings);
    expect(applyBaseline(input, baseline).suppressed).toEqual([]);
  });
});

describe('updateBaseline', () => {
  const kept = fakeDemoToken();
  const gone = fakeDemoToken();
  const renamed = fakeDemoToken();
  const original = entriesOf(detectDemo(`a=${kept}\nb=${gone}\nc=${renamed}\n`, 'app.env'));

  it('keeps unchanged entries verbatim, line hints included, even when the line moved', () => {
    const now = entriesOf(detectDemo(`${'\n'.repeat(50)}a=${kept}\nb=${gone}\nc=${renamed}\n`, 'app.env'));
    const update = updateBaseline({ salt, entries: original }, now);
    expect(update.baseline).toEqual({ salt, entries: original });
    expect(update).toMatchObject({ added: [], removed: [], moved: [], unchanged: 3 });
  });

  it('adds new entries, removes those gone, and reports renamed ones as moved', () => {
    const added = fakeDemoToken();
    const now = entriesOf([...detectDemo(`a=${kept}\n\nd=${added}\n`, 'app.env'), ...detectDemo(`\n\nc=${renamed}\n`, 'moved.env')]);
    const update = updateBaseline({ salt, entries: original }, now);
    expect(update.added.map((e) => e.locations)).toEqual([[{ path: 'app.env', line: 3 }]]);
    expect(update.removed.map((e) => e.locations)).toEqual([[{ path: 'app.env', line: 2 }]]);
    expect(update.moved).toHaveLength(1);
    expect(update.moved[0]?.before.locations).toEqual([{ path: 'app.env', line: 3 }]);
    expect(update.moved[0]?.after.locations).toEqual([{ path: 'moved.env', line: 3 }]);
    expect(update.unchanged).toBe(1);
    expect(update.baseline.entries).toHaveLength(3);
  });

  it('keeps line hints of paths an entry still has when it gains another', () => {
    const now = entriesOf([...detectDemo(`\n\n\n\na=${kept}\n`, 'app.env'), ...detectDemo(`a=${kept}\n`, 'copy.env')]);
    const update = updateBaseline({ salt, entries: original.filter((e) => e.locations[0]?.line === 1) }, now);
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
    const entries = entriesOf(detectDemo(`a=${a}\nb=${b}\n`));
    const now = entriesOf(detectDemo(`b=${b}\n`, 'renamed.env'));
    expect(staleEntries({ salt, entries }, now)).toEqual([entries[0]]);
    expect(staleEntries({ salt, entries: now }, entries)).toEqual([]);
  });
});

describe('salted fingerprints', () => {
  it('are keyed by the salt: the same secret gets unrelated fingerprints under two salts, never its plain hash', () => {
    const [finding] = detectDemo(`a=${fakeDemoToken()}\n`) as [Finding];
    const [one] = entriesFromFindings([finding], asIs, saltedFingerprints(newSalt()));
    const [two] = entriesFromFindings([finding], asIs, saltedFingerprints(newSalt()));
    expect(one?.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(one?.fingerprint).not.toBe(two?.fingerprint);
    expect([one?.fingerprint, two?.fingerprint]).not.toContain(unsaltedFingerprint(finding.ruleId, finding.secret));
    // Deterministic for one salt: a baseline updated twice does not churn.
    expect(entriesOf([finding])).toEqual(entriesOf([finding]));
  });
});

describe('version 1 (unsalted) baselines', () => {
  const known = fakeDemoToken();
  const gone = fakeDemoToken();
  const findings = detectDemo(`a=${known}\nb=${gone}\n`, 'app.env');
  const legacy: Baseline = { entries: entriesFromFindings(findings, asIs, unsaltedFingerprint) };

  it('still suppress what they list', () => {
    expect(fingerprinterOf(legacy)).toBe(unsaltedFingerprint);
    const applied = applyBaseline(result(detectDemo(`moved=${known}\n`, 'other.env')), legacy);
    expect(applied.findings).toEqual([]);
    expect(applied.suppressed.map((s) => s.reason)).toEqual(['baseline']);
  });

  it('are carried over to a salt: entries still found take salted fingerprints and keep their locations, the rest are lost', () => {
    const now = detectDemo(`\n\na=${known}\n`, 'app.env');
    const { baseline, lost } = resalt(legacy, now, salt);
    expect(baseline.salt).toBe(salt);
    expect(baseline.entries).toEqual([{ rule: 'demo-token', fingerprint: print('demo-token', known), locations: [{ path: 'app.env', line: 1 }] }]);
    expect(lost).toEqual([legacy.entries[1]]);
    // The carried-over baseline suppresses the same finding under its salt.
    expect(applyBaseline(result(now), baseline).findings).toEqual([]);
  });
});

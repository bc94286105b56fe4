import { describe, expect, it } from 'vitest';
import type { CommitInfo, FindingLocation } from '../../src/model/finding.js';
import type { RuleMeta } from '../../src/report/report.js';
import { artifactUri, automationId, formatSarif, MAX_RELATED_LOCATIONS, ruleName } from '../../src/report/sarif.js';
import { newSalt, saltedFingerprints, unsaltedFingerprint } from '../../src/suppress/fingerprint.js';
import { sarifSchemaErrors } from '../helpers/sarif.js';
import { demoFinding, OPTIONS, reportOf } from './report-fixtures.js';

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> } }[];
  relatedLocations?: { id: number }[];
  partialFingerprints: Record<string, string>;
  suppressions?: { kind: string }[];
  properties: Record<string, unknown>;
}
interface SarifRule {
  id: string;
  name?: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  helpUri?: string;
  properties: { tags: string[]; 'security-severity': string };
}
interface SarifLog {
  version: string;
  runs: {
    tool: { driver: { name: string; version: string; informationUri: string; rules: SarifRule[] } };
    automationDetails: { id: string };
    columnKind: string;
    results: SarifResult[];
  }[];
}

const parse = (text: string): SarifLog => JSON.parse(text) as SarifLog;

const RULES: RuleMeta[] = [
  { id: 'other-token', description: 'Other token', severity: 'medium', tags: [], references: [] },
  { id: 'demo-token', description: 'Demo service token', severity: 'high', tags: ['demo'], references: ['https://example.test/rotate'], remediation: 'Revoke it in the demo console.' },
];

const COMMIT: CommitInfo = { sha: 'a'.repeat(40), author: 'Ada Tester', email: 'ada@example.test', date: '2024-01-01T12:00:00Z', message: 'add config' };

describe('SARIF format', () => {
  it('is valid against the SARIF 2.1.0 schema and describes every rule once', () => {
    const finding = demoFinding();
    const log = parse(formatSarif(reportOf([finding]), { ...OPTIONS, rules: RULES }));
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const run = log.runs[0]!;
    expect(run.columnKind).toBe('unicodeCodePoints');
    expect(run.tool.driver).toMatchObject({ name: 'secretsift', version: '1.2.3', informationUri: expect.stringMatching(/^https:\/\//) });
    expect(run.tool.driver.rules.map((rule) => rule.id)).toEqual(['other-token', 'demo-token']);
    const rule = run.tool.driver.rules[1]!;
    expect(rule.name).toBe('DemoToken');
    expect(rule.shortDescription.text).toBe('Demo service token');
    expect(rule.fullDescription.text).toBeTruthy();
    expect(rule.help.text).toContain('Revoke it in the demo console.');
    expect(rule.help.markdown).toContain('### How to fix');
    expect(rule.helpUri).toBe('https://example.test/rotate');
    expect(rule.properties.tags).toEqual(['security', 'secret', 'demo']);
    expect(rule.properties['security-severity']).toBe('8.0');
    const [result] = run.results;
    expect(result).toMatchObject({ ruleId: 'demo-token', ruleIndex: 1, level: 'error' });
    expect(result!.locations).toHaveLength(1);
    expect(result!.locations[0]!.physicalLocation).toEqual({
      artifactLocation: { uri: 'src/app.js' },
      region: { startLine: 3, startColumn: 10, endLine: 3, endColumn: finding.endColumn },
    });
    // No baseline keys the fingerprints: a key made for one run would make every run's alerts new.
    expect(result!.partialFingerprints).toEqual({ primaryLocationLineHash: '4ca8ba332aea4442:1' });
  });

  it('carries a fingerprint keyed with the baseline salt, never a plain hash of the secret', () => {
    const finding = demoFinding();
    const salt = newSalt();
    const [result] = parse(formatSarif(reportOf([finding], { fingerprintKey: salt }), OPTIONS)).runs[0]!.results;
    expect(result!.partialFingerprints).toEqual({ primaryLocationLineHash: '4ca8ba332aea4442:1', 'secretsift/v2': saltedFingerprints(salt)(finding.ruleId, finding.secret) });
    expect(JSON.stringify(result)).not.toContain(unsaltedFingerprint(finding.ruleId, finding.secret));
  });

  it('never contains the secret unless asked to', () => {
    const finding = demoFinding();
    const redacted = formatSarif(reportOf([finding]), OPTIONS);
    expect(redacted).not.toContain(finding.secret);
    expect(parse(redacted).runs[0]!.results[0]!.message.text).toContain('dmo_****(28)');
    expect(formatSarif(reportOf([finding]), { ...OPTIONS, showSecrets: true })).toContain(finding.secret);
  });

  it('describes rules a finding names even when no rule list is given', () => {
    const log = parse(formatSarif(reportOf([demoFinding(), demoFinding({ ruleId: 'x-key', severity: 'info', description: 'X key' })]), OPTIONS));
    expect(sarifSchemaErrors(log)).toEqual([]);
    const rules = log.runs[0]!.tool.driver.rules;
    expect(rules.map((rule) => rule.id)).toEqual(['demo-token', 'x-key']);
    expect(log.runs[0]!.results.map((result) => [result.ruleIndex, result.level])).toEqual([
      [0, 'error'],
      [1, 'note'],
    ]);
  });

  it('carries commit provenance, exposure and grouped locations, capped at GitHub\'s limit', () => {
    const primary = demoFinding({ commit: COMMIT });
    const locations: FindingLocation[] = Array.from({ length: MAX_RELATED_LOCATIONS + 6 }, (_, i) => ({
      path: i === 0 ? primary.path : `copies/copy ${i}.env`,
      startLine: i === 0 ? primary.startLine : 1,
      startColumn: i === 0 ? primary.startColumn : 7,
      endLine: i === 0 ? primary.endLine : 1,
      endColumn: i === 0 ? primary.endColumn : 35,
      blob: 'b'.repeat(40),
      commit: i === 0 ? COMMIT : { ...COMMIT, sha: i.toString(16).padStart(40, 'c') },
    }));
    const finding = { ...primary, locations, exposure: { stillExposed: false, refs: [], since: COMMIT.date, days: 30 } };
    const log = parse(formatSarif(reportOf([finding]), OPTIONS));
    expect(sarifSchemaErrors(log)).toEqual([]);
    const result = log.runs[0]!.results[0]!;
    expect(result.properties.commit).toEqual({ sha: COMMIT.sha, author: 'Ada Tester', date: COMMIT.date });
    expect(result.properties.exposure).toMatchObject({ stillExposed: false, days: 30 });
    expect(result.relatedLocations).toHaveLength(MAX_RELATED_LOCATIONS);
    expect(result.properties.relatedLocationsTotal).toBe(MAX_RELATED_LOCATIONS + 5);
    expect(result.message.text).toContain(`Showing ${MAX_RELATED_LOCATIONS} of ${MAX_RELATED_LOCATIONS + 5} other locations`);
    expect(JSON.stringify(result.relatedLocations![0])).toContain('copies/copy%201.env');
    // The commit message may itself hold a secret; it stays out of SARIF.
    expect(JSON.stringify(log)).not.toContain('add config');
  });

  it('marks suppressed findings as suppressed when they are shown', () => {
    const report = reportOf([], { suppressed: [{ finding: demoFinding(), reason: 'inline' }, { finding: demoFinding(), reason: 'baseline' }] });
    expect(parse(formatSarif(report, OPTIONS)).runs[0]!.results).toEqual([]);
    const log = parse(formatSarif(report, { ...OPTIONS, showSuppressed: true }));
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(log.runs[0]!.results.map((result) => result.suppressions?.[0]?.kind)).toEqual(['inSource', 'external']);
  });

  it('reports unreadable files as tool notifications and stays valid for odd paths', () => {
    const findings = [demoFinding({ path: '/abs/dir with space/ä#?.env' }), demoFinding({ path: '<stdin>' }), demoFinding({ path: 'C:/x/y.txt' })];
    const log = parse(formatSarif(reportOf(findings, { errors: [{ path: 'locked.txt', message: 'EACCES' }] }), OPTIONS));
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(log.runs[0]!.results.map((result) => result.locations[0]!.physicalLocation.artifactLocation.uri)).toEqual([
      'file:///abs/dir%20with%20space/%C3%A4%23%3F.env',
      '%3Cstdin%3E',
      'file:///C:/x/y.txt',
    ]);
  });

  it('sets the category GitHub reads from automationDetails.id', () => {
    expect(parse(formatSarif(reportOf([]), OPTIONS)).runs[0]!.automationDetails.id).toBe('secretsift/');
    expect(parse(formatSarif(reportOf([]), { ...OPTIONS, sarifCategory: 'secrets/web' })).runs[0]!.automationDetails.id).toBe('secrets/web/');
    expect(automationId('x/')).toBe('x/');
    expect(automationId('  ')).toBe('secretsift/');
  });

  it('builds relative URIs with forward slashes and readable rule names', () => {
    expect(artifactUri('a b/c%d/e.txt')).toBe('a%20b/c%25d/e.txt');
    expect(artifactUri('../up/x.env')).toBe('../up/x.env');
    expect(ruleName('aws-access-key-id')).toBe('AwsAccessKeyId');
  });

  it('is deterministic', () => {
    const report = reportOf([demoFinding()]);
    expect(formatSarif(report, OPTIONS)).toBe(formatSarif(report, OPTIONS));
  });
});

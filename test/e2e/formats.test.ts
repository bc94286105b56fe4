import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { hashLines } from '../../src/detect/line-hash.js';
import { DEMO_PACK, runCli } from '../helpers/cli.js';
import { findMultitool, sarifSchemaErrors } from '../helpers/sarif.js';
import { tempDir, writeTree } from '../helpers/temp.js';
import { fakeDemoToken } from '../helpers/tokens.js';
import { spawnSync } from 'node:child_process';

const DEMO = ['--rules', DEMO_PACK, '--no-config'];

interface SarifLog {
  runs: {
    automationDetails: { id: string };
    tool: { driver: { rules: { id: string }[] } };
    results: { ruleId: string; ruleIndex: number; partialFingerprints: Record<string, string>; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[] }[];
  }[];
}

function lineHashOf(file: string, line: number): string | undefined {
  let found: string | undefined;
  hashLines(readFileSync(file), (at, hash) => {
    if (at === line) found = hash;
    return at >= line;
  });
  return found;
}

function project(): { dir: string; secrets: string[] } {
  const dir = tempDir();
  const secrets = [fakeDemoToken(), fakeDemoToken()];
  writeTree(dir, {
    'config/app settings.env': `# settings\n\tDEMO_TOKEN=${secrets[0]}\n`,
    'src/ünïcode.js': `const greeting = "héllo wörld 😀"; const t = "${secrets[1]}";\n`,
    'clean.txt': 'nothing to see\n',
  });
  return { dir, secrets };
}

describe('report formats from the CLI', () => {
  it('writes SARIF that validates, with code-point columns and the line hash GitHub would compute', async () => {
    const { dir, secrets } = project();
    const result = await runCli(['scan', '.', ...DEMO, '-f', 'sarif', '--sarif-category', 'secrets'], { cwd: dir });
    expect(result.code).toBe(1);
    const log = JSON.parse(result.stdout) as SarifLog;
    expect(sarifSchemaErrors(log)).toEqual([]);
    const run = log.runs[0]!;
    expect(run.automationDetails.id).toBe('secrets/');
    expect(run.tool.driver.rules.filter((rule) => rule.id === 'demo-token')).toHaveLength(1);
    const byUri = new Map(run.results.map((r) => [r.locations[0]!.physicalLocation.artifactLocation.uri, r]));
    expect([...byUri.keys()].sort()).toEqual(['config/app%20settings.env', 'src/%C3%BCn%C3%AFcode.js']);
    const unicode = byUri.get('src/%C3%BCn%C3%AFcode.js')!;
    expect(run.tool.driver.rules[unicode.ruleIndex]!.id).toBe('demo-token');
    // 'const greeting = "héllo wörld 😀"; const t = "' is 45 code points.
    expect(unicode.locations[0]!.physicalLocation.region).toMatchObject({ startLine: 1, startColumn: 46 });
    expect(unicode.partialFingerprints.primaryLocationLineHash).toBe(lineHashOf(path.join(dir, 'src/ünïcode.js'), 1));
    const env = byUri.get('config/app%20settings.env')!;
    expect(env.partialFingerprints.primaryLocationLineHash).toBe(lineHashOf(path.join(dir, 'config/app settings.env'), 2));
    // Without a baseline to key it, only GitHub's line hash: our own would change every run.
    expect(Object.keys(env.partialFingerprints)).toEqual(['primaryLocationLineHash']);
    for (const secret of secrets) expect(result.stdout).not.toContain(secret);
  });

  it('never prints a secret in any format unless --show-secrets', async () => {
    const { dir, secrets } = project();
    for (const format of ['text', 'json', 'sarif', 'junit', 'github']) {
      const hidden = await runCli(['scan', '.', ...DEMO, '-f', format], { cwd: dir });
      expect(hidden.code, format).toBe(1);
      for (const secret of secrets) {
        expect(hidden.stdout, format).not.toContain(secret);
        expect(hidden.stderr, format).not.toContain(secret);
      }
      const shown = await runCli(['scan', '.', ...DEMO, '-f', format, '--show-secrets'], { cwd: dir });
      for (const secret of secrets) expect(shown.stdout, format).toContain(secret);
    }
  });

  it('prints JUnit XML and GitHub workflow commands', async () => {
    const { dir } = project();
    const junit = await runCli(['scan', '.', ...DEMO, '-f', 'junit', '-o', 'report.xml'], { cwd: dir });
    expect(junit.code).toBe(1);
    const xml = readFileSync(path.join(dir, 'report.xml'), 'utf8');
    expect(xml).toMatch(/<testcase classname="secretsift" name="demo-token" time="[\d.]+">\n\s+<failure message="2 secrets found/);
    const github = await runCli(['scan', '.', ...DEMO, '-f', 'github'], { cwd: dir });
    expect(github.stdout).toContain('::error file=config/app settings.env,line=2,col=13,');
    expect(github.stdout).toContain('::error file=src/ünïcode.js,line=1,col=46,');
    expect(github.stderr).toBe('');
  });

  it('prints nothing but the report on stdout and no progress bar when stderr is not a terminal', async () => {
    const { dir } = project();
    const result = await runCli(['scan', '.', ...DEMO, '-f', 'sarif'], { cwd: dir });
    expect(() => JSON.parse(result.stdout) as unknown).not.toThrow();
    expect(result.stderr).not.toContain('scanning');
  });

  it('explains a rule and lists its references', async () => {
    const pack = path.join(tempDir(), 'pack.yaml');
    writeFileSync(
      pack,
      `rules:
  - id: acme-key
    description: Acme API key
    pattern: '\\b(acme_[a-z0-9]{20})\\b'
    keywords: [acme_]
    severity: critical
    tags: [acme]
    references: [https://acme.example/docs/keys]
    remediation: Revoke the key on the Acme keys page and issue a new one.
    examples: ['k = acme_abcdefghij0123456789']
    negatives: ['acme_short']
`,
    );
    const result = await runCli(['explain', 'acme-key', '--rules', pack, '--no-config']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('acme-key  (critical)');
    expect(result.stdout).toContain('What it grants:');
    expect(result.stdout).toContain('How to rotate it:\n  Revoke the key on the Acme keys page and issue a new one.');
    expect(result.stdout).toContain('References:\n  https://acme.example/docs/keys');
    const missing = await runCli(['explain', 'acme', '--rules', pack, '--no-config']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('did you mean: acme-key');
  });

  it('shows examples in the help of the commands it adds', async () => {
    for (const command of [['explain'], ['hook'], ['hook', 'install'], ['scan']]) {
      const result = await runCli([...command, '--help']);
      expect(result.code, command.join(' ')).toBe(0);
      expect(result.stdout, command.join(' ')).toContain('Examples:');
    }
    expect((await runCli(['scan', '--help'])).stdout).toContain('--sarif-category');
  });
});

describe('SARIF Multitool (GitHub ingestion rules)', () => {
  let multitool: ReturnType<typeof findMultitool>;
  beforeAll(() => {
    multitool = findMultitool();
    if ('unavailable' in multitool) process.stderr.write(`SARIF Multitool checks skipped: ${multitool.unavailable}\n`);
  }, 360_000);

  it('accepts our SARIF with --rule-kind "Gh;Ghas"', async (context) => {
    if (!('binary' in multitool)) return context.skip();
    const { dir } = project();
    const scan = await runCli(['scan', '.', ...DEMO, '-f', 'sarif', '-o', 'out.sarif'], { cwd: dir });
    expect(scan.code).toBe(1);
    const validation = spawnSync(multitool.binary, ['validate', '--rule-kind', 'Gh;Ghas', 'out.sarif', '-o', 'validation.sarif', '--log', 'ForceOverwrite'], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    expect(validation.status, validation.stdout + validation.stderr).toBe(0);
    const report = JSON.parse(readFileSync(path.join(dir, 'validation.sarif'), 'utf8')) as { runs: { results?: { ruleId: string; message: unknown }[] }[] };
    expect(report.runs[0]!.results ?? []).toEqual([]);
  });
});

describe('SARIF Multitool on a history finding', () => {
  it('accepts commit provenance and related locations', async (context) => {
    const multitool = findMultitool();
    if (!('binary' in multitool)) return context.skip();
    const { formatSarif } = await import('../../src/report/sarif.js');
    const { demoFinding, OPTIONS, reportOf } = await import('../report/report-fixtures.js');
    const commit = { sha: 'a'.repeat(40), author: 'Ada Tester', email: 'ada@example.test', date: '2024-01-01T12:00:00Z', message: 'm' };
    const base = demoFinding({ commit });
    const finding = { ...base, locations: [1, 2].map((i) => ({ path: `old/${i}.env`, startLine: i, startColumn: 1, endLine: i, endColumn: 29, blob: 'b'.repeat(40), commit: { ...commit, sha: String(i).repeat(40) } })) };
    const dir = tempDir();
    writeFileSync(path.join(dir, 'history.sarif'), formatSarif(reportOf([finding]), OPTIONS));
    const validation = spawnSync(multitool.binary, ['validate', '--rule-kind', 'Gh;Ghas', 'history.sarif', '-o', 'validation.sarif', '--log', 'ForceOverwrite'], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    expect(validation.status, validation.stdout).toBe(0);
    const report = JSON.parse(readFileSync(path.join(dir, 'validation.sarif'), 'utf8')) as { runs: { results?: unknown[] }[] };
    expect(report.runs[0]!.results ?? []).toEqual([]);
  }, 360_000);
});

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { git, initRepo } from '../helpers/git.js';
import { tempDir, writeTree } from '../helpers/temp.js';
import { fakeGithubToken, randomString } from '../helpers/tokens.js';

interface JsonFinding { ruleId: string; path: string; severity: string; context?: string; belowFailOn?: boolean; locations?: { path: string; context?: string }[] }
interface JsonReport { failOn: string; findings: JsonFinding[]; stats: { findings: number; failing: number; suppressed: Record<string, number> } }
interface SarifLog { runs: { results: { ruleId: string; level: string; properties: { context?: string } }[] }[] }

const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
/** A Supabase anon key: public by design, reported at info. */
const anonKey = () => `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ iss: 'supabase', ref: randomString(20).toLowerCase(), role: 'anon' })}.${randomString(43)}`;

const json = (stdout: string) => JSON.parse(stdout) as JsonReport;

describe('--fail-on', () => {
  it('a finding below it is reported (dimmed in text, belowFailOn in JSON, a note in SARIF) and does not fail the run', async () => {
    const dir = tempDir();
    writeTree(dir, { 'web/supabase.js': `export const SUPABASE_ANON_KEY = "${anonKey()}";\n` });
    const text = await runCli(['scan', dir, '--no-config', '--no-color']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/INFO\s+jwt .*\(below --fail-on low: does not fail\)/);
    expect(text.stdout).toMatch(/no leaks found · 1 below --fail-on low/);
    const report = await runCli(['scan', dir, '--no-config', '-f', 'json']);
    expect(report.code).toBe(0);
    expect(json(report.stdout)).toMatchObject({ failOn: 'low', stats: { findings: 1, failing: 0 }, findings: [{ ruleId: 'jwt', severity: 'info', belowFailOn: true }] });
    const sarif = await runCli(['scan', dir, '--no-config', '-f', 'sarif', '--fail-on', 'info']);
    expect(sarif.code).toBe(1);
    expect((JSON.parse(sarif.stdout) as SarifLog).runs[0]?.results.map((r) => r.level)).toEqual(['note']);
    expect((await runCli(['scan', dir, '--no-config', '-q', '--fail-on', 'info'])).code).toBe(1);
  });

  it('raised, lets lower findings through; the config default applies unless the flag says otherwise; a bad value is exit 2', async () => {
    const dir = tempDir();
    initRepo(dir);
    writeTree(dir, { 'src/settings.env': `DB_PASSWORD=Qz7${randomString(15)}\n`, '.secretsift.yaml': 'defaults: { failOn: high }\n' });
    const withConfig = await runCli(['scan', '-f', 'json'], { cwd: dir });
    expect(withConfig.code).toBe(0);
    expect(json(withConfig.stdout).findings.map((f) => [f.ruleId, f.severity, f.belowFailOn])).toEqual([['generic-password-assignment', 'medium', true]]);
    expect((await runCli(['scan', '-q', '--fail-on', 'medium'], { cwd: dir })).code).toBe(1);
    const bad = await runCli(['scan', '--fail-on', 'severe'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--fail-on must be one of critical, high, medium, low, info, not "severe"');
    writeTree(dir, { '.secretsift.yaml': 'defaults:\n  failOn: severe\n' });
    const badConfig = await runCli(['scan'], { cwd: dir });
    expect(badConfig.code).toBe(2);
    expect(badConfig.stderr).toContain(`${path.join(dir, '.secretsift.yaml')}:2: defaults.failOn must be one of`);
  });

  it('applies to staged and history too', async () => {
    const dir = tempDir();
    initRepo(dir);
    writeTree(dir, { 'web/supabase.js': `const key = "${anonKey()}";\n` });
    git(dir, ['add', '.']);
    expect((await runCli(['staged', dir, '--no-config', '-q'])).code).toBe(0);
    expect((await runCli(['staged', dir, '--no-config', '-q', '--fail-on', 'info'])).code).toBe(1);
    git(dir, ['commit', '-qm', 'add key']);
    expect((await runCli(['history', dir, '--no-config', '-q'])).code).toBe(0);
    expect((await runCli(['history', dir, '--no-config', '-q', '--fail-on', 'info'])).code).toBe(1);
  });
});

describe('contexts', () => {
  it('findings in tests, docs and examples keep their severity and say where they are, in every format', async () => {
    const dir = tempDir();
    const token = fakeGithubToken();
    writeTree(dir, { 'tests/fixtures/ci.env': `GITHUB_TOKEN=${token}\n`, 'docs/publish.md': `Use GITHUB_TOKEN=${fakeGithubToken()}\n`, 'examples/app.py': `TOKEN = "${fakeGithubToken()}"\n`, 'src/app.py': `TOKEN = "${fakeGithubToken()}"\n` });
    const report = await runCli(['scan', dir, '--no-config', '-f', 'json']);
    expect(report.code).toBe(1);
    const byPath = Object.fromEntries(json(report.stdout).findings.map((f) => [path.basename(f.path), [f.severity, f.context]]));
    expect(byPath).toEqual({ 'ci.env': ['critical', 'test'], 'publish.md': ['critical', 'docs'], 'app.py': expect.anything() as unknown });
    const contexts = json(report.stdout).findings.map((f) => f.context ?? 'none').sort();
    expect(contexts).toEqual(['docs', 'example', 'none', 'test']);
    const sarif = JSON.parse((await runCli(['scan', dir, '--no-config', '-f', 'sarif'])).stdout) as SarifLog;
    expect(sarif.runs[0]?.results.map((r) => r.properties.context ?? 'none').sort()).toEqual(['docs', 'example', 'none', 'test']);
    const text = await runCli(['scan', dir, '--no-config', '--no-color']);
    expect(text.stdout).toMatch(/tests\/fixtures\/ci\.env:1:\d+ {2}\(context: test\)/);
  });

  it('allowlist.contexts drops them (counted as allowlisted); an unknown context is an error naming the file and line', async () => {
    const dir = tempDir();
    initRepo(dir);
    writeTree(dir, { '.secretsift.yaml': 'allowlist:\n  contexts: [test, docs]\n', 'tests/ci.env': `GITHUB_TOKEN=${fakeGithubToken()}\n`, 'README.md': `GITHUB_TOKEN=${fakeGithubToken()}\n`, 'src/app.py': `TOKEN = "${fakeGithubToken()}"\n` });
    const run = await runCli(['scan', '-f', 'json'], { cwd: dir });
    expect(run.code).toBe(1);
    const report = json(run.stdout);
    expect(report.findings.map((f) => f.path)).toEqual(['src/app.py']);
    expect(report.stats.suppressed.allowlist).toBe(2);
    writeTree(dir, { '.secretsift.yaml': 'allowlist:\n  contexts:\n    - test\n    - vendored\n' });
    const bad = await runCli(['scan'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`${path.join(dir, '.secretsift.yaml')}:4: allowlist.contexts.1 must be one of "test", "docs", "example"`);
  });

  it('history judges each location by its own path: a secret also outside tests stays, shown there', async () => {
    const dir = tempDir();
    initRepo(dir);
    const shared = `GITHUB_TOKEN=${fakeGithubToken()}\n`;
    writeTree(dir, { 'tests/ci.env': shared });
    git(dir, ['add', '.']);
    git(dir, ['commit', '-qm', 'fixture'], '2024-01-01T12:00:00Z');
    writeTree(dir, { 'deploy/ci.env': shared, 'tests/only.env': `GITHUB_TOKEN=${fakeGithubToken()}\n` });
    git(dir, ['add', '.']);
    git(dir, ['commit', '-qm', 'deploy'], '2024-02-01T12:00:00Z');
    const all = json((await runCli(['history', dir, '--no-config', '-f', 'json'])).stdout);
    expect(all.findings.map((f) => [f.path, f.context, f.locations?.map((l) => l.context ?? 'none')]).sort()).toEqual([
      ['tests/ci.env', 'test', ['test', 'none']],
      ['tests/only.env', 'test', ['test']],
    ]);
    writeTree(dir, { '.secretsift.yaml': 'allowlist:\n  contexts: [test]\n' });
    const run = await runCli(['history', dir, '-f', 'json', '--config', path.join(dir, '.secretsift.yaml')]);
    expect(run.code).toBe(1);
    const report = json(run.stdout);
    expect(report.findings.map((f) => [f.path, f.context, f.locations?.map((l) => l.path)])).toEqual([['deploy/ci.env', undefined, ['deploy/ci.env']]]);
    expect(report.stats.suppressed.allowlist).toBe(1);
  });
});

import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FORMATS } from '../../src/report/formats.js';
import { DEMO_PACK, REPO_ROOT, runCli } from '../helpers/cli.js';
import { initRepo } from '../helpers/git.js';
import { fileTempDir, tempDir, writeTree } from '../helpers/temp.js';
import { fakeDemoToken, randomString } from '../helpers/tokens.js';

interface JsonReport {
  findings: { ruleId: string; path: string; startLine: number; severity: string }[];
  stats: { files: number; skipped: Record<string, number>; suppressed: Record<string, number> };
}

const PACK_LINE = 'rules: [../packs/demo-pack.yaml]\n';

// One copy of the demo pack for the whole file, beside every test's repository: the same path and
// bytes each time, so CLI runs after the first find the rules in the cache.
let parent: string;
beforeAll(() => {
  parent = fileTempDir();
  mkdirSync(path.join(parent, 'packs'));
  copyFileSync(DEMO_PACK, path.join(parent, 'packs', 'demo-pack.yaml'));
});

/** A repository whose config loads the demo pack by a path relative to the config file (outside the scanned tree: its examples are tokens). */
function repo(config: string, files: Record<string, string>, withPack = true): string {
  // Each test's repository is its own (removed after the test), next to the shared pack.
  const dir = tempDir('repo-', parent);
  initRepo(dir);
  writeTree(dir, { '.secretsift.yaml': `${withPack ? PACK_LINE : ''}${config}`, ...files });
  return dir;
}

async function scanJson(cwd: string, args: string[] = []): Promise<{ code: number | null; report: JsonReport }> {
  const run = await runCli(['scan', '-f', 'json', ...args], { cwd });
  expect(run.stderr).toBe('');
  return { code: run.code, report: JSON.parse(run.stdout) as JsonReport };
}

const demoFindings = (report: JsonReport) => report.findings.filter((f) => f.ruleId === 'demo-token').map((f) => `${f.path}:${f.startLine}`);

describe('.secretsift.yaml', () => {
  it('is found from a subdirectory up to the repository root; --config names another; --no-config ignores it', async () => {
    const dir = repo('allowlist:\n  paths: ["fixtures/**"]\n', { 'fixtures/keys.env': `A=${fakeDemoToken()}\n`, 'src/app.env': `A=${fakeDemoToken()}\n` });
    const fromSub = await scanJson(path.join(dir, 'src'));
    expect(fromSub.code).toBe(1);
    expect(demoFindings(fromSub.report)).toEqual(['app.env:1']);

    const root = await scanJson(dir);
    expect(demoFindings(root.report)).toEqual(['src/app.env:1']);
    expect(root.report.stats.skipped.allowlisted).toBe(1);

    writeTree(dir, { 'other.yaml': `${PACK_LINE}disable: [demo-token]\n` });
    expect((await scanJson(dir, ['--config', 'other.yaml'])).code).toBe(0);

    // Without a config the demo pack is not loaded at all.
    const none = await scanJson(dir, ['--no-config', '--rules', DEMO_PACK]);
    expect(demoFindings(none.report)).toEqual(['fixtures/keys.env:1', 'src/app.env:1']);
  });

  it('allowlist.paths: matching files are not scanned', async () => {
    const dir = repo('allowlist:\n  paths: ["test/**", "**/*.snap"]\n', {
      'test/fixture.env': `A=${fakeDemoToken()}\n`,
      'src/__snapshots__/x.snap': `A=${fakeDemoToken()}\n`,
      'src/app.env': `A=${fakeDemoToken()}\n`,
    });
    const { report } = await scanJson(dir);
    expect(demoFindings(report)).toEqual(['src/app.env:1']);
    expect(report.stats.skipped.allowlisted).toBe(2);
  });

  it('allowlist.regexes: findings whose secret matches are suppressed and counted', async () => {
    const dir = repo('allowlist:\n  regexes: ["^dmo_Zq9"]\n', { 'a.env': `A=dmo_Zq9${randomString(21)}\nB=${fakeDemoToken()}\n` });
    const { report } = await scanJson(dir);
    expect(demoFindings(report)).toEqual(['a.env:2']);
    expect(report.stats.suppressed.allowlist).toBe(1);
  });

  it('allowlist.lines: findings on matching lines are suppressed and counted', async () => {
    const dir = repo("allowlist:\n  lines: ['^\\s*example_']\n", { 'a.env': `  example_value=${fakeDemoToken()}\nvalue=${fakeDemoToken()}\n` });
    const { report } = await scanJson(dir);
    expect(demoFindings(report)).toEqual(['a.env:2']);
    expect(report.stats.suppressed.allowlist).toBe(1);
  });

  it('allowlist.stopwords: findings whose secret contains one (any case) are suppressed and counted', async () => {
    const dir = repo('allowlist:\n  stopwords: [kestrel]\n', { 'a.env': `A=dmo_xxKESTRELx${randomString(14)}\nB=${fakeDemoToken()}\n` });
    expect((await scanJson(dir, ['--no-config', '--rules', DEMO_PACK])).report.findings).toHaveLength(2);
    const text = await runCli(['scan'], { cwd: dir });
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/1 leak found .* · suppressed 1 allowlist/);
  });

  it('disable: a disabled rule does not run', async () => {
    const dir = repo('disable: [demo-token]\n', { 'a.env': `A=${fakeDemoToken()}\n` });
    const { code, report } = await scanJson(dir);
    expect(code).toBe(0);
    expect(demoFindings(report)).toEqual([]);
  });

  it('override: severity, entropy, paths and allowlist of a rule', async () => {
    const files = { 'a.env': `A=${fakeDemoToken()}\n`, 'vendor/b.env': `B=${fakeDemoToken()}\n` };
    const severity = await scanJson(repo('override:\n  demo-token:\n    severity: low\n', files));
    expect(severity.report.findings.map((f) => f.severity)).toEqual(['low', 'low']);

    const entropy = await scanJson(repo('override:\n  demo-token:\n    entropy: 7.9\n', files));
    expect(entropy.code).toBe(0);

    const paths = await scanJson(repo('override:\n  demo-token:\n    paths:\n      exclude: ["vendor/**"]\n', files));
    expect(demoFindings(paths.report)).toEqual(['a.env:1']);

    const overridden = repo('override:\n  demo-token:\n    allowlist:\n      stopwords: [kestrel]\n', { 'a.env': `A=dmo_kestrel${randomString(17)}\nB=${fakeDemoToken()}\n` });
    expect((await scanJson(overridden, ['--no-config', '--rules', DEMO_PACK])).report.findings).toHaveLength(2);
    const allowlist = await scanJson(overridden);
    // A rule's own allowlist drops the match inside detection: it is not reported, nor counted as suppressed.
    expect(demoFindings(allowlist.report)).toEqual(['a.env:2']);
  });

  it('defaults: format and max file size apply unless the command line says otherwise', async () => {
    const dir = repo('defaults:\n  format: json\n  maxFileSize: 100\n', { 'small.env': `A=${fakeDemoToken()}\n`, 'big.env': `${'x'.repeat(200)}\nA=${fakeDemoToken()}\n` });
    const run = await runCli(['scan'], { cwd: dir });
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(demoFindings(report)).toEqual(['small.env:1']);
    expect(report.stats.skipped['too-large']).toBe(1);
    const text = await runCli(['scan', '-f', 'text', '--max-file-size', '1000'], { cwd: dir });
    expect(text.stdout).toMatch(/2 leaks found/);
  });

  it('the published schema offers every report format for defaults.format', async () => {
    const schema = JSON.parse(readFileSync(path.join(REPO_ROOT, 'rules', 'config.schema.json'), 'utf8')) as { properties: { defaults: { properties: { format: { enum: string[] } } } } };
    expect(schema.properties.defaults.properties.format.enum).toEqual(Object.keys(FORMATS));
    const dir = repo('defaults:\n  format: sarif\n', { 'a.env': `A=${fakeDemoToken()}\n` });
    const run = await runCli(['scan'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ version: '2.1.0' });
  });

  it.each([
    ['a top-level key', 'allowlists:\n  paths: []\n', 2, /: config has an unknown key \(expected one of: rules, disable, override, allowlist, defaults\)/],
    ['a nested key', 'allowlist:\n  paths: []\n  regex:\n    - x\n', 4, /: allowlist has an unknown key \(expected one of: paths, regexes, lines, stopwords, contexts\)/],
    ['an override key', 'override:\n  demo-token:\n    entropyy: 3\n', 4, /: override\.<key> has an unknown key \(expected one of: entropy, /],
    ['a default key', 'defaults:\n\n  baselines: x.json\n', 4, /: defaults has an unknown key/],
  ])('an unknown key (%s) is exit 2 naming the file, line and where it is (not the key: it may be anything)', async (_what, config, line, message) => {
    const dir = repo(config, { 'a.env': 'nothing\n' });
    const run = await runCli(['scan'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${path.join(dir, '.secretsift.yaml')}:${line}: `);
    expect(run.stderr).toMatch(message);
  });

  it('an invalid allowlist regex or an unknown rule id is exit 2 naming the file and line', async () => {
    const badRegex = repo("allowlist:\n  regexes: ['(unclosed']\n", {});
    const regex = await runCli(['scan'], { cwd: badRegex });
    expect(regex.code).toBe(2);
    expect(regex.stderr).toMatch(/\.secretsift\.yaml:3: allowlist\.regexes\.0 is not valid RE2 syntax: missing \)\n/);

    const unknownRule = repo('disable: [no-such-rule]\n', {});
    const rule = await runCli(['scan'], { cwd: unknownRule });
    expect(rule.code).toBe(2);
    expect(rule.stderr).toMatch(/\.secretsift\.yaml:2: disable\.0 names no rule/);
  });

  it('malformed YAML, an alias bomb, a binary file, an empty-matching pattern or an empty glob: exit 2 in one line naming the file', async () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++) levels.push(`l${i}: &l${i} [${Array(9).fill(i === 1 ? '*a' : `*l${i - 1}`).join(', ')}]`);
    const configs = {
      malformed: 'allowlist:\n  paths: [unclosed\n',
      bomb: `${levels.join('\n')}\n`,
      binary: '\u0000\u0001\u00ff\ufffe',
      'empty-matching rule pack': 'rules: [empty-pack.yaml]\n',
      'empty glob': "allowlist:\n  paths: ['']\n",
      'empty override glob': "override:\n  demo-token:\n    paths:\n      exclude: ['  ']\n",
    };
    const emptyPack = "rules:\n  - id: matches-nothing\n    description: x\n    pattern: '(x*)'\n    examples: [x]\n    negatives: []\n";
    for (const [name, config] of Object.entries(configs)) {
      const dir = repo(config, { 'empty-pack.yaml': emptyPack }, false);
      const result = await runCli(['scan'], { cwd: dir });
      expect(result.code, name).toBe(2);
      expect(result.stderr, name).toMatch(/^secretsift: \S+\.yaml(:\d+)?: [^\n]+\n$/);
    }
  });
});

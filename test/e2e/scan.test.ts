import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_PACK, REPO_ROOT, runCli } from '../helpers/cli.js';
import { git, initRepo } from '../helpers/git.js';
import { tempDir, writeTree } from '../helpers/temp.js';
import { fakeDemoToken } from '../helpers/tokens.js';

const demo = ['--no-config', '--rules', DEMO_PACK];

interface JsonReport {
  version: number;
  findings: { ruleId: string; path: string; startLine: number; startColumn: number; secret: string; line: string; fingerprint: string }[];
  stats: { files: number; skipped: Record<string, number>; suppressed: Record<string, number> };
  errors: { path: string; message: string }[];
}

describe('secretsift scan', () => {
  it('exits 0 on a clean tree and 1 when a secret is found, redacting it everywhere', async () => {
    const dir = tempDir();
    writeTree(dir, { 'clean.txt': 'nothing here\n' });
    const clean = await runCli(['scan', dir, ...demo]);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toMatch(/no leaks found/);

    const token = fakeDemoToken();
    writeTree(dir, { 'src/config.js': `// settings\nconst token = "${token}";\n` });
    const leaky = await runCli(['scan', '.', ...demo], { cwd: dir });
    expect(leaky.code).toBe(1);
    expect(leaky.stdout).toContain('src/config.js:2:16');
    expect(leaky.stdout).toContain('demo-token');
    expect(leaky.stdout + leaky.stderr).not.toContain(token.slice(4, 12));
    expect(leaky.stdout).toMatch(/1 leak found · 2 files/);
  });

  it('shows secrets only when asked', async () => {
    const dir = tempDir();
    const token = fakeDemoToken();
    writeTree(dir, { 'a.env': `DEMO=${token}\n` });
    const shown = await runCli(['scan', dir, ...demo, '--show-secrets']);
    expect(shown.stdout).toContain(token);
  });

  it('writes a JSON report with the documented fields, atomically to --output', async () => {
    const dir = tempDir();
    const token = fakeDemoToken();
    writeTree(dir, { 'a.py': `x = 1\nAPI = '${token}'\n` });
    const out = path.join(dir, 'report.json');
    const run = await runCli(['scan', dir, ...demo, '-f', 'json', '-o', out]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    const report = JSON.parse(readFileSync(out, 'utf8')) as JsonReport;
    expect(report.version).toBe(2);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({ ruleId: 'demo-token', startLine: 2, startColumn: 8, secret: 'dmo_****(28)' });
    expect(report.findings[0]?.line).toBe("API = 'dmo_****(28)'");
    // Fingerprints are keyed with a baseline's salt: with no baseline there is none to print.
    expect(report.findings[0]?.fingerprint).toBeUndefined();
    expect(readFileSync(out, 'utf8')).not.toContain(token.slice(4, 12));
    // The report itself is not scanned as a leak when re-scanning: the secret is not in it.
    expect((await runCli(['scan', out, ...demo])).code).toBe(0);
  });

  it('reads standard input with "-"', async () => {
    const token = fakeDemoToken();
    const run = await runCli(['scan', '-', ...demo, '-f', 'json'], { input: `line\nexport DEMO=${token}\n` });
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.findings[0]).toMatchObject({ path: '<stdin>', startLine: 2, startColumn: 13 });
  });

  it('honours .gitignore inside a repository, and counts skipped files', async () => {
    const dir = tempDir();
    initRepo(dir);
    writeTree(dir, {
      '.gitignore': 'ignored/\n',
      'ignored/leak.txt': fakeDemoToken(),
      'image.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00]),
      'big.txt': `${fakeDemoToken()}\n${'x'.repeat(2000)}`,
      'ok.txt': 'fine',
    });
    git(dir, ['add', '.']);
    const run = await runCli(['scan', dir, ...demo, '-f', 'json', '--max-file-size', '1000']);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(run.code).toBe(0);
    expect(report.stats.files).toBe(2);
    expect(report.stats.skipped).toMatchObject({ binary: 1, 'too-large': 1 });
  });

  it('gives the same findings on worker threads as on the main thread', async () => {
    const dir = tempDir();
    const files: Record<string, string> = {};
    for (let i = 0; i < 150; i++) files[`f${String(i).padStart(3, '0')}.txt`] = i % 10 === 0 ? `k${i} = ${fakeDemoToken()}\n` : `line ${i}\n`;
    writeTree(dir, files);
    const single = await runCli(['scan', dir, ...demo, '-f', 'json', '--threads', '0']);
    const parallel = await runCli(['scan', dir, ...demo, '-f', 'json', '--threads', '2']);
    expect(single.code).toBe(1);
    expect(parallel.stdout).toBe(single.stdout);
    expect((JSON.parse(single.stdout) as JsonReport).findings).toHaveLength(15);
  });

  it('suppresses inline-allowed findings and config-allowlisted paths, and says so', async () => {
    const dir = tempDir();
    writeTree(dir, {
      'a.js': `const t = "${fakeDemoToken()}"; // secretsift:allow\n`,
      'fixtures/b.txt': fakeDemoToken(),
      '.secretsift.yaml': `rules: [${JSON.stringify(DEMO_PACK)}]\nallowlist:\n  paths: ['fixtures/**']\n`,
    });
    const run = await runCli(['scan', dir]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/skipped 1 allowlisted/);
    expect(run.stdout).toMatch(/suppressed 1 inline/);
    const audit = await runCli(['scan', dir, '--no-inline-allow']);
    expect(audit.code).toBe(1);
  });

  it('exits 2 with file, line and rule for a broken rule pack, without a stack trace', async () => {
    const dir = tempDir();
    const pack = path.join(dir, 'bad.yaml');
    writeFileSync(pack, "rules:\n  - id: broken\n    description: x\n    pattern: '(?=x)y'\n    examples: [y]\n    negatives: []\n");
    const run = await runCli(['scan', dir, '--no-config', '--rules', pack]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${pack}:4: rule broken: pattern is not valid RE2 syntax`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 on usage errors', async () => {
    expect((await runCli(['scan', '--format', 'xml'])).code).toBe(2);
    expect((await runCli(['scan', '--bogus'])).code).toBe(2);
    expect((await runCli(['scan', '/definitely/not/here', '--no-config'])).code).toBe(2);
    expect((await runCli(['scan', '--max-file-size', 'lots'])).code).toBe(2);
    expect((await runCli(['--version'])).code).toBe(0);
  });

  it('colours text only for a terminal or when forced, and never with NO_COLOR', async () => {
    const dir = tempDir();
    writeTree(dir, { 'a.txt': fakeDemoToken() });
    const forced = await runCli(['scan', dir, ...demo], { env: { NO_COLOR: '', FORCE_COLOR: '1' } });
    expect(forced.stdout).toContain('\u001b[');
    const plain = await runCli(['scan', dir, ...demo], { env: { NO_COLOR: '1', FORCE_COLOR: '1' } });
    expect(plain.stdout).not.toContain('\u001b[');
  });

  it('neutralises terminal escapes from scanned content', async () => {
    const dir = tempDir();
    writeTree(dir, { 'evil.txt': `\u001b[2J\u001b[31mFAKE ${fakeDemoToken()}\n` });
    const run = await runCli(['scan', dir, ...demo]);
    expect(run.stdout).not.toContain('\u001b');
    expect(run.stdout).toContain('\\u001b[2J');
  });
});

describe('secretsift rules', () => {
  it('rules test passes on the built-in packs', async () => {
    const run = await runCli(['rules', 'test']);
    expect(run.stdout).toMatch(/ 0 failed/);
    expect(run.code).toBe(0);
  });

  it('rules test exits 1 naming a failing example', async () => {
    const dir = tempDir();
    const pack = path.join(dir, 'pack.yaml');
    writeFileSync(pack, "rules:\n  - id: weak\n    description: x\n    pattern: '(wk_[0-9]{4})'\n    keywords: [wk_]\n    filters: []\n    examples: ['wk_12']\n    negatives: ['wk_1234']\n");
    const run = await runCli(['rules', 'test', pack]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('FAIL weak');
    expect(run.stdout).toMatch(/example not reported/);
    expect(run.stdout).toMatch(/negative reported/);
  });

  it('the opt-in entropy pack passes its own tests, runs only when added, and finds keyword-less random strings', async () => {
    const pack = path.join(REPO_ROOT, 'rules', 'entropy.yaml');
    expect((await runCli(['rules', 'test', pack])).code).toBe(0);
    const dir = tempDir();
    // 40 distinct characters and a digit: random, yet always above the rule's entropy floor (4.5 bits),
    // which an arbitrary random string of this length misses about once in fifty.
    const distinct = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'].sort(() => (randomBytes(1)[0] ?? 0) - 128).slice(0, 40).join('');
    writeTree(dir, { 'settings.py': `SIGNING = "${distinct}1"\n` });
    expect((await runCli(['scan', dir, '--no-config'])).code).toBe(0);
    const withPack = await runCli(['scan', dir, '--no-config', '--rules', pack, '-f', 'json']);
    expect(withPack.code).toBe(1);
    expect((JSON.parse(withPack.stdout) as JsonReport).findings[0]?.ruleId).toBe('high-entropy-base64-string');
  });

  it('rules list shows every rule', async () => {
    const run = await runCli(['rules', 'list', '--no-config', '--rules', DEMO_PACK, '--json']);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { id: string }[]).map((rule) => rule.id)).toContain('demo-token');
  });

  it('rules list --no-keyword shows only the rules that run on every file, and where the others run', async () => {
    const entropy = path.join(REPO_ROOT, 'rules', 'entropy.yaml');
    const run = await runCli(['rules', 'list', '--no-config', '--rules', entropy, '--no-keyword', '--json']);
    expect(run.code).toBe(0);
    const listed = JSON.parse(run.stdout) as { id: string; keywords: string[]; runs: string }[];
    expect(listed.map((rule) => rule.id).sort()).toEqual(['high-entropy-base64-string', 'high-entropy-hex-string']);
    expect(listed.every((rule) => rule.keywords.length === 0 && rule.runs === 'every file')).toBe(true);
    const all = JSON.parse((await runCli(['rules', 'list', '--no-config', '--json'])).stdout) as { id: string; runs: string }[];
    expect(all.find((rule) => rule.id === 'github-personal-access-token')?.runs).toBe('anchored');
    expect(all.filter((rule) => rule.runs === 'whole file').length).toBeLessThan(all.length / 10);
  });
});

import { describe, expect, it } from 'vitest';
import { DEMO_PACK, runCli } from '../helpers/cli.js';
import { tempDir, writeTree } from '../helpers/temp.js';
import { fakeDemoToken } from '../helpers/tokens.js';

const demo = ['--no-config', '--rules', DEMO_PACK];

interface JsonReport {
  findings: { path: string; startLine: number }[];
  suppressed?: { reason: string; path: string; startLine: number }[];
  stats: { suppressed: Record<string, number> };
}

const where = (list: { path: string; startLine: number }[] = []) => list.map((f) => `${f.path}:${f.startLine}`);

/** One file per marker syntax, each with an allowed finding and one that is not. */
function markedTree(): string {
  const dir = tempDir();
  const t = fakeDemoToken;
  writeTree(dir, {
    'same-line.py': `a = "${t()}"  # secretsift:allow\nb = "${t()}"\n`,
    'rule-scoped.js': `const a = "${t()}"; // secretsift:allow demo-token\nconst b = "${t()}"; // secretsift:allow some-other-rule\n`,
    'next-line.yaml': `# secretsift:allow-next-line\na: ${t()}\nb: ${t()}\n`,
    'gitleaks.go': `a := "${t()}" // gitleaks:allow\nb := "${t()}"\n`,
    'detect-secrets.sh': `A=${t()} # pragma: allowlist secret\n# pragma: allowlist nextline secret\nB=${t()}\nC=${t()}\n`,
    'page.html': `<!-- secretsift:allow -->${t()}\n<p>${t()}</p>\n`,
  });
  return dir;
}

describe('inline allow markers', () => {
  it('every syntax suppresses what it marks, counted as inline, and nothing else', async () => {
    const dir = markedTree();
    const run = await runCli(['scan', ...demo, '-f', 'json', '--show-suppressed'], { cwd: dir });
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(where(report.findings)).toEqual(['detect-secrets.sh:4', 'gitleaks.go:2', 'next-line.yaml:3', 'page.html:2', 'rule-scoped.js:2', 'same-line.py:2']);
    expect(where(report.suppressed)).toEqual(['detect-secrets.sh:1', 'detect-secrets.sh:3', 'gitleaks.go:1', 'next-line.yaml:2', 'page.html:1', 'rule-scoped.js:1', 'same-line.py:1']);
    expect(report.suppressed?.every((s) => s.reason === 'inline')).toBe(true);
    expect(report.stats.suppressed).toEqual({ inline: 7, allowlist: 0, baseline: 0 });

    const text = await runCli(['scan', ...demo], { cwd: dir });
    expect(text.stdout).toMatch(/6 leaks found .* · suppressed 7 inline/);
  });

  it('--no-inline-allow ignores every marker', async () => {
    const dir = markedTree();
    const run = await runCli(['scan', ...demo, '-f', 'json', '--no-inline-allow'], { cwd: dir });
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.findings).toHaveLength(13);
    expect(report.stats.suppressed.inline).toBe(0);
  });

  it('works on standard input too', async () => {
    const run = await runCli(['scan', '-', ...demo], { input: `x=${fakeDemoToken()} # secretsift:allow\n` });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/suppressed 1 inline/);
  });

  it('suppressed findings and baselined ones are counted separately', async () => {
    const dir = tempDir();
    writeTree(dir, { 'a.env': `A=${fakeDemoToken()} # secretsift:allow\nB=${fakeDemoToken()}\n` });
    expect((await runCli(['baseline', 'create', ...demo, '-o', 'base.json'], { cwd: dir })).stdout).toBe('wrote 1 entry to base.json\n');
    const run = await runCli(['scan', ...demo, '--baseline', 'base.json'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/suppressed 1 baseline, 1 inline/);
    // An audit ignores markers, so the marked secret (never baselined) shows up.
    expect((await runCli(['scan', ...demo, '--baseline', 'base.json', '--no-inline-allow'], { cwd: dir })).stdout).toMatch(/1 leak found/);
  });
});

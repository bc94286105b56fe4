import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_PACK, runCli } from '../helpers/cli.js';
import { git, initRepo } from '../helpers/git.js';
import { tempDir, writeTree } from '../helpers/temp.js';
import { fakeDemoToken } from '../helpers/tokens.js';

const DEMO = ['--rules', DEMO_PACK, '--no-config'];
// Directories of 200 characters, 25 deep: over PATH_MAX (4096), so no absolute path reaches the bottom.
const NAME = 'd'.repeat(200);
const LEVELS = 25;

interface JsonReport {
  findings: { path: string }[];
  stats: { skipped: Record<string, number> };
  errors: { path: string; message: string; object?: string }[];
  warnings?: { path: string; message: string }[];
}

/** Builds the deep tree one relative step at a time, as only a process inside it can. */
function plantTooDeep(root: string, token: string): void {
  const script = `const fs = require('fs');
for (let i = 0; i < ${LEVELS}; i++) { fs.mkdirSync(${JSON.stringify(NAME)}); process.chdir(${JSON.stringify(NAME)}); }
fs.writeFileSync('deep.env', 'T=${token}\\n');`;
  execFileSync(process.execPath, ['-e', script], { cwd: root });
}

function expectNoWindow(output: string, secret: string): void {
  for (let i = 0; i + 8 <= secret.length; i++) expect(output).not.toContain(secret.slice(i, i + 8));
}

describe('nothing on disk is passed over unsaid, and nothing outside the tree is read', () => {
  it('a directory deeper than PATH_MAX is an error in the report and a warning, in and out of a work tree', async () => {
    for (const inGit of [false, true]) {
      const root = tempDir();
      if (inGit) initRepo(root);
      writeTree(root, { 'top.env': `T=${fakeDemoToken()}\n` });
      plantTooDeep(root, fakeDemoToken());
      try {
        const json = await runCli(['scan', '.', ...DEMO, '-f', 'json'], { cwd: root });
        expect(json.code, json.stderr).toBe(1);
        const report = JSON.parse(json.stdout) as JsonReport;
        expect(report.findings.map((finding) => path.basename(finding.path))).toEqual(['top.env']);
        expect(report.errors.length, JSON.stringify(report.errors).slice(0, 300)).toBe(1);
        const [error] = report.errors;
        expect(error?.path.startsWith(NAME), error?.path.slice(0, 250)).toBe(true);
        // Git's own warning is cut at 4 KB, reason and all, when the path is this long.
        expect(error?.message).toMatch(inGit ? /^directory not read/ : /^directory not read: path longer than the system can open$/);
        const text = await runCli(['scan', '.', ...DEMO], { cwd: root });
        expect(text.stderr).toContain('directory not read');
        expect(text.stdout).toContain('1 unreadable');
      } finally {
        // Node's rmSync goes by absolute paths and cannot reach the bottom; rm can.
        execFileSync('rm', ['-rf', root]);
      }
    }
  });

  it('an index entry below a directory since replaced by a symlink is not read through it', async () => {
    const repo = tempDir();
    const outside = tempDir();
    const outsideToken = fakeDemoToken();
    initRepo(repo);
    writeTree(repo, { 'dir/file.env': `T=${fakeDemoToken()}\n`, 'keep.txt': 'x\n' });
    git(repo, ['add', '-A']);
    git(repo, ['commit', '-q', '-m', 'one']);
    rmSync(path.join(repo, 'dir'), { recursive: true });
    writeTree(outside, { 'file.env': `T=${outsideToken}\n` });
    symlinkSync(outside, path.join(repo, 'dir'));
    mkdirSync(path.join(repo, 'real'));
    writeTree(repo, { 'real/ok.txt': 'fine\n' });

    const json = await runCli(['scan', '.', ...DEMO, '-f', 'json'], { cwd: repo });
    expect(json.code, json.stderr).toBe(0);
    const report = JSON.parse(json.stdout) as JsonReport;
    expect(report.findings).toEqual([]);
    expect(report.stats.skipped.symlink).toBeGreaterThanOrEqual(1);
    expect(report.warnings?.map((warning) => warning.path)).toContain('dir/file.env');
    const text = await runCli(['scan', '.', ...DEMO, '--show-suppressed', '--debug'], { cwd: repo });
    expect(text.stderr).toContain('dir/file.env');
    expectNoWindow(`${json.stdout}${json.stderr}${text.stdout}${text.stderr}`, outsideToken);
  });
});

import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_PACK, runCli, type CliResult } from '../helpers/cli.js';
import { git, initRepo } from '../helpers/git.js';
import { leakedPieces, secretCorpus } from '../helpers/secret-corpus.js';
import { tempDir, writeTree } from '../helpers/temp.js';
import { fakeDemoToken, fakeGithubToken } from '../helpers/tokens.js';

const FORMATS = ['text', 'json', 'sarif', 'junit', 'github'] as const;
const RULES = ['--rules', DEMO_PACK, '--no-config'];

/** Every byte a set of runs wrote: stdout, stderr, and every file left in `outDir`. */
function everything(results: readonly CliResult[], outDir: string): string {
  const files = readdirSync(outDir)
    .map((name) => path.join(outDir, name))
    .filter((file) => statSync(file).isFile())
    .map((file) => `${file}:\n${readFileSync(file, 'latin1')}`);
  return [...results.flatMap((result) => [result.stdout, result.stderr]), ...files].join('\n');
}

function expectNoLeaks(output: string, secrets: readonly string[]): void {
  expect(leakedPieces(output, secrets)).toEqual([]);
}

describe('no secret in any output', () => {
  it('working tree: every format, to stdout and to files, with --debug and --show-suppressed', async () => {
    const { files, secrets } = secretCorpus();
    const dir = tempDir();
    const out = tempDir();
    writeTree(dir, files);
    const common = ['scan', dir, ...RULES, '--debug', '--show-suppressed'];
    const results = await Promise.all([
      ...FORMATS.map((format) => runCli([...common, '-f', format])),
      ...FORMATS.map((format) => runCli([...common, '-f', format, '-o', path.join(out, `report.${format}`)])),
      runCli(['scan', '-', ...RULES, '--debug', '-f', 'text'], { input: Object.values(files).join('\n') }),
    ]);
    for (const result of results) expect(result.code, result.stderr).toBe(1);
    // The corpus is only a test if the scan finds every planted secret.
    const shown = await runCli([...common, '-f', 'json', '--show-secrets']);
    const found = (JSON.parse(shown.stdout) as { findings: { secret: string }[]; suppressed: { secret: string }[] });
    const foundSecrets = [...found.findings, ...found.suppressed].map((finding) => finding.secret).join('\n');
    expect(secrets.filter((secret) => !foundSecrets.includes(secret))).toEqual([]);
    expect(found.suppressed).toHaveLength(1);
    expectNoLeaks(everything(results, out), secrets);
  });

  it('baseline create and update, and a scan that applies the baseline', async () => {
    const { files, secrets } = secretCorpus();
    const dir = tempDir();
    const out = tempDir();
    writeTree(dir, files);
    const baseline = path.join(out, 'baseline.json');
    const created = await runCli(['baseline', 'create', dir, ...RULES, '--debug', '-o', baseline]);
    expect(created.code, created.stderr).toBe(0);
    const added = fakeDemoToken();
    writeTree(dir, { 'later.env': `LATER=${added}\n` });
    const updated = await runCli(['baseline', 'update', dir, ...RULES, '--debug', '--baseline', baseline]);
    expect(updated.code, updated.stderr).toBe(0);
    const applied = await Promise.all(FORMATS.map((format) => runCli(['scan', dir, ...RULES, '--baseline', baseline, '--show-suppressed', '--debug', '-f', format])));
    for (const result of applied) expect(result.code, result.stderr).toBe(0);
    expectNoLeaks(everything([created, updated, ...applied], out), [...secrets, added]);
  });

  it('history and staged: every format, a secret in a commit message too', async () => {
    const { files, secrets } = secretCorpus();
    const repo = tempDir();
    initRepo(repo);
    writeTree(repo, files);
    git(repo, ['add', '-A']);
    const inMessage = fakeGithubToken();
    // Someone pastes the token into the message of the commit that adds it.
    writeTree(repo, { 'pasted.env': `T=${inMessage}\n` });
    git(repo, ['add', '-A']);
    git(repo, ['commit', '-q', '-m', `add config\n\nuse ${inMessage} for now`]);
    const staged = fakeDemoToken();
    writeTree(repo, { 'staged.env': `S=${staged}\n` });
    git(repo, ['add', 'staged.env']);
    const out = tempDir();
    const results = await Promise.all([
      ...FORMATS.map((format) => runCli(['history', repo, ...RULES, '--debug', '-f', format])),
      ...FORMATS.map((format) => runCli(['staged', repo, ...RULES, '--debug', '-f', format])),
      runCli(['baseline', 'create', repo, '--history', ...RULES, '-o', path.join(out, 'history-baseline.json')]),
    ]);
    for (const result of results) expect(result.code, result.stderr).not.toBe(2);
    const json = JSON.parse(results[1]?.stdout ?? '') as { findings: { commit?: { message: string } }[] };
    expect(json.findings.some((finding) => finding.commit?.message.startsWith('add config'))).toBe(true);
    expectNoLeaks(everything(results, out), [...secrets, inMessage, staged]);
  });
});

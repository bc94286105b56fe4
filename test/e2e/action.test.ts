import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CLI, DEMO_PACK, REPO_ROOT } from '../helpers/cli.js';
import { git, initRepo } from '../helpers/git.js';
import { sarifSchemaErrors } from '../helpers/sarif.js';
import { tempDir, writeTree } from '../helpers/temp.js';
import { fakeDemoToken } from '../helpers/tokens.js';

interface ActionStep {
  id?: string;
  run?: string;
}

/** The action's scan script, run by bash as the runner would, against a real repository. */
function runScanStep(repo: string, env: Record<string, string>): { code: number | null; output: string; stdout: string } {
  const action = parse(readFileSync(path.join(REPO_ROOT, 'action.yml'), 'utf8')) as { runs: { using: string; steps: ActionStep[] } };
  expect(action.runs.using).toBe('composite');
  const script = action.runs.steps.find((step) => step.id === 'scan')?.run;
  expect(script).toBeTruthy();
  const bin = tempDir('secretsift-bin-');
  writeFileSync(path.join(bin, 'secretsift'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
  chmodSync(path.join(bin, 'secretsift'), 0o755);
  const githubOutput = path.join(tempDir(), 'output');
  writeFileSync(githubOutput, '');
  const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script as string], {
    cwd: repo,
    encoding: 'utf8',
    env: {
      ...process.env,
      PATH: `${bin}:${process.env.PATH ?? ''}`,
      GITHUB_OUTPUT: githubOutput,
      INPUT_RANGE: '',
      SARIF_FILE: 'secretsift.sarif',
      CATEGORY: 'secretsift',
      FAIL_ON_FINDINGS: 'true',
      EXTRA_ARGS: `--rules ${DEMO_PACK} --no-config`,
      PR_BASE: '',
      PR_HEAD: '',
      PUSH_BEFORE: '',
      PUSH_AFTER: '',
      ...env,
    },
  });
  return { code: result.status, output: readFileSync(githubOutput, 'utf8'), stdout: result.stdout + result.stderr };
}

describe('GitHub Action', () => {
  it('scans only the pull request range, writes SARIF and fails on a new secret', () => {
    const repo = tempDir();
    initRepo(repo);
    writeTree(repo, { 'old.env': `OLD=${fakeDemoToken()}\n` });
    git(repo, ['add', '.']);
    git(repo, ['commit', '-q', '-m', 'base']);
    const base = git(repo, ['rev-parse', 'HEAD']).trim();
    const added = fakeDemoToken();
    writeTree(repo, { 'new.env': `NEW=${added}\n` });
    git(repo, ['add', '.']);
    git(repo, ['commit', '-q', '-m', 'head'], '2024-01-02T12:00:00Z');
    const head = git(repo, ['rev-parse', 'HEAD']).trim();

    const failed = runScanStep(repo, { PR_BASE: base, PR_HEAD: head });
    expect(failed.code, failed.stdout).toBe(1);
    expect(failed.output).toBe('exit-code=1\n');
    expect(failed.stdout).toContain(`::error title=secretsift::Secrets found in ${base}..${head}`);
    const sarif = readFileSync(path.join(repo, 'secretsift.sarif'), 'utf8');
    expect(sarif).not.toContain(added);
    const log = JSON.parse(sarif) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(log.runs[0]!.results.map((result) => result.locations[0]!.physicalLocation.artifactLocation.uri)).toEqual(['new.env']);

    const reported = runScanStep(repo, { PR_BASE: base, PR_HEAD: head, FAIL_ON_FINDINGS: 'false' });
    expect(reported.code).toBe(0);
    expect(reported.output).toBe('exit-code=1\n');

    const clean = runScanStep(repo, { PUSH_BEFORE: head, PUSH_AFTER: head });
    expect(clean.code, clean.stdout).toBe(0);
    expect(clean.output).toBe('exit-code=0\n');
  });

  it('is offered to the pre-commit framework as a hook running "secretsift staged"', () => {
    const hooks = parse(readFileSync(path.join(REPO_ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string; pass_filenames: boolean; language: string }[];
    expect(hooks).toEqual([expect.objectContaining({ id: 'secretsift', entry: 'secretsift staged', pass_filenames: false, language: 'node' })]);
  });
});

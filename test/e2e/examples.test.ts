import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, cliEnv, REPO_ROOT, runCli } from '../helpers/cli.js';
import { GIT_ENV, git, initRepo } from '../helpers/git.js';
import { tempDir, writeTree } from '../helpers/temp.js';
import { fakeAwsAccessKeyId, fakeGithubToken, randomString } from '../helpers/tokens.js';

/** Every command and subcommand whose --help may show examples, in an order that makes sense to run them. */
const COMMANDS = [
  ['scan'],
  ['history'],
  ['staged'],
  ['baseline'],
  ['baseline', 'create'],
  ['baseline', 'update'],
  ['baseline', 'check'],
  ['rules', 'list'],
  ['rules', 'test'],
  ['explain'],
  ['merge'],
  ['hook'],
  ['hook', 'install'],
  ['hook', 'uninstall'],
];

/** Paths an example names that stand for the reader's own: each is replaced by one the test made. */
const BARE_REPO_EXAMPLE = '/srv/git/app.git';

/** The `  $ secretsift …` lines under `Examples:` in a help text, their descriptions (after two or more spaces) stripped. */
function examplesIn(help: string): string[] {
  const start = help.indexOf('\nExamples:\n');
  if (start < 0) return [];
  return help
    .slice(start)
    .split('\n')
    .flatMap((line) => /^\s+\$ (.*)$/.exec(line)?.[1] ?? [])
    .map((example) => example.split(/ {2,}/)[0]!.trim());
}

/** Each line of README.md's ```sh blocks that runs secretsift, in document order; npm's own commands are not secretsift's. */
function readmeExamples(): string[] {
  const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((match) => match[1]!);
  return blocks
    .flatMap((block) => block.split('\n'))
    .filter((line) => {
      const command = line.replace(/#.*/, '').trim();
      // `npx --yes` and `npm install` fetch from the registry: not run here.
      return /(^|\|\s*)(npx )?secretsift\b/.test(command) && !/^npm |--yes|npm install/.test(command);
    });
}

interface Prepared {
  dir: string;
  bare: string;
  env: NodeJS.ProcessEnv;
}

/**
 * A repository as the examples assume one: a few commits, a leak, an `origin/main` ref, the paths
 * the examples name, a rule pack `my-pack.yaml` with a rule `my-token`, and a bare clone; `secretsift`
 * and `npx secretsift` on PATH run this build.
 */
function prepare(): Prepared {
  // One level down: examples write beside the repository (`-o ../part-1.json`, a blob cache), inside the temp dir.
  const dir = path.join(tempDir(), 'app');
  mkdirSync(dir);
  initRepo(dir);
  writeTree(dir, { 'README.md': '# app\n', 'src/index.js': 'export const answer = 42;\n' });
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '-m', 'initial']);
  git(dir, ['update-ref', 'refs/remotes/origin/main', 'HEAD']);
  writeTree(dir, { 'config/.env': `GITHUB_TOKEN=${fakeGithubToken()}\n`, 'src/index.js': 'export const answer = 43;\n' });
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '-m', 'configure'], '2024-01-02T12:00:00Z');
  const token = `mytok_${randomString(24)}`;
  writeTree(dir, {
    'dump.sql': `INSERT INTO keys VALUES ('${fakeAwsAccessKeyId()}');\n`,
    'my-pack.yaml': [
      'rules:',
      '  - id: my-token',
      '    description: My service token',
      "    pattern: '\\b(mytok_[A-Za-z0-9]{24})\\b'",
      '    keywords: [mytok_]',
      '    entropy: 3',
      '    severity: high',
      '    examples:',
      `      - 'MY_TOKEN=${token}'`,
      '    negatives:',
      "      - 'mytok_short'",
      '',
    ].join('\n'),
  });
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '-m', 'more'], '2024-01-03T12:00:00Z');
  // An unstaged change, so `git diff | secretsift scan -` has something to read.
  writeTree(dir, { 'src/index.js': `export const token = "${fakeGithubToken()}";\n` });

  const bare = path.join(tempDir(), 'app.git');
  git(dir, ['clone', '-q', '--bare', dir, bare]);

  const bin = tempDir();
  const run = `exec "${process.execPath}" "${CLI}" "$@"`;
  writeFileSync(path.join(bin, 'secretsift'), `#!/bin/sh\n${run}\n`);
  writeFileSync(path.join(bin, 'npx'), `#!/bin/sh\nif [ "$1" = secretsift ]; then shift; ${run}; fi\necho "npx shim: only secretsift is available" >&2\nexit 127\n`);
  for (const name of ['secretsift', 'npx']) chmodSync(path.join(bin, name), 0o755);
  const env = cliEnv({ ...GIT_ENV, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}` });
  return { dir, bare, env };
}

function sh(line: string, { dir, env }: Prepared): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', line], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const output: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output: Buffer.concat(output).toString('utf8') }));
  });
}

/** Runs each line in order; returns those that did not exit 0 (clean) or 1 (leaks), with what they said. */
async function failing(lines: readonly string[], prepared: Prepared): Promise<string[]> {
  const failed: string[] = [];
  for (const line of lines) {
    const { code, output } = await sh(line, prepared);
    if (code !== 0 && code !== 1) failed.push(`${line}\n  exit ${code}: ${output.slice(0, 500)}`);
  }
  return failed;
}

async function makeBaselines({ dir }: Prepared): Promise<void> {
  expect((await runCli(['baseline', 'create', '-o', '.secretsift-baseline.json'], { cwd: dir })).code).toBe(0);
  expect((await runCli(['baseline', 'create', '--history', '-o', 'history-baseline.json'], { cwd: dir })).code).toBe(0);
}

describe('examples', () => {
  it('every example in every command’s --help runs (exit 0 or 1)', { timeout: 600_000 }, async () => {
    const helps = await Promise.all(COMMANDS.map((command) => runCli([...command, '--help'])));
    const examples = COMMANDS.map((command, i) => {
      expect(helps[i]!.code, command.join(' ')).toBe(0);
      return { command: command.join(' '), lines: examplesIn(helps[i]!.stdout) };
    });
    for (const { command, lines } of examples) {
      expect(lines.length, `${command} --help shows no example`).toBeGreaterThan(0);
      for (const line of lines) expect(line, `an example of ${command}`).toMatch(/(^|\| )secretsift /);
    }

    const prepared = prepare();
    await makeBaselines(prepared);
    const lines = examples.flatMap((example) => example.lines).map((line) => line.replaceAll(BARE_REPO_EXAMPLE, prepared.bare));
    expect(await failing(lines, prepared)).toEqual([]);
  });

  it('every secretsift line of the README’s sh blocks runs, in document order (exit 0 or 1)', { timeout: 600_000 }, async () => {
    const lines = readmeExamples();
    expect(lines.length).toBeGreaterThan(10);
    const prepared = prepare();
    // The opt-in pack is named as it is found in a clone of this repository.
    const inClone = lines.map((line) => line.replaceAll(' rules/entropy.yaml', ` ${path.join(REPO_ROOT, 'rules', 'entropy.yaml')}`));
    expect(await failing(inClone, prepared)).toEqual([]);
  });
});

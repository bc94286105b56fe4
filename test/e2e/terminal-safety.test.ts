import { chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../helpers/cli.js';
import { git, initRepo } from '../helpers/git.js';
import { tempDir, writeTree } from '../helpers/temp.js';
import { fakeDemoToken } from '../helpers/tokens.js';

// Anything a terminal acts on: C0 controls but tab and newline, DEL, C1 (a lone 0x9b is a CSI).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const ESC = '\u001b';
/** Clears the screen, moves home and prints a fake all-clear, in red. */
const EVIL = `${ESC}[2J${ESC}[H${ESC}[31m\rno leaks found\u009b2J\u202e`;

/** A repository in which everything shown in text output was chosen by an attacker. */
function hostileRepo(): string {
  const repo = tempDir();
  initRepo(repo);
  const pack = `rules:\n  - id: evil-token\n    description: "Evil ${EVIL.replace(/\u001b/g, '\\e').replace(/\r/g, '\\r').replace(/\u009b/g, '\\x9b').replace(/\u202e/g, '\\u202e')}"\n    pattern: '\\b(dmo_[A-Za-z0-9]{24})\\b'\n    keywords: [dmo_]\n    examples: ['dmo_Qx7vT2mL9pR4sW8zB1nK5cY3']\n    negatives: []\n`;
  writeTree(repo, {
    '.secretsift.yaml': 'rules: [.evil-pack.yaml]\nallowlist:\n  paths: [.evil-pack.yaml]\n',
    '.evil-pack.yaml': pack,
    [`src/${EVIL.replace(/\r/g, '')}.env`]: `T=${fakeDemoToken()} ${EVIL}\n`,
  });
  git(repo, ['add', '-A']);
  git(repo, ['commit', '-q', `--author=Eve ${EVIL} <eve@example.test>`, '-m', `innocent ${EVIL}\n\nbody ${EVIL}`]);
  // A blob git cannot read, under a hostile name, to make a warning on stderr.
  writeTree(repo, { [`broken${EVIL.replace(/\r/g, '')}.env`]: `T=${fakeDemoToken()}\n` });
  git(repo, ['add', '-A']);
  git(repo, ['commit', '-q', '-m', `add ${EVIL}`]);
  const broken = git(repo, ['rev-parse', `HEAD:broken${EVIL.replace(/\r/g, '')}.env`]).trim();
  const object = path.join(repo, '.git', 'objects', broken.slice(0, 2), broken.slice(2));
  chmodSync(object, 0o644);
  writeFileSync(object, 'corrupt');
  writeTree(repo, { 'staged.env': `S=${fakeDemoToken()} ${EVIL}\n` });
  git(repo, ['add', 'staged.env']);
  return repo;
}

function expectInert(result: CliResult, what: string): void {
  expect(result.code, `${what}: ${result.stderr}`).toBe(1);
  expect(result.stdout, what).not.toMatch(CONTROL);
  expect(result.stderr, what).not.toMatch(CONTROL);
  expect(result.stdout, what).not.toContain('\u202e');
  // Every line of the report is one the report wrote: none starts with the fake all-clear.
  expect(result.stdout.split('\n').filter((line) => line.startsWith('no leaks found')), what).toEqual([]);
}

describe('text output is inert in a terminal', () => {
  it('control characters and escapes from content, paths, commit messages, authors, rule packs and warnings are neutralised', async () => {
    const repo = hostileRepo();
    const [scan, history, staged, rules] = await Promise.all([
      runCli(['scan', '.', '--debug'], { cwd: repo }),
      // The broken object is there to make a warning: reporting what could be read is asked for.
      runCli(['history', '.', '--debug', '--allow-incomplete'], { cwd: repo }),
      runCli(['staged', '.', '--debug'], { cwd: repo }),
      runCli(['rules', 'list'], { cwd: repo }),
    ]);
    expectInert(scan, 'scan');
    expectInert(history, 'history');
    expectInert(staged, 'staged');
    expect(history.stdout).toContain('Eve \\u001b[2J');
    expect(history.stdout).toContain('innocent \\u001b[2J');
    expect(history.stderr).toContain('warning: could not read broken\\u001b[2J');
    expect(rules.stdout).not.toMatch(CONTROL);
  });
});

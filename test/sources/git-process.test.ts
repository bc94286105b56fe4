import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { preCommitHookPath } from '../../src/commands/hook-command.js';
import { disarmedDiffDrivers } from '../../src/sources/diff-drivers.js';
import { allTips, countCommits, openRepo, openRepoAsync, resolveCommit, selectHistory } from '../../src/sources/git-history.js';
import { workTreeRoot } from '../../src/sources/git-process.js';
import { stagedFilesWhileOpening } from '../../src/sources/staged.js';
import { listFiles } from '../../src/sources/worktree.js';
import { git, initRepo } from '../helpers/git.js';
import { tempDir, writeTree } from '../helpers/temp.js';

// Git runs these for the repository: any of them writing the marker means it ran code the repository chose.
const HOOKS = ['pre-commit', 'post-index-change', 'reference-transaction', 'post-checkout', 'pre-auto-gc'];
const ALIASED = ['rev-parse', 'config', 'rev-list', 'for-each-ref', 'ls-files', 'diff'];

interface TrappedRepo {
  repo: string;
  hooks: string;
  marker: string;
  /** Commits on main, oldest first. */
  commits: string[];
}

/**
 * Three commits and a staged change, in a repository whose config runs a script from fsmonitor,
 * every hook, aliases named as the commands we run, a pager and a diff driver, and whose replace
 * ref turns the newest commit into a root: history through it is one commit long.
 */
function trappedRepo(): TrappedRepo {
  const repo = tempDir();
  const marker = path.join(tempDir(), 'ran');
  initRepo(repo);
  const commits: string[] = [];
  for (const n of [1, 2, 3]) {
    writeTree(repo, { [`f${n}.txt`]: `${n}\n` });
    git(repo, ['add', '-A']);
    git(repo, ['commit', '-q', '-m', `c${n}`]);
    commits.push(git(repo, ['rev-parse', 'HEAD']).trim());
  }
  writeTree(repo, { 'f1.txt': 'staged\n', '.gitattributes': '*.txt diff=evil\n' });
  git(repo, ['add', 'f1.txt', '.gitattributes']);
  git(repo, ['replace', '--graft', 'HEAD']);
  const script = path.join(repo, '.git', 'evil.sh');
  writeFileSync(script, `#!/bin/sh\necho "$0 $*" >> '${marker}'\nexit 1\n`);
  chmodSync(script, 0o755);
  const hooks = path.join(repo, '.git', 'evil-hooks');
  mkdirSync(hooks);
  for (const hook of HOOKS) {
    writeFileSync(path.join(hooks, hook), readFileSync(script));
    chmodSync(path.join(hooks, hook), 0o755);
  }
  const traps: [string, string][] = [
    ['core.fsmonitor', script],
    ['core.hooksPath', hooks],
    ['core.pager', script],
    ['diff.evil.textconv', script],
    ['diff.evil.command', script],
    ['diff.evil.xfuncname', '(a+)+$'],
    ...ALIASED.map((command): [string, string] => [`alias.${command}`, `!${script} alias`]),
  ];
  for (const [key, value] of traps) git(repo, ['config', key, value]);
  return { repo, hooks, marker, commits };
}

describe('short git calls run nothing from the repository', () => {
  it('rev-parse, config reads, listings, counts and the hook path: no fsmonitor, hook, alias or pager runs; replace refs are not followed', async () => {
    const { repo, hooks, marker, commits } = trappedRepo();
    // The traps work: plain git runs the fsmonitor and the hooks, and follows the replace ref.
    git(repo, ['status', '--short']);
    expect(() => git(repo, ['update-ref', 'refs/probe', 'HEAD'])).toThrow(/aborted by hook/);
    expect(readFileSync(marker, 'utf8')).toMatch(/evil\.sh .*post-index-change.*reference-transaction/s);
    expect(git(repo, ['rev-list', '--count', 'HEAD']).trim()).toBe('1');
    expect(() => git(repo, ['rev-parse', '--verify', '--quiet', 'HEAD~2'])).toThrow();
    rmSync(marker);

    expect(workTreeRoot(repo)).toBe(repo);
    const repoInfo = openRepo(repo);
    expect(repoInfo).toEqual({ dir: repo, workTree: repo, shallow: false });
    expect(await openRepoAsync(repo)).toEqual(repoInfo);
    // The history beneath the replacement is still there.
    expect(resolveCommit(repoInfo, 'HEAD~2', '--since-commit')).toBe(commits[0]);
    expect(allTips(repoInfo).filter((tip) => tip.ref === 'refs/heads/main' || tip.ref === 'HEAD')).toEqual([
      { ref: 'refs/heads/main', commit: commits[2] },
      { ref: 'HEAD', commit: commits[2] },
    ]);
    expect(await countCommits(repoInfo, selectHistory(repoInfo, { branch: 'main' }))).toBe(3);
    expect(await disarmedDiffDrivers(repo, {})).toEqual({ GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'diff.evil.xfuncname', GIT_CONFIG_VALUE_0: '^' });
    expect((await stagedFilesWhileOpening(openRepoAsync(repo), repo, {})).files.map((file) => file.path).sort()).toEqual(['.gitattributes', 'f1.txt']);
    expect(listFiles([repo], repo).files.map((file) => file.path).sort()).toEqual(['.gitattributes', 'f1.txt', 'f2.txt', 'f3.txt']);
    // Where git runs hooks is the repository's own choice; asking runs none of them.
    expect(preCommitHookPath(repo)).toBe(path.join(hooks, 'pre-commit'));

    expect(existsSync(marker) && readFileSync(marker, 'utf8')).toBe(false);
  });
});

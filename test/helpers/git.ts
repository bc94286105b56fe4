import { execFileSync } from 'node:child_process';

/** Deterministic identity and dates so history tests see the same commits on every run. */
export const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Ada Tester',
  GIT_AUTHOR_EMAIL: 'ada@example.test',
  GIT_COMMITTER_NAME: 'Ada Tester',
  GIT_COMMITTER_EMAIL: 'ada@example.test',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

/** Runs real git in `cwd` (never a mock). `date` sets both author and committer dates. */
export function git(cwd: string, args: readonly string[], date = '2024-01-01T12:00:00Z'): string {
  return execFileSync('git', args, {
    cwd,
    env: { ...process.env, ...GIT_ENV, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export function initRepo(cwd: string): void {
  git(cwd, ['init', '-q', '-b', 'main']);
}

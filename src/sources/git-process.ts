import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { devNull } from 'node:os';

/**
 * Every git process we start goes through here. Scanned repositories are untrusted: their config
 * must not make git run code (fsmonitor, hooks, filters, textconv, external diff, pagers, a
 * transport's upload-pack or ssh command), and git must never write to them (optional locks,
 * index refresh). Settings given with -c outrank the repository's own.
 */
const NO_HOOKS = 'core.hooksPath=/dev/null';
const SAFE_SETTINGS = [
  'core.fsmonitor=false',
  NO_HOOKS,
  'core.pager=cat',
  'core.editor=true',
  'core.askPass=',
  'core.sshCommand=false',
  'core.untrackedCache=false',
  'core.useReplaceRefs=false',
  'diff.external=',
  // Signature checks would run gpg.program; relative diffs would hide files outside a subdirectory.
  'log.showSignature=false',
  'diff.relative=false',
  'color.ui=never',
  'color.diff=never',
  // Output we parse is UTF-8 whatever encoding the repository asks for.
  'i18n.logOutputEncoding=UTF-8',
  'credential.helper=',
  'submodule.recurse=false',
  // GIT_GRAFT_FILE below points at an empty file; reading it must not print a hint.
  'advice.graftFileDeprecated=false',
  // A repository's protocol.<name>.allow=always outranks a bare protocol.allow=never: name each one.
  'protocol.allow=never',
  ...['file', 'ext', 'ssh', 'git', 'http', 'https'].map((name) => `protocol.${name}.allow=never`),
];
const SAFE_CONFIG = SAFE_SETTINGS.flatMap((setting) => ['-c', setting]);
// For asking git where the repository's hooks are, which core.hooksPath decides; the query runs none.
const SAFE_CONFIG_SEEING_HOOKS_PATH = SAFE_SETTINGS.filter((setting) => setting !== NO_HOOKS).flatMap((setting) => ['-c', setting]);

// Off by default: git refuses a repository another user owns, unless the user vouches for it.
let anyOwner = false;

/**
 * Lets git read repositories owned by another user (--trust-repo-owner). Their config then
 * applies as if it were the user's own, within what SAFE_CONFIG and safeGitEnv neutralise.
 */
export function trustRepositoryOwners(): void {
  anyOwner = true;
}

/** Git refused a repository owned by someone else: the message says how to opt in. */
export class RepositoryOwnerError extends Error {
  override name = 'RepositoryOwnerError';
}

const DUBIOUS_OWNERSHIP = /detected dubious ownership in repository at '([^\n]*)'/;

export function safeGitEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    // Variables that point git at other repositories, configs or programs are dropped.
    if (!/^GIT_/.test(key) || key === 'GIT_AUTHOR_DATE' || key === 'GIT_COMMITTER_DATE') env[key] = value;
  }
  return {
    ...env,
    GIT_TERMINAL_PROMPT: '0',
    GIT_OPTIONAL_LOCKS: '0',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_PAGER: 'cat',
    GIT_EXTERNAL_DIFF: '',
    // A missing object in a partial clone is then an error, not a fetch from the promisor remote
    // (git 2.45, and 2.39.4 onward; older git ignores it and the protocol settings stop the fetch).
    GIT_NO_LAZY_FETCH: '1',
    // Set, this allow-list replaces every protocol.* setting, the repository's included: it names none.
    GIT_ALLOW_PROTOCOL: '',
    // Replace refs and grafts can hide commits from a history scan.
    GIT_NO_REPLACE_OBJECTS: '1',
    GIT_GRAFT_FILE: devNull,
    LC_ALL: 'C',
  };
}

export interface GitArgsOptions {
  /** Leave the repository's core.hooksPath as it is: only for `hook install`, which must know where git runs hooks. */
  readonly configuredHooksPath?: boolean;
}

export function gitArgs(args: readonly string[], options: GitArgsOptions = {}): string[] {
  return [...(options.configuredHooksPath ? SAFE_CONFIG_SEEING_HOOKS_PATH : SAFE_CONFIG), ...(anyOwner ? ['-c', 'safe.directory=*'] : []), ...args];
}

/** Throws the opt-in message when git refused the repository for its owner. */
export function checkOwnership(stderr: string): void {
  const refused = DUBIOUS_OWNERSHIP.exec(stderr);
  if (refused) {
    throw new RepositoryOwnerError(
      `${refused[1] ?? 'the repository'} is owned by another user, so git refuses to read it: its config could run commands as you. If you trust its owner, run again with --trust-repo-owner`,
    );
  }
}

/** Git's complaint on one line, each message once, without the notice a refused lazy fetch adds. */
export function gitComplaint(stderr: string): string {
  const lines = stderr.split('\n').map((line) => line.trim());
  return [...new Set(lines.filter((line) => line && !line.startsWith('warning: lazy fetching disabled')))].join('; ');
}

export interface GitResult {
  status: number | null;
  stdout: Buffer;
  stderr: string;
}

// Every git process this run started: --debug tells it, so that a change adding a git call to a
// pre-commit hook's run shows (and a test can count them).
let started = 0;

export function gitProcessesStarted(): number {
  return started;
}

/** Runs a short git command to completion (metadata queries, listings). */
export function runGit(cwd: string, args: readonly string[], maxBuffer = 1 << 30, extraEnv: NodeJS.ProcessEnv = {}): GitResult {
  started++;
  const result = spawnSync('git', gitArgs(args), { cwd, env: { ...safeGitEnv(), ...extraEnv }, maxBuffer, stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.error) throw result.error;
  const stderr = result.stderr.toString('utf8');
  if (result.status !== 0) checkOwnership(stderr);
  return { status: result.status, stdout: result.stdout, stderr };
}

export interface SpawnGitOptions {
  /** Variables the caller vouches for, added after the unsafe ones are dropped (GIT_INDEX_FILE in a hook). */
  env?: NodeJS.ProcessEnv | undefined;
}

// Long-lived git processes still running: an interrupted run ends them rather than leave them behind.
const running = new Set<ChildProcess>();

/** Starts a long-lived git process (cat-file --batch and the like). */
export function spawnGit(cwd: string, args: readonly string[], options: SpawnGitOptions = {}): ChildProcess {
  started++;
  const child = spawn('git', gitArgs(args), { cwd, env: { ...safeGitEnv(), ...options.env }, stdio: ['pipe', 'pipe', 'pipe'] });
  running.add(child);
  child.once('exit', () => running.delete(child));
  child.once('error', () => running.delete(child));
  return child;
}

/** Ends every git process still running; for a run that is being interrupted. */
export function killGitProcesses(): void {
  for (const child of running) child.kill('SIGTERM');
  running.clear();
}

/** A git process whose output is read as it comes, fed its input up front. */
export interface GitStream {
  readonly stdout: AsyncIterable<Buffer>;
  /** Resolves when git has exited; rejects with git's own complaint if it failed. */
  finished(): Promise<void>;
}

// Enough of git's complaint to say what went wrong, never a flood.
const STDERR_KEPT = 4096;

export function streamGit(cwd: string, args: readonly string[], input: string): GitStream {
  const child = spawnGit(cwd, args);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    if (stderr.length < STDERR_KEPT) stderr += chunk.toString('utf8');
  });
  // git may exit before reading all its input (an error); that is reported through its status.
  child.stdin?.on('error', () => undefined);
  child.stdin?.end(input);
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  return {
    stdout: child.stdout as AsyncIterable<Buffer>,
    async finished() {
      const status = await exited;
      if (status !== 0) throw new Error(`git ${args.find((arg) => !arg.startsWith('-')) ?? ''} failed: ${gitComplaint(stderr) || `exit ${status}`}`);
    },
  };
}

/** The top of the work tree holding `dir`, or undefined outside a work tree. */
export function workTreeRoot(dir: string): string | undefined {
  try {
    const result = runGit(dir, ['rev-parse', '--is-inside-work-tree', '--show-toplevel']);
    if (result.status !== 0) return undefined;
    const [inside, top] = result.stdout.toString('utf8').trim().split('\n');
    return inside === 'true' && top ? top : undefined;
  } catch (error) {
    if (error instanceof RepositoryOwnerError) throw error;
    return undefined;
  }
}

export interface RunGitAsyncOptions {
  /** As for spawnGit. */
  env?: NodeJS.ProcessEnv;
  /** Output beyond this ends git and fails the call, as runGit's maxBuffer does: a repository cannot make us hold gigabytes. */
  maxBuffer?: number;
}

/**
 * Runs a git command to completion without blocking the event loop, so it can overlap other work.
 * A repository git refuses for its owner rejects as runGit throws.
 */
export function runGitAsync(cwd: string, args: readonly string[], input?: string, options: RunGitAsyncOptions = {}): Promise<GitResult> {
  const maxBuffer = options.maxBuffer ?? Number.POSITIVE_INFINITY;
  return new Promise((resolve, reject) => {
    const child = spawnGit(cwd, args, { env: options.env });
    const stdout: Buffer[] = [];
    let length = 0;
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (length <= maxBuffer) stdout.push(chunk);
      else if (child.exitCode === null && !child.killed) {
        child.kill();
        reject(new Error(`git ${args.find((arg) => !arg.startsWith('-')) ?? ''} printed more than ${maxBuffer} bytes`));
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      if (stderr.length < STDERR_KEPT) stderr += chunk.toString('utf8');
    });
    child.stdin?.on('error', () => undefined);
    child.on('error', reject);
    child.on('close', (status) => {
      try {
        if (status !== 0) checkOwnership(stderr);
        resolve({ status, stdout: Buffer.concat(stdout), stderr });
      } catch (error) {
        reject(error);
      }
    });
    child.stdin?.end(input ?? '');
  });
}

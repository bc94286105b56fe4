import { statSync } from 'node:fs';
import path from 'node:path';
import { runGit, runGitAsync, streamGit, type GitResult } from './git-process.js';
import { TargetError } from './worktree.js';

/** A repository to read history from: a work tree's or a bare one. */
export interface GitRepo {
  /** Where git runs. */
  readonly dir: string;
  /** Top of the work tree; undefined for a bare repository. */
  readonly workTree: string | undefined;
  readonly shallow: boolean;
}

/** A ref tip whose content counts as "still exposed". */
export interface Tip {
  readonly ref: string;
  readonly commit: string;
}

/**
 * Which commits to read, as rev-list understands them. Every revision in it is a resolved object
 * id (or `--all`), so nothing a user typed ever reaches git where it could be read as an option.
 */
export interface HistorySelection {
  readonly all: boolean;
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  /** The commits are listed one by one (--max-commits): do not walk their ancestors. */
  readonly noWalk: boolean;
  readonly tips: readonly Tip[];
}

export interface HistoryOptions {
  branch?: string;
  range?: string;
  sinceCommit?: string;
  maxCommits?: number;
}

/** A blob to scan and the first path rev-list saw it at (for path-limited rules). */
export interface BlobRef {
  readonly oid: string;
  readonly path: string;
}

function checkedDirectory(dir: string): string {
  const absolute = path.resolve(dir);
  try {
    if (!statSync(absolute).isDirectory()) throw new TargetError(`${dir} is not a directory`);
  } catch (error) {
    if (error instanceof TargetError) throw error;
    throw new TargetError(`cannot read ${dir}: no such directory`);
  }
  return absolute;
}

// One git call in a work tree, where `staged` runs on every commit. --show-toplevel fails in a
// bare repository or a .git directory: only then are the other questions asked on their own.
const QUESTIONS = ['rev-parse', '--is-bare-repository', '--is-shallow-repository', '--is-inside-work-tree'];
const WITH_TOP = [...QUESTIONS, '--show-toplevel'];

function inWorkTree(absolute: string, answer: GitResult): GitRepo | undefined {
  if (answer.status !== 0) return undefined;
  const [bare, shallow, inside, ...top] = answer.stdout.toString('utf8').split('\n');
  const workTree = bare !== 'true' && inside === 'true' ? top.join('\n').trim() || undefined : undefined;
  return { dir: workTree ?? absolute, workTree, shallow: shallow === 'true' };
}

function outsideWorkTree(dir: string, absolute: string, answer: GitResult): GitRepo {
  if (answer.status !== 0) throw new TargetError(`${dir} is not a git repository (or any of its parent directories)`);
  const [, shallow] = answer.stdout.toString('utf8').trim().split('\n');
  return { dir: absolute, workTree: undefined, shallow: shallow === 'true' };
}

export function openRepo(dir: string): GitRepo {
  const absolute = checkedDirectory(dir);
  return inWorkTree(absolute, runGit(absolute, WITH_TOP)) ?? outsideWorkTree(dir, absolute, runGit(absolute, QUESTIONS));
}

/** openRepo without blocking the event loop: `staged` loads its code meanwhile. */
export async function openRepoAsync(dir: string): Promise<GitRepo> {
  const absolute = checkedDirectory(dir);
  return inWorkTree(absolute, await runGitAsync(absolute, WITH_TOP)) ?? outsideWorkTree(dir, absolute, await runGitAsync(absolute, QUESTIONS));
}

/** The commit a user-supplied revision names; a usage error when it names none. */
export function resolveCommit(repo: GitRepo, revision: string, option: string): string {
  if (revision === '' || revision.startsWith('-') || /[\0\n]/.test(revision)) throw new TargetError(`${option}: "${revision}" is not a revision`);
  const result = runGit(repo.dir, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${revision}^{commit}`]);
  const oid = result.stdout.toString('utf8').trim();
  if (result.status !== 0 || !oid) throw new TargetError(`${option}: "${revision}" does not name a commit in ${repo.dir}`);
  return oid;
}

/** Every ref and HEAD, peeled to the commits they point at. */
export function allTips(repo: GitRepo): Tip[] {
  const result = runGit(repo.dir, ['for-each-ref', '--format=%(objecttype) %(objectname) %(*objecttype) %(*objectname) %(refname)']);
  const tips: Tip[] = [];
  for (const line of result.stdout.toString('utf8').split('\n')) {
    const [type, oid, peeledType, peeled, ...ref] = line.split(' ');
    const commit = type === 'commit' ? oid : peeledType === 'commit' ? peeled : undefined;
    if (commit && ref.length) tips.push({ ref: ref.join(' '), commit });
  }
  const head = runGit(repo.dir, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
  if (head.status === 0) tips.push({ ref: 'HEAD', commit: head.stdout.toString('utf8').trim() });
  return tips;
}

/**
 * `A..B`, or `A...B` as `git diff A...B` reviews a pull request: B's commits not reachable from the
 * merge base of A and B. Every commit reachable from both is reachable from a merge base, so for
 * reading history the two mean the same commits, and both resolve to the same object ids.
 */
function parseRange(repo: GitRepo, range: string): { from: string; to: string; toName: string } {
  const three = range.indexOf('...');
  const at = three !== -1 ? three : range.indexOf('..');
  if (at === -1) throw new TargetError(`--range: "${range}" is not of the form A..B or A...B`);
  const fromName = range.slice(0, at) || 'HEAD';
  const toName = range.slice(at + (three !== -1 ? 3 : 2)) || 'HEAD';
  return { from: resolveCommit(repo, fromName, '--range'), to: resolveCommit(repo, toName, '--range'), toName };
}

/**
 * Turns command-line choices into commits to read. By default every ref; --branch one ref;
 * --range A..B (or A...B) what B has and A has not; --since-commit REV what the branch (or HEAD) has after
 * REV; --max-commits keeps the newest N of those and reads only what they changed.
 */
export function selectHistory(repo: GitRepo, options: HistoryOptions): HistorySelection {
  if (options.range !== undefined && (options.branch !== undefined || options.sinceCommit !== undefined)) {
    throw new TargetError('--range cannot be combined with --branch or --since-commit');
  }
  let selection: HistorySelection;
  if (options.range !== undefined) {
    const { from, to, toName } = parseRange(repo, options.range);
    selection = { all: false, include: [to], exclude: [from], noWalk: false, tips: [{ ref: toName, commit: to }] };
  } else if (options.branch !== undefined || options.sinceCommit !== undefined) {
    const name = options.branch ?? 'HEAD';
    const tip = resolveCommit(repo, name, options.branch !== undefined ? '--branch' : '--since-commit (needs HEAD)');
    const exclude = options.sinceCommit !== undefined ? [resolveCommit(repo, options.sinceCommit, '--since-commit')] : [];
    selection = { all: false, include: [tip], exclude, noWalk: false, tips: [{ ref: name, commit: tip }] };
  } else {
    selection = { all: true, include: [], exclude: [], noWalk: false, tips: allTips(repo) };
  }
  return options.maxCommits !== undefined ? newestCommits(repo, selection, options.maxCommits) : selection;
}

/** The newest `count` commits, listed one by one, minus what their parents outside the list already had. */
function newestCommits(repo: GitRepo, selection: HistorySelection, count: number): HistorySelection {
  const revs = revListInput(selection).split('\n').filter(Boolean);
  const result = runGit(repo.dir, ['rev-list', `--max-count=${count}`, '--parents', ...(selection.all ? ['--all'] : []), '--end-of-options', ...revs], 1 << 30);
  if (result.status !== 0) throw new Error(`git rev-list failed: ${result.stderr.trim()}`);
  const commits = new Set<string>();
  const parents = new Set<string>();
  for (const line of result.stdout.toString('utf8').split('\n')) {
    const [commit, ...commitParents] = line.split(' ').filter(Boolean);
    if (!commit) continue;
    commits.add(commit);
    commitParents.forEach((parent) => parents.add(parent));
  }
  const boundary = [...parents].filter((parent) => !commits.has(parent));
  return { all: false, include: [...commits], exclude: [...boundary, ...selection.exclude], noWalk: true, tips: selection.tips };
}

/** Arguments selecting the commits; with revListInput as stdin when `--stdin` is among them. */
export function revListArgs(selection: HistorySelection): string[] {
  return [...(selection.all ? ['--all'] : []), ...(selection.noWalk ? ['--no-walk'] : []), '--stdin'];
}

export function revListInput(selection: HistorySelection): string {
  return [...selection.include, ...selection.exclude.map((oid) => `^${oid}`)].map((line) => `${line}\n`).join('');
}

export function isEmpty(selection: HistorySelection): boolean {
  return !selection.all && selection.include.length === 0;
}

export async function countCommits(repo: GitRepo, selection: HistorySelection): Promise<number> {
  if (isEmpty(selection)) return 0;
  if (selection.noWalk) return selection.include.length;
  const result = await runGitAsync(repo.dir, ['rev-list', '--count', ...revListArgs(selection)], revListInput(selection));
  return result.status === 0 ? Number(result.stdout.toString('utf8').trim()) || 0 : 0;
}

/**
 * Streams the blobs reachable from the selected commits, each once, in batches. rev-list's own
 * filter drops trees and commits, so only blob ids cross the pipe. Missing blobs are listed
 * (prefixed with "?") instead of stopping the walk; missing trees are not: see listMissingTrees.
 */
export async function* listBlobs(repo: GitRepo, selection: HistorySelection): AsyncGenerator<{ blobs: BlobRef[]; missing: string[] }> {
  if (isEmpty(selection)) return;
  const git = streamGit(repo.dir, ['rev-list', '--objects', '--filter=object:type=blob', '--filter-provided-objects', '--missing=print', ...revListArgs(selection)], revListInput(selection));
  let rest: Buffer | undefined;
  for await (const chunk of git.stdout) {
    const data = rest ? Buffer.concat([rest, chunk]) : chunk;
    const last = data.lastIndexOf(0x0a);
    if (last === -1) {
      rest = data;
      continue;
    }
    rest = last + 1 < data.length ? data.subarray(last + 1) : undefined;
    yield parseObjectLines(data.toString('utf8', 0, last));
  }
  if (rest) yield parseObjectLines(rest.toString('utf8'));
  await git.finished();
}

function parseObjectLines(text: string): { blobs: BlobRef[]; missing: string[] } {
  const blobs: BlobRef[] = [];
  const missing: string[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('?')) missing.push(line.slice(1).trim());
    else if (line.length > 40) {
      const space = line.indexOf(' ');
      // Provided objects (commits) come without a path; blobs always have one.
      if (space !== -1) blobs.push({ oid: line.slice(0, space), path: line.slice(space + 1) });
    }
  }
  return { blobs, missing };
}

/**
 * Trees the selected commits hold that the object store lacks (a treeless clone, a deleted tree).
 * listBlobs cannot tell: its type filter drops a missing tree unseen, and with it every blob
 * below, so this second walk keeps trees and prints the ids alone, of which only "?" lines count.
 */
export async function listMissingTrees(repo: GitRepo, selection: HistorySelection): Promise<string[]> {
  if (isEmpty(selection)) return [];
  const args = ['rev-list', '--objects', '--filter=object:type=tree', '--filter-provided-objects', '--missing=print', '--no-object-names', ...revListArgs(selection)];
  const git = streamGit(repo.dir, args, revListInput(selection));
  const missing: string[] = [];
  let rest = '';
  for await (const chunk of git.stdout) {
    const lines = (rest + (chunk as Buffer).toString('latin1')).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) if (line.startsWith('?')) missing.push(line.slice(1));
  }
  if (rest.startsWith('?')) missing.push(rest.slice(1));
  await git.finished();
  return missing;
}

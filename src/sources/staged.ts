import path from 'node:path';
import { disarmedDiffDrivers } from './diff-drivers.js';
import type { GitRepo } from './git-history.js';
import { gitComplaint, runGitAsync } from './git-process.js';
import { TargetError } from './worktree.js';

/** A file as the index holds it, with the lines the staged change adds or modifies (1-based). */
export interface StagedFile {
  readonly path: string;
  readonly oid: string;
  readonly addedLines: ReadonlySet<number>;
}

const SYMLINK_MODE = '120000';
const GITLINK_MODE = '160000';

/**
 * The index file to read. Inside a pre-commit hook of `git commit -a` or `git commit <paths>`,
 * git points GIT_INDEX_FILE at a temporary index: that one holds what will be committed.
 */
export function indexEnv(cwd = process.cwd()): NodeJS.ProcessEnv {
  const index = process.env.GIT_INDEX_FILE;
  return index ? { GIT_INDEX_FILE: path.resolve(cwd, index) } : {};
}

/**
 * The files a commit would record (listStaged), for a repository still being opened: the listing
 * starts at once, from `dir`, beside the git call that opens it, instead of after it (a pre-commit
 * hook waits for each in turn). Git finds the same repository from any directory of its work
 * tree, and prints paths from its top whatever the directory (diff.relative is off). The listing
 * counts only once `opening` says the repository has a work tree; if it fails, its complaint is
 * the one reported.
 */
export async function stagedFilesWhileOpening(opening: Promise<GitRepo>, dir: string, env: NodeJS.ProcessEnv = indexEnv()): Promise<{ repo: GitRepo; files: StagedFile[] }> {
  const listing = listStaged(dir, env);
  listing.catch(() => undefined);
  const repo = await opening;
  if (!repo.workTree) throw bareRepository(repo);
  return { repo, files: await listing };
}

function bareRepository(repo: GitRepo): TargetError {
  return new TargetError(`${repo.dir} is a bare repository: it has no staged changes`);
}

/**
 * What `git commit` would record, compared with HEAD (or with nothing in a repository without
 * commits): one raw entry per added, copied, modified, renamed or retyped file, plus a zero-context
 * patch saying which lines are new. `-a` makes git diff every file as text, so a `-diff`
 * attribute cannot hide a file's lines; textconv and external diff tools never run, and the
 * repository's diff drivers cannot stall the diff with their hunk-header patterns.
 */
async function listStaged(cwd: string, env: NodeJS.ProcessEnv): Promise<StagedFile[]> {
  const args = ['diff', '--cached', '--raw', '-p', '-z', '-U0', '--inter-hunk-context=0', '-a', '--no-abbrev', '-M', '--diff-filter=ACMRT', '--no-color', '--no-ext-diff', '--no-textconv', '--ignore-submodules=all', '--src-prefix=a/', '--dst-prefix=b/'];
  // Asynchronous, so that a caller can load what it needs meanwhile.
  const result = await runGitAsync(cwd, args, undefined, { env: { ...env, ...(await disarmedDiffDrivers(cwd, env)) }, maxBuffer: 1 << 30 });
  if (result.status !== 0) throw new TargetError(`git diff --cached failed in ${cwd}: ${gitComplaint(result.stderr)}`);
  return parseStagedDiff(result.stdout);
}

interface RawEntry {
  path: string;
  oid: string;
  mode: string;
}

/** Parses `--raw -p -z` output: NUL-separated raw entries, an empty field, then the patch. */
export function parseStagedDiff(out: Buffer): StagedFile[] {
  const entries: RawEntry[] = [];
  let at = 0;
  while (at < out.length && out[at] === 0x3a /* ':' */) {
    const headerEnd = out.indexOf(0, at);
    const header = out.toString('latin1', at, headerEnd).split(' ');
    const status = header[4] ?? '';
    const paths = status.startsWith('R') || status.startsWith('C') ? 2 : 1;
    let pathEnd = headerEnd;
    let filePath = '';
    for (let i = 0; i < paths; i++) {
      const start = pathEnd + 1;
      pathEnd = out.indexOf(0, start);
      filePath = out.toString('utf8', start, pathEnd);
    }
    entries.push({ path: filePath, oid: header[3] ?? '', mode: header[1] ?? '' });
    at = pathEnd + 1;
  }
  if (out[at] === 0) at++;
  const added = addedLinesPerSection(out.toString('latin1', at));
  const files: StagedFile[] = [];
  entries.forEach((entry, i) => {
    if (entry.mode === SYMLINK_MODE || entry.mode === GITLINK_MODE || /^0+$/.test(entry.oid)) return;
    files.push({ path: entry.path, oid: entry.oid, addedLines: added[i] ?? new Set() });
  });
  return files;
}

/**
 * Added line numbers for each file section of a patch, in raw-entry order. A section that only
 * deletes (half of a type change) belongs to no entry and is dropped.
 */
function addedLinesPerSection(patch: string): Set<number>[] {
  const sections: Set<number>[] = [];
  let current: Set<number> | undefined;
  let deletion = false;
  let inHunk = false;
  let line = 0;
  const close = (): void => {
    if (current && !deletion) sections.push(current);
  };
  for (const text of patch.split('\n')) {
    if (text.startsWith('diff --git ')) {
      close();
      current = new Set();
      deletion = false;
      inHunk = false;
    } else if (!inHunk) {
      if (text.startsWith('deleted file mode ')) deletion = true;
      const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(text);
      if (hunk) {
        inHunk = true;
        line = Number(hunk[1]);
      }
    } else if (text.startsWith('+')) {
      current?.add(line++);
    } else if (text.startsWith(' ')) {
      line++;
    } else if (text.startsWith('@@')) {
      const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(text);
      if (hunk) line = Number(hunk[1]);
    }
  }
  close();
  return sections;
}

import { statSync } from 'node:fs';
import path from 'node:path';
import type { FileRef } from './content.js';
import { runGit, workTreeRoot } from './git-process.js';
import { walkedFile, walkFiles, type WalkedFile } from './walk.js';

export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/** The path reports show: relative to the working directory when inside it, else absolute. */
export function displayPath(absPath: string, cwd = process.cwd()): string {
  const relative = path.relative(cwd, absPath);
  return toPosix(relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : absPath);
}

export class TargetError extends Error {}

/**
 * Lists the files under each target. Inside a git work tree git itself says what is tracked or
 * untracked-but-not-ignored (.gitignore, .git/info/exclude, global excludes, nested ignores all
 * apply); outside one, every file is listed. `.git/` is never entered, symlinks never followed.
 */
export function listFiles(targets: readonly string[], cwd = process.cwd()): FileRef[] {
  const seen = new Set<string>();
  const files: FileRef[] = [];
  const add = (absPath: string, explicit = false, rawPath?: Buffer): void => {
    if (seen.has(absPath)) return;
    seen.add(absPath);
    files.push({ absPath, path: displayPath(absPath, cwd), ...(explicit && { explicit }), ...(rawPath && { rawPath }) });
  };
  for (const target of targets) {
    const absTarget = path.resolve(cwd, target);
    let isDirectory: boolean;
    try {
      // An explicitly named path is followed even if it is a symlink: the user chose it.
      isDirectory = statSync(absTarget).isDirectory();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new TargetError(`cannot scan ${target}: ${code === 'ENOENT' ? 'no such file or directory' : (code ?? String(error))}`);
    }
    if (!isDirectory) {
      add(absTarget, true);
      continue;
    }
    const listed = workTreeRoot(absTarget) ? gitListing(absTarget) : walkFiles(absTarget);
    for (const { relative, raw } of listed) add(path.join(absTarget, relative), false, raw && Buffer.concat([Buffer.from(`${absTarget}/`), raw]));
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function gitListing(dir: string): WalkedFile[] {
  const result = runGit(dir, ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--deduplicate', '--', '.']);
  if (result.status !== 0) throw new TargetError(`git ls-files failed in ${dir}: ${result.stderr.trim()}`);
  // Split as bytes: a name that is not UTF-8 must keep its bytes to be opened.
  const entries: WalkedFile[] = [];
  for (let start = 0, end = result.stdout.indexOf(0); end !== -1; start = end + 1, end = result.stdout.indexOf(0, start)) {
    const entry = walkedFile(result.stdout.subarray(start, end));
    if (entry.relative.length > 0 && !isInsideGitDir(entry.relative)) entries.push(entry);
  }
  return entries;
  // Submodules appear as directories here; reading refuses them as not-a-file.
}

function isInsideGitDir(relative: string): boolean {
  return relative.split('/').includes('.git');
}

import { statSync } from 'node:fs';
import path from 'node:path';
import { lazyModule } from '../lazy-module.js';

const fastGlob = lazyModule<typeof import('fast-glob')>('fast-glob');
import type { FileRef } from './content.js';
import { runGit, workTreeRoot } from './git-process.js';

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
  const add = (absPath: string, explicit = false): void => {
    if (seen.has(absPath)) return;
    seen.add(absPath);
    files.push({ absPath, path: displayPath(absPath, cwd), ...(explicit && { explicit }) });
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
    const listed = workTreeRoot(absTarget) ? gitListing(absTarget) : globListing(absTarget);
    for (const relative of listed) add(path.join(absTarget, relative));
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function gitListing(dir: string): string[] {
  const result = runGit(dir, ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--deduplicate', '--', '.']);
  if (result.status !== 0) throw new TargetError(`git ls-files failed in ${dir}: ${result.stderr.trim()}`);
  return result.stdout
    .toString('utf8')
    .split('\0')
    .filter((entry) => entry.length > 0 && !isInsideGitDir(entry));
  // Submodules appear as directories here; reading refuses them as not-a-file.
}

function isInsideGitDir(relative: string): boolean {
  return relative.split('/').includes('.git');
}

function globListing(dir: string): string[] {
  return fastGlob().sync('**', {
    cwd: dir,
    dot: true,
    onlyFiles: true,
    followSymbolicLinks: false,
    suppressErrors: true,
    ignore: ['**/.git/**', '**/.git'],
  });
}

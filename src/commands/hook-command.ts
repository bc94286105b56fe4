import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { readUserFile } from '../util/read-user-file.js';
import { writeFileAtomic } from '../util/write-output.js';
import { gitArgs, safeGitEnv } from '../sources/git-process.js';
import { UsageError } from './exit-codes.js';

/** Marks a hook as ours: uninstall removes a hook only when this line is in it. */
export const HOOK_MARKER = '# secretsift-managed-hook v1';

const BIN = fileURLToPath(new URL('../../bin/secretsift.js', import.meta.url));

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * The hook prefers a `secretsift` on PATH (a global or project install a teammate also has), and
 * falls back to the copy that installed it, which need not be on PATH inside git's environment.
 */
export function hookScript(nodePath = process.execPath, binPath = BIN): string {
  return `#!/bin/sh
${HOOK_MARKER}
# Blocks commits that add secrets. Installed by "secretsift hook install"; remove with
# "secretsift hook uninstall". Skip once (not recommended) with "git commit --no-verify".
if command -v secretsift >/dev/null 2>&1; then
  exec secretsift staged
fi
if [ -f ${shellQuote(binPath)} ] && [ -x ${shellQuote(nodePath)} ]; then
  exec ${shellQuote(nodePath)} ${shellQuote(binPath)} staged
fi
echo "secretsift pre-commit hook: secretsift is not installed (from a clone of it: npm ci, then npm install -g .), so this commit was not checked." >&2
exit 1
`;
}

function git(cwd: string, args: readonly string[]): { ok: boolean; out: string; err: string } {
  // Every git process's config but core.hooksPath, whose configured value is the point here.
  const result = spawnSync('git', gitArgs(args, { configuredHooksPath: true }), { cwd, env: safeGitEnv(), encoding: 'utf8' });
  if (result.error) throw new UsageError(`cannot run git: ${result.error.message}`);
  return { ok: result.status === 0, out: result.stdout.trim(), err: result.stderr.trim() };
}

function workTreeTop(cwd: string): string {
  const top = git(cwd, ['rev-parse', '--show-toplevel']);
  if (!top.ok || !top.out) throw new UsageError(`not inside a git work tree: ${cwd}`);
  return top.out;
}

/** The pre-commit hook file git would run for the work tree holding `cwd`, honouring core.hooksPath. */
export function preCommitHookPath(cwd: string): string {
  const top = workTreeTop(cwd);
  const hooks = git(top, ['rev-parse', '--git-path', 'hooks']);
  if (!hooks.ok || !hooks.out) throw new UsageError(`cannot find the hooks directory: ${hooks.err}`);
  // A relative core.hooksPath is relative to the top of the work tree, where git runs hooks.
  return path.join(path.resolve(top, hooks.out), 'pre-commit');
}

// A hook is a short script; whatever the hooks path holds (a FIFO, /dev/zero behind a symlink) is read no further.
const HOOK_FILE = { name: 'hook', maxBytes: 1024 * 1024 };

export function isOurHook(file: string): boolean {
  try {
    return readUserFile(file, HOOK_FILE).includes(HOOK_MARKER);
  } catch {
    return false;
  }
}

export type InstallOutcome = { kind: 'installed' | 'updated'; file: string } | { kind: 'replaced'; file: string; backup: string };

export function installHook(cwd: string, force: boolean): InstallOutcome {
  const file = preCommitHookPath(cwd);
  const exists = existsSync(file);
  const ours = exists && isOurHook(file);
  if (exists && !ours && !force) {
    throw new UsageError(`${file} already exists and was not installed by secretsift; add "secretsift staged" to it yourself, or use --force to replace it (the old hook is kept as pre-commit.secretsift-backup)`);
  }
  mkdirSync(path.dirname(file), { recursive: true });
  let backup: string | undefined;
  if (exists && !ours) {
    backup = `${file}.secretsift-backup`;
    renameSync(file, backup);
  }
  // A hooks directory inside the work tree (core.hooksPath=.githooks) may hold a planted symlink: never written through.
  writeFileAtomic(file, hookScript(), { scanned: [workTreeTop(cwd)], mode: 0o755 });
  if (backup) return { kind: 'replaced', file, backup };
  return { kind: ours ? 'updated' : 'installed', file };
}

export type UninstallOutcome = { kind: 'removed' | 'absent'; file: string } | { kind: 'restored'; file: string; backup: string };

/** Removes our hook, and puts back the hook `install --force` set aside, if it is still there. */
export function uninstallHook(cwd: string): UninstallOutcome {
  const file = preCommitHookPath(cwd);
  if (!existsSync(file)) return { kind: 'absent', file };
  if (!isOurHook(file)) throw new UsageError(`${file} was not installed by secretsift; leaving it alone`);
  rmSync(file);
  const backup = `${file}.secretsift-backup`;
  // Only a regular file, as the rename at install left it: never a symlink put there since.
  if (lstatSync(backup, { throwIfNoEntry: false })?.isFile()) {
    renameSync(backup, file);
    return { kind: 'restored', file, backup };
  }
  return { kind: 'removed', file };
}

export function registerHookCommand(program: Command): void {
  const hook = program
    .command('hook')
    .description('manage a git pre-commit hook that runs "secretsift staged"')
    .addHelpText(
      'after',
      `
Examples:
  $ secretsift hook install            add the hook to this repository (honours core.hooksPath)
  $ secretsift hook install --force    replace another pre-commit hook (it is kept as a backup)
  $ secretsift hook uninstall          remove the hook, only if secretsift installed it (and put back one --force replaced)`,
    );

  hook
    .command('install')
    .description('write a pre-commit hook that blocks commits adding secrets')
    .option('--force', 'replace an existing pre-commit hook that secretsift did not install')
    .addHelpText('after', '\nExamples:\n  $ secretsift hook install\n  $ secretsift hook install --force')
    .action((options: { force?: boolean }) => {
      const outcome = installHook(process.cwd(), Boolean(options.force));
      const verb = { installed: 'installed', updated: 'updated', replaced: 'installed' }[outcome.kind];
      process.stdout.write(`${verb} pre-commit hook: ${outcome.file}\n`);
      if (outcome.kind === 'replaced') process.stdout.write(`the previous hook was kept as ${outcome.backup}\n`);
    });

  hook
    .command('uninstall')
    .description('remove the pre-commit hook if secretsift installed it')
    .addHelpText('after', '\nExamples:\n  $ secretsift hook uninstall')
    .action(() => {
      const outcome = uninstallHook(process.cwd());
      if (outcome.kind === 'absent') process.stdout.write(`no pre-commit hook at ${outcome.file}\n`);
      else process.stdout.write(`removed pre-commit hook: ${outcome.file}\n`);
      if (outcome.kind === 'restored') process.stdout.write(`restored the previous hook from ${outcome.backup}\n`);
    });
}

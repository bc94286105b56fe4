import path from 'node:path';
import type { Command } from 'commander';
import { findConfigFile } from '../config/config-file.js';
import { openRepoAsync, type GitRepo } from '../sources/git-history.js';
import { gitProcessesStarted } from '../sources/git-process.js';
import { stagedFilesWhileOpening } from '../sources/staged.js';
import { debugLog } from './debug.js';
import { owesEmptyReport } from './empty-report.js';
import { EXIT } from './exit-codes.js';
import { addScanOptions, type RawScanOptions } from './scan-flags.js';

export function registerStagedCommand(program: Command): void {
  addScanOptions(
    program
      .command('staged')
      .description('scan what the next commit would record: staged content, only the lines it adds or changes')
      .argument('[repo]', 'repository work tree', '.'),
  )
    .addHelpText(
      'after',
      `
The index is read, not the working tree: unstaged edits are not scanned. Inside a pre-commit hook
the index git prepared for the commit (GIT_INDEX_FILE) is used. Nothing staged: exit 0 at once,
printing nothing; a report asked for with -f or -o (or a config's format) is still written, empty.

Examples:
  $ secretsift staged              in a pre-commit hook (see: secretsift hook install)
  $ secretsift staged -f json`,
    )
    .action(async (repoDir: string, options: RawScanOptions) => {
      // The config, rule and detection code loads while git finds the repository and lists what
      // is staged; a commit with nothing staged still loads no rules.
      const scanning = import('./staged-action.js');
      scanning.catch(() => undefined);
      const { repo, files } = await stagedFilesWhileOpening(openRepoAsync(repoDir), path.resolve(repoDir));
      if (files.length === 0 && !reportAwaited(repo, options)) {
        debugLog(options, `nothing staged (git processes: ${gitProcessesStarted()})`);
        process.exitCode = EXIT.clean;
        // The scanning code still loading would hold the process for nothing. Not with --debug,
        // whose lines a pipe on some systems may still be writing.
        if (!options.debug) process.exit();
        return;
      }
      process.exitCode = await (await scanning).scanStaged(repo, files, options);
    });
}

/**
 * Whether a run with nothing staged still owes a report (owesEmptyReport), told before the scanning
 * code loads: a config may name the format, so where one applies the full path reads it.
 */
function reportAwaited(repo: GitRepo, options: RawScanOptions): boolean {
  if (options.format !== undefined || options.output !== undefined || options.config === false) return owesEmptyReport(options.format ?? 'text', options.output);
  return typeof options.config === 'string' || findConfigFile(repo.workTree ?? repo.dir, repo.workTree) !== undefined;
}

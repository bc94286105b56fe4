import type { Command } from 'commander';
import { openRepoAsync } from '../sources/git-history.js';
import { stagedFiles } from '../sources/staged.js';
import { debugLog } from './debug.js';
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
the index git prepared for the commit (GIT_INDEX_FILE) is used. Nothing staged: exit 0 at once.

Examples:
  $ secretsift staged              in a pre-commit hook (see: secretsift hook install)
  $ secretsift staged -f json`,
    )
    .action(async (repoDir: string, options: RawScanOptions) => {
      // The config, rule and detection code loads while git finds the repository and lists what
      // is staged; a commit with nothing staged still loads no rules.
      const scanning = import('./staged-action.js');
      scanning.catch(() => undefined);
      const repo = await openRepoAsync(repoDir);
      const files = await stagedFiles(repo);
      if (files.length === 0) {
        debugLog(options, 'nothing staged');
        process.exitCode = EXIT.clean;
        return;
      }
      process.exitCode = await (await scanning).scanStaged(repo, files, options);
    });
}

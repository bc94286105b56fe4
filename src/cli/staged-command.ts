import type { Command } from 'commander';
import { runStaged } from '../scan/run-staged.js';
import { openRepo } from '../sources/git-history.js';
import { stagedFiles } from '../sources/staged.js';
import { debugLog } from './debug.js';
import { suppressionSetup } from './suppression-setup.js';
import { EXIT } from './exit-codes.js';
import { contextFiles, reportDestination } from './report-destination.js';
import { emitReport } from './emit-report.js';
import { addScanOptions, resolveScanContext, type RawScanOptions, scanSettings } from './scan-options.js';

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
      const repo = openRepo(repoDir);
      // Listed before rules are loaded: a commit with nothing staged costs one git call.
      const files = stagedFiles(repo);
      if (files.length === 0) {
        debugLog(options, 'nothing staged');
        process.exitCode = EXIT.clean;
        return;
      }
      const context = resolveScanContext(options, repo.workTree ?? repo.dir, repo.workTree);
      const destination = reportDestination(options.output, { trees: [repo.workTree ?? repo.dir, repo.dir], files: contextFiles(context, options.rules) });
      const { allowlist, withBaseline } = await suppressionSetup(context);
      const result = await runStaged({
        repo,
        files,
        specs: context.specs,
        settings: scanSettings(context, options),
        allowlist,
      });
      debugLog(options, `staged: ${files.length} files, scanned ${result.stats.files} (${result.stats.bytes} bytes) in ${result.stats.durationMs} ms`);
      process.exitCode = await emitReport(withBaseline(result), options, context.format, context.specs, destination);
    });
}

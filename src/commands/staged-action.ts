import { runStaged } from '../pipeline/run-staged.js';
import type { GitRepo } from '../sources/git-history.js';
import type { StagedFile } from '../sources/staged.js';
import { debugLog } from './debug.js';
import { emitReport } from './emit-report.js';
import { contextFiles, reportDestination } from './report-destination.js';
import { resolveScanContext, type RawScanOptions, scanSettings } from './scan-options.js';
import { suppressionSetup } from './suppression-setup.js';

/** `secretsift staged` once git has listed staged files: scans them and reports. Returns the exit code. */
export async function scanStaged(repo: GitRepo, files: readonly StagedFile[], options: RawScanOptions): Promise<number> {
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
  return emitReport(withBaseline(result), options, context, destination);
}

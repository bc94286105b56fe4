import { runPipeline } from '../pipeline/pipeline.js';
import { StagedSource } from '../pipeline/staged-source.js';
import type { GitRepo } from '../sources/git-history.js';
import { gitProcessesStarted } from '../sources/git-process.js';
import type { StagedFile } from '../sources/staged.js';
import { debugLog } from './debug.js';
import { owesEmptyReport } from './empty-report.js';
import { emitReport } from './emit-report.js';
import { EXIT } from './exit-codes.js';
import { contextFiles, reportDestination } from './report-destination.js';
import { resolveScanContext, type RawScanOptions, scanSettings } from './scan-options.js';
import { suppressionSetup } from './suppression-setup.js';

/** `secretsift staged` once git has listed staged files: scans them and reports. Returns the exit code. */
export async function scanStaged(repo: GitRepo, files: readonly StagedFile[], options: RawScanOptions): Promise<number> {
  const context = await resolveScanContext(options, repo.workTree ?? repo.dir, repo.workTree);
  // Nothing staged, and the config says text: as without a config, nothing to say.
  if (files.length === 0 && !owesEmptyReport(context.format, options.output)) return EXIT.clean;
  const destination = reportDestination(options.output, { trees: [repo.workTree ?? repo.dir, repo.dir], files: contextFiles(context, options.rules) });
  const suppression = await suppressionSetup(context);
  const source = new StagedSource(repo, files, suppression.skipsFile);
  // One thread: a commit's few files do not pay for a worker's start-up.
  const result = await runPipeline(source, { specs: context.specs, settings: scanSettings(context, options), threads: 0 }, suppression.stagesFor(source));
  debugLog(options, `staged: ${files.length} files, scanned ${result.stats.files} (${result.stats.bytes} bytes) in ${result.stats.durationMs} ms; git processes: ${gitProcessesStarted()}`);
  const code = await emitReport(result, options, context, destination);
  // For the person at the commit: a script reading a machine format has its exit code.
  if (code === EXIT.leaks && !options.quiet && context.format === 'text') process.stderr.write(BLOCKED);
  return code;
}

// A pre-commit hook that only prints findings leaves the user guessing why nothing was committed.
const BLOCKED = `secretsift: commit blocked: the staged changes add a secret. To go on:
  - remove it from the file (and revoke it if it was ever pushed or shared), then git add the file again;
  - if it is not a secret, end its line with a comment holding secretsift:allow;
  - to accept it as known, record it in the baseline: secretsift baseline update -b <baseline file>;
  - as a last resort, git commit --no-verify skips this check.
`;

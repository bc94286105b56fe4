import type { Command } from 'commander';
import { neutralise } from '../report/redact.js';
import { HistorySource } from '../pipeline/history-source.js';
import { runPipeline } from '../pipeline/pipeline.js';
import { stderrProgress } from '../pipeline/progress.js';
import { isMachineFormat } from '../report/format-names.js';
import { openRepo, selectHistory, type HistoryOptions } from '../sources/git-history.js';
import { debugLog } from './debug.js';
import { addOptions, OPTIONS, parseOption } from './option-defs.js';
import { contextFiles, reportDestination } from './report-destination.js';
import { emitReport } from './emit-report.js';
import { addArchiveOptions, addScanOptions, resolveScanContext, type RawScanOptions, scanSettings } from './scan-options.js';
import { suppressionSetup } from './suppression-setup.js';
import { identifiedReport, resolveSharding, shardReportOptions, type ShardingOptions } from './sharding.js';
import { blobCacheKey, rulesetHash } from './ruleset-hash.js';
import { BlobCache } from '../pipeline/blob-cache.js';
import { snapshotOf } from '../report/run-identity.js';

interface HistoryCliOptions extends RawScanOptions, ShardingOptions {
  blobCache?: string;
  branch?: string;
  range?: string;
  sinceCommit?: string;
  maxCommits?: string;
}

function historyOptions(options: HistoryCliOptions): HistoryOptions {
  const { branch, range, sinceCommit, maxCommits } = options;
  const newest = parseOption(OPTIONS.maxCommits, maxCommits);
  return {
    ...(branch !== undefined && { branch }),
    ...(range !== undefined && { range }),
    ...(sinceCommit !== undefined && { sinceCommit }),
    ...(newest !== undefined && { maxCommits: newest }),
  };
}

export function registerHistoryCommand(program: Command): void {
  addArchiveOptions(addScanOptions(
    addOptions(
      program
        .command('history')
        .description('scan git history: every unique blob of the selected commits, once')
        .argument('[repo]', 'repository (work tree or bare)', '.'),
      ['branch', 'range', 'sinceCommit', 'maxCommits', 'shard', 'blobCache'],
    ),
  ))
    .addHelpText(
      'after',
      `
Findings are grouped by rule and secret, shown at the commit that introduced them. A secret still
present at the tip of a scanned ref is "still exposed"; one only in history must be rotated anyway.

Examples:
  $ secretsift history                             every commit reachable from any ref
  $ secretsift history --range origin/main..HEAD   what a pull request adds
  $ secretsift history /srv/git/app.git -f json    a bare repository
  $ secretsift history --blob-cache ../app.blobs    do not read again the blobs a run found clean`,
    )
    .action(async (repoDir: string, options: HistoryCliOptions) => {
      const wanted = historyOptions(options);
      const sharding = resolveSharding(options, 'history');
      const repo = openRepo(repoDir);
      const context = await resolveScanContext(options, repo.workTree ?? repo.dir);
      const destination = reportDestination(options.output, { trees: [repo.workTree ?? repo.dir, repo.dir], files: contextFiles(context, options.rules) });
      const suppression = await suppressionSetup(context);
      const selection = selectHistory(repo, wanted);
      if (repo.shallow && !options.quiet) process.stderr.write(`warning: ${neutralise(repo.dir)} is a shallow clone: commits before its cut-off are not scanned\n`);
      debugLog(options, `config: ${context.config.file ?? 'none'}; ${context.specs.length} rules; ${selection.all ? 'all refs' : `${selection.include.length} tips`}; ${selection.tips.length} refs for exposure`);
      // A shard's SARIF line hashes are made where the content is: the merge has only the JSON.
      const settings = { ...scanSettings(context, options), ...(sharding.shard && { lineHashes: true }) };
      let hashed: string | undefined;
      const ruleSet = (): string => (hashed ??= rulesetHash(context, settings));
      const blobCache = options.blobCache !== undefined ? new BlobCache(options.blobCache, blobCacheKey(ruleSet()), [repo.workTree ?? repo.dir, repo.dir]) : undefined;
      const warn = (messages: string[]) => {
        if (!options.quiet) for (const message of messages.splice(0)) process.stderr.write(`warning: ${neutralise(message)}\n`);
      };
      if (blobCache) warn(blobCache.warnings);
      const source = new HistorySource(repo, selection, suppression.skipsFile, new Date(), { shard: sharding.shard, blobCache });
      const progress = stderrProgress(options, isMachineFormat(context.format), 'blobs');
      const result = await runPipeline(
        source,
        { specs: context.specs, settings, onProgress: progress.update, ...(context.threads !== undefined && { threads: context.threads }) },
        suppression.stagesFor(source),
      ).finally(progress.stop);
      debugLog(options, `scanned ${result.stats.files} blobs, ${result.stats.bytes} bytes, ${result.stats.commits ?? 0} commits in ${result.stats.durationMs} ms`);
      if (blobCache) {
        blobCache.save();
        warn(blobCache.warnings);
      }
      const report = identifiedReport(result, { kind: 'history', target: [repoDir], snapshot: snapshotOf(selection) }, ruleSet, sharding);
      process.exitCode = await emitReport(report, shardReportOptions(options, sharding, context.format), context, destination);
    });
}

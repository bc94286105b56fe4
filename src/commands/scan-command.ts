import { statSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { isMachineFormat } from '../report/format-names.js';
import { stderrProgress } from '../pipeline/progress.js';
import { runPipeline } from '../pipeline/pipeline.js';
import { STDIN_TARGET, WorktreeSource } from '../pipeline/worktree-source.js';
import { suppressionSetup } from './suppression-setup.js';
import { debugLog } from './debug.js';
import { emitReport } from './emit-report.js';
import { contextFiles, reportDestination } from './report-destination.js';
import { addArchiveOptions, addScanOptions, resolveScanContext, type RawScanOptions, scanSettings } from './scan-options.js';
import { addOptions } from './option-defs.js';
import { rulesetHash } from './ruleset-hash.js';
import { identifiedReport, resolveSharding, shardReportOptions, type ShardingOptions } from './sharding.js';

/** The directory a scan's config is looked up from: the first directory target, else the working directory. */
export function firstDirectory(targets: readonly string[]): string {
  for (const target of targets) {
    if (target === STDIN_TARGET) continue;
    const absolute = path.resolve(target);
    try {
      return statSync(absolute).isDirectory() ? absolute : path.dirname(absolute);
    } catch {
      return process.cwd();
    }
  }
  return process.cwd();
}

export function registerScanCommand(program: Command): void {
  addOptions(
    addArchiveOptions(
      addScanOptions(
        program
          .command('scan')
          .description('scan files and directories on disk, archives included ("-" reads standard input)')
          .argument('[paths...]', 'files or directories to scan', ['.']),
      ),
    ),
    ['shard'],
  )
    .addHelpText(
      'after',
      `
Examples:
  $ secretsift scan                      scan the current directory (honours .gitignore)
  $ secretsift scan src config/.env      scan some paths
  $ cat dump.sql | secretsift scan -     scan standard input
  $ secretsift scan -f json -o leaks.json`,
    )
    .action(async (paths: string[], options: RawScanOptions & ShardingOptions) => {
      const sharding = resolveSharding(options, 'scan');
      const context = await resolveScanContext(options, firstDirectory(paths));
      const scanned = paths.filter((target) => target !== STDIN_TARGET);
      const destination = reportDestination(options.output, { trees: scanned, files: contextFiles(context, options.rules), listed: scanned });
      debugLog(options, `config: ${context.config.file ?? 'none'}; ${context.specs.length} rules; max file size ${context.maxFileSize}`);
      // Read before scanning: a broken baseline stops the run before any work, with exit 2.
      const suppression = await suppressionSetup(context);
      const progress = stderrProgress(options, isMachineFormat(context.format), 'files');
      const source = new WorktreeSource(paths, suppression.skipsFile, sharding.shard);
      // A shard's SARIF line hashes are made where the content is: the merge has only the JSON.
      const settings = { ...scanSettings(context, options), ...(sharding.shard && { lineHashes: true }) };
      const result = await runPipeline(
        source,
        { specs: context.specs, settings, threads: context.threads, onProgress: progress.update },
        suppression.stagesFor(source),
      ).finally(progress.stop);
      debugLog(options, `scanned ${result.stats.files} files, ${result.stats.bytes} bytes in ${result.stats.durationMs} ms`);
      const report = identifiedReport(result, { kind: 'scan', target: paths }, () => rulesetHash(context, settings), sharding);
      process.exitCode = await emitReport(report, shardReportOptions(options, sharding, context.format), context, destination);
    });
}

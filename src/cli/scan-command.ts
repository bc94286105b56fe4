import { statSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { FORMATS, isMachineFormat } from '../report/formats.js';
import type { Report, RuleMeta } from '../report/report.js';
import { neutralise, redaction } from '../report/redact.js';
import { sarifLimitWarnings } from '../report/sarif-limits.js';
import { writeOutput } from '../report/write-output.js';
import { stderrProgress } from '../scan/progress.js';
import { runScan, STDIN_TARGET } from '../scan/run-scan.js';
import { suppressionSetup } from './suppression-setup.js';
import { EXIT } from './exit-codes.js';
import { debugLog } from './debug.js';
import { contextFiles, reportDestination, type ReportDestination } from './report-destination.js';
import { incompleteScan } from './incomplete-scan.js';
import { addArchiveOptions, addScanOptions, resolveScanContext, useColor, type RawScanOptions, scanSettings } from './scan-options.js';
import { VERSION } from './version.js';

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

/**
 * Renders the report where it was asked to go; warnings go to stderr. Returns the exit code.
 * `rules` (the specs that ran) lets SARIF describe every rule, not only those that found something.
 */
export function emitReport(report: Report, options: RawScanOptions, format: keyof typeof FORMATS, rules: readonly RuleMeta[], destination: ReportDestination): number {
  const toFile = options.output !== undefined;
  const text = FORMATS[format](report, {
    showSecrets: Boolean(options.showSecrets),
    showSuppressed: Boolean(options.showSuppressed),
    color: format === 'text' && useColor(options, toFile),
    quiet: Boolean(options.quiet),
    toolVersion: VERSION,
    ...(rules && { rules }),
    ...(options.sarifCategory !== undefined && { sarifCategory: options.sarifCategory }),
  });
  if (destination.kind === 'stdout') process.stdout.write(text);
  else writeOutput(destination, text);
  if (!options.quiet) {
    // A path may hold a found secret (a token in a file name): masked as in the report.
    const shown = redaction(report, Boolean(options.showSecrets));
    for (const { path: file, message } of report.errors) process.stderr.write(`warning: could not read ${neutralise(shown.text(file))}: ${neutralise(shown.text(message))}\n`);
    for (const { path: file, message } of report.warnings ?? []) process.stderr.write(`warning: ${neutralise(shown.text(file))}: ${neutralise(shown.text(message))}\n`);
    if (format === 'sarif') {
      const results = report.findings.length + (options.showSuppressed ? report.suppressed.length : 0);
      for (const warning of sarifLimitWarnings(text, results)) process.stderr.write(`warning: ${warning}\n`);
    }
  }
  // Said even with --quiet: an exit 2 needs a reason.
  const incomplete = incompleteScan(report.errors, options.allowIncomplete);
  if (incomplete) {
    process.stderr.write(`secretsift: ${incomplete}\n`);
    return EXIT.error;
  }
  return report.findings.length > 0 ? EXIT.leaks : EXIT.clean;
}

export function registerScanCommand(program: Command): void {
  addArchiveOptions(
    addScanOptions(
      program
        .command('scan')
        .description('scan files and directories on disk, archives included ("-" reads standard input)')
        .argument('[paths...]', 'files or directories to scan', ['.']),
    ),
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
    .action(async (paths: string[], options: RawScanOptions) => {
      const context = resolveScanContext(options, firstDirectory(paths));
      const scanned = paths.filter((target) => target !== STDIN_TARGET);
      const destination = reportDestination(options.output, { trees: scanned, files: contextFiles(context, options.rules), listed: scanned });
      debugLog(options, `config: ${context.config.file ?? 'none'}; ${context.specs.length} rules; max file size ${context.maxFileSize}`);
      // Read before scanning: a broken baseline stops the run before any work, with exit 2.
      const { allowlist, withBaseline } = suppressionSetup(context);
      const progress = stderrProgress(options, isMachineFormat(context.format), 'files');
      const result = await runScan({
        targets: paths,
        specs: context.specs,
        settings: scanSettings(context, options),
        allowlist,
        threads: context.threads,
        onProgress: progress.update,
      }).finally(progress.stop);
      debugLog(options, `scanned ${result.stats.files} files, ${result.stats.bytes} bytes in ${result.stats.durationMs} ms`);
      process.exitCode = emitReport(withBaseline(result), options, context.format, context.specs, destination);
    });
}

import { statSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { FORMATS } from '../report/formats.js';
import type { Report } from '../report/report.js';
import { neutralise } from '../report/redact.js';
import { writeFileAtomic } from '../report/write-output.js';
import { runScan, STDIN_TARGET } from '../scan/run-scan.js';
import { compileAllowlist } from '../suppress/allowlist.js';
import { EXIT } from './exit-codes.js';
import { debugLog } from './debug.js';
import { addScanOptions, resolveScanContext, useColor, type RawScanOptions } from './scan-options.js';
import { VERSION } from './version.js';

/** The directory a scan's config is looked up from: the first directory target, else the working directory. */
function firstDirectory(targets: readonly string[]): string {
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

/** Renders the report where it was asked to go; warnings go to stderr. Returns the exit code. */
export function emitReport(report: Report, options: RawScanOptions, format: keyof typeof FORMATS): number {
  const toFile = options.output !== undefined;
  const text = FORMATS[format](report, {
    showSecrets: Boolean(options.showSecrets),
    showSuppressed: Boolean(options.showSuppressed),
    color: format === 'text' && useColor(options, toFile),
    quiet: Boolean(options.quiet),
    toolVersion: VERSION,
  });
  if (options.output) writeFileAtomic(path.resolve(options.output), text);
  else process.stdout.write(text);
  if (!options.quiet) {
    for (const { path: file, message } of report.errors) process.stderr.write(`warning: could not read ${neutralise(file)}: ${message}\n`);
  }
  return report.findings.length > 0 ? EXIT.leaks : EXIT.clean;
}

export function registerScanCommand(program: Command): void {
  addScanOptions(
    program
      .command('scan')
      .description('scan files and directories on disk ("-" reads standard input)')
      .argument('[paths...]', 'files or directories to scan', ['.']),
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
      debugLog(options, `config: ${context.config.file ?? 'none'}; ${context.specs.length} rules; max file size ${context.maxFileSize}`);
      const result = await runScan({
        targets: paths,
        specs: context.specs,
        settings: { maxFileSize: context.maxFileSize, inlineAllow: options.inlineAllow },
        allowlist: compileAllowlist(context.config.allowlist, context.config.baseDir),
        threads: context.threads,
      });
      debugLog(options, `scanned ${result.stats.files} files, ${result.stats.bytes} bytes in ${result.stats.durationMs} ms`);
      process.exitCode = emitReport(result, options, context.format);
    });
}

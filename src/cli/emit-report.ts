import { loadFormatter, type FormatName } from '../report/format-names.js';
import type { Report, RuleMeta } from '../report/report.js';
import { neutralise, redaction } from '../report/redact.js';
import { EXIT } from './exit-codes.js';
import { incompleteScan } from './incomplete-scan.js';
import type { ReportDestination } from './report-destination.js';
import { useColor, type RawScanOptions } from './scan-options.js';
import { VERSION } from './version.js';

/**
 * Renders the report where it was asked to go; warnings go to stderr. Returns the exit code.
 * `rules` (the specs that ran) lets SARIF describe every rule, not only those that found something.
 * Only the chosen format's code is loaded, and the file writer only for -o.
 */
export async function emitReport(report: Report, options: RawScanOptions, format: FormatName, rules: readonly RuleMeta[], destination: ReportDestination): Promise<number> {
  const toFile = options.output !== undefined;
  const formatter = await loadFormatter(format);
  const text = formatter(report, {
    showSecrets: Boolean(options.showSecrets),
    showSuppressed: Boolean(options.showSuppressed),
    color: format === 'text' && useColor(options, toFile),
    quiet: Boolean(options.quiet),
    toolVersion: VERSION,
    ...(rules && { rules }),
    ...(options.sarifCategory !== undefined && { sarifCategory: options.sarifCategory }),
  });
  if (destination.kind === 'stdout') process.stdout.write(text);
  else (await import('../report/write-output.js')).writeOutput(destination, text);
  if (!options.quiet) {
    // A path may hold a found secret (a token in a file name): masked as in the report.
    const shown = redaction(report, Boolean(options.showSecrets));
    for (const { path: file, message } of report.errors) process.stderr.write(`warning: could not read ${neutralise(shown.text(file))}: ${neutralise(shown.text(message))}\n`);
    for (const { path: file, message } of report.warnings ?? []) process.stderr.write(`warning: ${neutralise(shown.text(file))}: ${neutralise(shown.text(message))}\n`);
    if (format === 'sarif') {
      const results = report.findings.length + (options.showSuppressed ? report.suppressed.length : 0);
      const { sarifLimitWarnings } = await import('../report/sarif-limits.js');
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

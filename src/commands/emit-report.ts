import { loadFormatter, type FormatName } from '../report/format-names.js';
import type { Severity } from '../model/rule.js';
import { isFailing, type Report, type RuleMeta } from '../report/report.js';
import { neutralise, redaction } from '../report/redact.js';
import { EXIT } from './exit-codes.js';
import { incompleteScan } from './incomplete-scan.js';
import type { ReportDestination } from './report-destination.js';
import { useColor, type RawScanOptions } from './scan-options.js';
import { VERSION } from './version.js';

/** How a scan's report is rendered and judged, as resolved from flags and config (a ScanContext is one). */
export interface ReportContext {
  format: FormatName;
  /** The rules that ran: SARIF describes every one, not only those that found something. */
  specs: readonly RuleMeta[];
  /** Findings below it are reported but do not make the exit code 1. */
  failOn: Severity;
}

/**
 * Renders the report where it was asked to go; warnings go to stderr. Returns the exit code.
 * Only the chosen format's code is loaded, and the file writer only for -o.
 */
export async function emitReport(report: Report, options: RawScanOptions, context: ReportContext, destination: ReportDestination): Promise<number> {
  const { format, specs: rules, failOn } = context;
  const toFile = options.output !== undefined;
  const formatter = await loadFormatter(format);
  const text = formatter(report, {
    showSecrets: Boolean(options.showSecrets),
    showSuppressed: Boolean(options.showSuppressed),
    color: format === 'text' && useColor(options, toFile),
    quiet: Boolean(options.quiet),
    toolVersion: VERSION,
    failOn,
    ...(rules && { rules }),
    ...(options.sarifCategory !== undefined && { sarifCategory: options.sarifCategory }),
  });
  if (destination.kind === 'stdout') process.stdout.write(text);
  else (await import('../util/write-output.js')).writeOutput(destination, text);
  if (!options.quiet) {
    // A path may hold a found secret (a token in a file name): masked as in the report.
    const shown = redaction(report, Boolean(options.showSecrets));
    for (const { path: file, message } of report.errors) process.stderr.write(`warning: could not read ${neutralise(shown.text(file))}: ${neutralise(shown.text(message))}\n`);
    for (const { path: file, message } of report.warnings ?? []) process.stderr.write(`warning: ${neutralise(shown.text(file))}: ${neutralise(shown.text(message))}\n`);
    // Nothing else reaches the terminal when the report goes to a file: say what it holds.
    if (toFile) {
      const { summaryLine } = await import('../report/text.js');
      process.stderr.write(`${summaryLine(report, false, { failOn })} · ${format} report written to ${neutralise(options.output as string)}\n`);
    }
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
  return report.findings.some((finding) => isFailing(finding, { failOn })) ? EXIT.leaks : EXIT.clean;
}

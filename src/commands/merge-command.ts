import type { Command } from 'commander';
import { DEFAULT_FAIL_ON } from '../model/defaults.js';
import { readReport } from '../report/json-report-reader.js';
import { checkCompatible, MergeError, type MergedReport, mergeReports, missingShards, type ReportRecord, withoutRepeatedShards } from '../report/merge-reports.js';
import { mergedFindings, mergedJson } from '../report/merged-report.js';
import { isFailing } from '../report/report.js';
import { neutralise } from '../report/redact.js';
import { readUserBytes } from '../util/read-user-file.js';
import { emitReport } from './emit-report.js';
import { EXIT, UsageError } from './exit-codes.js';
import { incompleteScan } from './incomplete-scan.js';
import { addOptions, OPTIONS, parseOption } from './option-defs.js';
import { reportDestination } from './report-destination.js';
import type { RawScanOptions } from './scan-flags.js';

// A report of a million findings is some 1.5 GB; this is far past any we have seen, and bounded.
const REPORT_FILE = { name: 'report', maxBytes: 1024 * 1024 * 1024 };

type MergeCliOptions = Omit<RawScanOptions, 'rules' | 'inlineAllow'>;

function readAll(files: readonly string[]): ReportRecord[] {
  try {
    return files.map((file) => readReport(file, readUserBytes(file, REPORT_FILE).toString('utf8')));
  } catch (error) {
    if (error instanceof MergeError) throw new UsageError(error.message);
    throw error;
  }
}

function refuseMismatch(reports: readonly ReportRecord[]): void {
  try {
    checkCompatible(reports);
  } catch (error) {
    if (error instanceof MergeError) throw new UsageError(error.message);
    throw error;
  }
}

function mergeOrRefuse(reports: readonly ReportRecord[]): MergedReport {
  try {
    return mergeReports(reports);
  } catch (error) {
    if (error instanceof MergeError) throw new UsageError(error.message);
    throw error;
  }
}

export function registerMergeCommand(program: Command): void {
  addOptions(
    program
      .command('merge')
      .description('merge JSON reports (the shards of one scan, or scans of several repositories) into one report')
      .argument('<reports...>', 'JSON reports made with -f json'),
    ['format', 'output', 'showSecrets', 'showSuppressed', 'noColor', 'quiet', 'failOn', 'sarifCategory', 'allowIncomplete'],
  )
    .addHelpText(
      'after',
      `
Reports must come from the same secretsift version, rule set and kind of scan (history or scan).
A secret a history's shards found in several places is one finding with every location; reports
of a history sharded with --shard need SECRETSIFT_MERGE_KEY set alike in every shard (docs/scale.md).

Examples:
  $ secretsift scan --shard 1/2 -f json -o ../part-1.json     one machine
  $ secretsift scan --shard 2/2 -f json -o ../part-2.json     another
  $ secretsift merge ../part-1.json ../part-2.json -f sarif -o ../secretsift.sarif
  $ secretsift merge ../part-1.json ../part-2.json --fail-on high`,
    )
    .action(async (files: string[], options: MergeCliOptions) => {
      const format = parseOption(OPTIONS.format, options.format ?? OPTIONS.format.default);
      const destination = reportDestination(options.output, { trees: [], files });
      const all = readAll(files);
      // Before dropping a repeated shard: a "repeat" of another version or rule set is no repeat.
      refuseMismatch(all);
      const { kept: reports, repeated } = withoutRepeatedShards(all);
      if (!options.quiet) for (const message of repeated) process.stderr.write(`warning: ${neutralise(message)}\n`);
      const unredacted = reports.find((report) => !report.redacted);
      if (unredacted && !options.showSecrets) throw new UsageError(`${unredacted.file} shows secrets in full (made with --show-secrets): merge it with --show-secrets, or make the reports without it`);
      const merged = mergeOrRefuse(reports);
      const failOn = parseOption(OPTIONS.failOn, options.failOn) ?? merged.failOn ?? DEFAULT_FAIL_ON;
      if (!options.quiet) for (const part of missingShards(reports)) process.stderr.write(`warning: ${neutralise(part)} is not among the reports: the merged report covers only part of that scan\n`);
      const scanOptions: RawScanOptions = { ...options, rules: [], inlineAllow: true };
      if (format !== 'json') {
        // The records show secrets as the reports did (masked unless both asked otherwise): nothing more to mask.
        process.exitCode = await emitReport(mergedFindings(merged), { ...scanOptions, showSecrets: true }, { format, specs: [], failOn }, destination);
        return;
      }
      const text = mergedJson(merged, { failOn, showSuppressed: Boolean(options.showSuppressed) });
      if (destination.kind === 'stdout') process.stdout.write(text);
      else (await import('../util/write-output.js')).writeOutput(destination, text);
      const report = mergedFindings(merged);
      if (!options.quiet) {
        for (const { path: file, message } of merged.errors) process.stderr.write(`warning: could not read ${neutralise(file)}: ${neutralise(message)}\n`);
        if (options.output !== undefined) {
          const { summaryLine } = await import('../report/text.js');
          process.stderr.write(`${summaryLine(report, false, { failOn })} · json report written to ${neutralise(options.output)}\n`);
        }
      }
      const incomplete = incompleteScan(merged.errors, options.allowIncomplete);
      if (incomplete) {
        process.stderr.write(`secretsift: ${incomplete}\n`);
        process.exitCode = EXIT.error;
        return;
      }
      process.exitCode = report.findings.some((finding) => isFailing(finding, { failOn })) ? EXIT.leaks : EXIT.clean;
    });
}

import pc from 'picocolors';
import type { Exposure, Finding, NameKind, Verification } from '../model/finding.js';
import { findingContext } from '../detect/path-context.js';
import { DEFAULT_FAIL_ON } from '../model/defaults.js';
import type { Severity } from '../model/rule.js';
import { SKIP_REASONS } from '../model/content.js';
import { neutralise, redaction, type Redaction } from './redact.js';
import { isFailing, type Formatter, type Report, type ReportOptions } from './report.js';
import { VERIFICATION_WORDS, verificationText } from './verification-words.js';

type Paint = (text: string) => string;

function palette(color: boolean) {
  const c = pc.createColors(color);
  const severity: Record<Severity, Paint> = {
    critical: (s) => c.bold(c.red(s)),
    high: c.red,
    medium: c.yellow,
    low: c.cyan,
    info: c.dim,
  };
  return { c, severity };
}

/** Where a secret found in a name or message was, as the text report says it. */
const FOUND_IN: Record<NameKind, string> = {
  path: 'in file path',
  'commit-message': 'in commit message',
  'ref-name': 'in ref name',
  author: 'in commit author',
};

// A minified line can be thousands of characters: the text report quotes about this much of it.
const CONTEXT_CHARS = 160;

/** A cut that does not split a surrogate pair. */
function codePointBoundary(text: string, at: number): number {
  const code = text.charCodeAt(at);
  return at > 0 && at < text.length && code >= 0xdc00 && code <= 0xdfff ? at - 1 : at;
}

/** About CONTEXT_CHARS of `line` around `secret` (already masked), with "…" where it was cut. */
export function clipContext(line: string, secret: string, width = CONTEXT_CHARS): string {
  if (line.length <= width) return line;
  const at = Math.max(0, line.indexOf(secret));
  const side = Math.max(0, Math.floor((width - secret.length) / 2));
  const start = codePointBoundary(line, Math.max(0, Math.min(at - side, line.length - width)));
  const end = codePointBoundary(line, Math.min(line.length, Math.max(at + secret.length + side, start + width)));
  return `${start > 0 ? '…' : ''}${line.slice(start, end)}${end < line.length ? '…' : ''}`;
}

function findingBlock(finding: Finding, options: ReportOptions, shown: Redaction, suppressedBy?: string): string {
  const { c, severity } = palette(options.color);
  const secret = neutralise(shown.secret(finding));
  const context = clipContext(neutralise(shown.line(finding).trim()), secret).replace(secret, c.bold(c.magenta(secret)));
  // Below --fail-on: reported, dimmed, and said not to fail the run.
  const failing = isFailing(finding, options);
  const label = severity[finding.severity](finding.severity.toUpperCase().padEnd(8));
  const below = failing ? '' : c.dim(`  (below --fail-on ${options.failOn ?? DEFAULT_FAIL_ON}: does not fail)`);
  const verified = finding.verification ? `  ${verificationLabel(finding.verification, c)}` : '';
  const header = `${failing ? label : c.dim(label)} ${failing ? c.bold(finding.ruleId) : c.dim(finding.ruleId)}${verified}  ${c.dim(neutralise(finding.description))}${below}`;
  // A path may hold a secret too (a token in a file name): it is masked like any text from the repository.
  const where = `${neutralise(shown.text(finding.path))}:${finding.startLine}:${finding.startColumn}`;
  const foundIn = finding.foundIn ? c.yellow(`  (${FOUND_IN[finding.foundIn]})`) : '';
  const pathContext = findingContext(finding);
  const inContext = pathContext ? c.dim(`  (context: ${pathContext})`) : '';
  const lines = [header, `  ${c.cyan(where)}${foundIn}${inContext}${suppressedBy ? c.dim(`  (suppressed: ${suppressedBy})`) : ''}`, `  ${c.dim('│')} ${context}`];
  if (finding.commit) {
    const { sha, author, date, message } = finding.commit;
    lines.push(`  ${c.dim(`commit ${sha.slice(0, 12)} · ${neutralise(shown.text(author))} · ${date} · ${neutralise(shown.message(message))}`)}`);
  }
  if (finding.exposure) lines.push(`  ${exposureLine(finding.exposure, c, shown)}`);
  const more = (finding.locations?.length ?? 1) - 1;
  if (more > 0) lines.push(`  ${c.dim(`+${more} more location${more === 1 ? '' : 's'} (${finding.locations?.length} in all; JSON lists them)`)}`);
  return lines.join('\n');
}

function verificationLabel(verification: Verification, c: ReturnType<typeof palette>['c']): string {
  const text = neutralise(verificationText(verification));
  if (verification.status === 'valid') return c.bold(c.red(text));
  return verification.status === 'invalid' ? c.green(text) : c.dim(text);
}

function exposureLine(exposure: Exposure, c: ReturnType<typeof palette>['c'], shown: Redaction): string {
  const since = exposure.since ? ` since ${exposure.since.slice(0, 10)} (${exposure.days} day${exposure.days === 1 ? '' : 's'})` : '';
  if (exposure.stillExposed) {
    const refs = exposure.refs.slice(0, 3).map((ref) => neutralise(shown.text(ref))).join(', ') + (exposure.refs.length > 3 ? `, +${exposure.refs.length - 3} more` : '');
    return c.red(`still exposed${since} at ${refs}: remove it and rotate it`);
  }
  return c.yellow(`only in history${since}: deleting it was not enough, rotate it`);
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

function countList(counts: Record<string, number>, order: readonly string[]): string {
  return order
    .filter((key) => (counts[key] ?? 0) > 0)
    .map((key) => `${counts[key]} ${key}`)
    .join(', ');
}

export function summaryLine(report: Report, color: boolean, options: Pick<ReportOptions, 'failOn'> = {}): string {
  const { c } = palette(color);
  const { stats } = report;
  const count = report.findings.filter((finding) => isFailing(finding, options)).length;
  const below = report.findings.length - count;
  // A scan that could not read every git object has not shown there are none.
  const incomplete = report.errors.some((error) => error.object !== undefined);
  const none = incomplete ? c.yellow('incomplete scan: no leaks found in what could be read') : c.green('no leaks found');
  const found = count === 0 ? none : c.bold(c.red(`${count} leak${count === 1 ? '' : 's'} found`));
  const scanned =
    stats.commits === undefined
      ? `${stats.files} file${stats.files === 1 ? '' : 's'} (${formatBytes(stats.bytes)})`
      : `${stats.files} unique blob${stats.files === 1 ? '' : 's'} (${formatBytes(stats.bytes)}) in ${stats.commits} commit${stats.commits === 1 ? '' : 's'}`;
  const parts = [found];
  if (below > 0) parts.push(c.dim(`${below} below --fail-on ${options.failOn ?? DEFAULT_FAIL_ON}`));
  parts.push(`${scanned} scanned in ${(stats.durationMs / 1000).toFixed(2)} s`);
  const skipped = countList(stats.skipped, SKIP_REASONS);
  if (skipped) parts.push(`skipped ${skipped}`);
  const verified = report.findings.filter((finding) => finding.verification);
  if (verified.length > 0) {
    const counts: Record<string, number> = {};
    for (const { verification } of verified) if (verification) counts[VERIFICATION_WORDS[verification.status]] = (counts[VERIFICATION_WORDS[verification.status]] ?? 0) + 1;
    parts.push(`verified: ${countList(counts, Object.values(VERIFICATION_WORDS))}`);
  }
  const suppressed = countList(stats.suppressed, ['baseline', 'allowlist', 'inline']);
  if (suppressed) parts.push(`suppressed ${suppressed}`);
  if (report.errors.length) parts.push(c.yellow(`${report.errors.length} unreadable`));
  return parts.join(' · ');
}

export const formatText: Formatter = (report, options) => {
  // Still-exposed secrets lead: they are the ones an attacker can read today.
  const exposedFirst = [...report.findings].sort((a, b) => Number(Boolean(b.exposure?.stillExposed)) - Number(Boolean(a.exposure?.stillExposed)));
  const shown = redaction(report, options.showSecrets);
  const blocks = exposedFirst.map((finding) => findingBlock(finding, options, shown));
  if (options.showSuppressed) {
    blocks.push(...report.suppressed.map(({ finding, reason }) => findingBlock(finding, options, shown, reason)));
  }
  if (!options.quiet) blocks.push(summaryLine(report, options.color, options));
  return blocks.length ? `${blocks.join('\n\n')}\n` : '';
};

import type { Finding } from '../model/finding.js';
import { redaction, type Redaction } from './redact.js';
import { verificationText } from './verification-words.js';
import { maskedError, type Formatter, type Report, type ReportOptions } from './report.js';

/**
 * JUnit XML for CI systems that show test reports (GitLab, Jenkins, Azure Pipelines): one test case
 * per rule that ran, failing with every finding of that rule.
 */

// XML 1.0 cannot carry most control characters even escaped; scanned text may hold them.
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function xmlEscape(text: string): string {
  return text
    .replace(XML_INVALID, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function findingText(finding: Finding, shown: Redaction): string {
  const commit = finding.commit ? `\n  commit ${finding.commit.sha} (${shown.text(finding.commit.author)}, ${finding.commit.date})` : '';
  const verified = finding.verification ? ` [${verificationText(finding.verification)}]` : '';
  return `${shown.text(finding.path)}:${finding.startLine}:${finding.startColumn} ${finding.description}: ${shown.secret(finding)}${verified}\n  ${shown.line(finding).trim()}${commit}`;
}

function testCases(report: Report, options: ReportOptions): string[] {
  const shown = redaction(report, options.showSecrets);
  const byRule = new Map<string, Finding[]>();
  for (const rule of options.rules ?? []) byRule.set(rule.id, []);
  for (const finding of report.findings) {
    const list = byRule.get(finding.ruleId);
    if (list) list.push(finding);
    else byRule.set(finding.ruleId, [finding]);
  }
  const seconds = (report.stats.durationMs / 1000 / Math.max(byRule.size, 1)).toFixed(3);
  return [...byRule].map(([ruleId, findings]) => {
    const open = `    <testcase classname="secretsift" name="${xmlEscape(ruleId)}" time="${seconds}"`;
    if (findings.length === 0) return `${open}/>`;
    const first = findings[0] as Finding;
    const message = `${findings.length} secret${findings.length === 1 ? '' : 's'} found (${first.description})`;
    const body = findings.map((finding) => findingText(finding, shown)).join('\n');
    return `${open}>\n      <failure message="${xmlEscape(message)}" type="${xmlEscape(ruleId)}">${xmlEscape(body)}</failure>\n    </testcase>`;
  });
}

export const formatJunit: Formatter = (report, options) => {
  const time = (report.stats.durationMs / 1000).toFixed(3);
  const cases = testCases(report, options);
  if (cases.length === 0) cases.push(`    <testcase classname="secretsift" name="no secrets found" time="${time}"/>`);
  const failures = cases.filter((c) => c.includes('<failure')).length;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="secretsift" tests="${cases.length}" failures="${failures}" errors="0" time="${time}">`,
    `  <testsuite name="secretsift" tests="${cases.length}" failures="${failures}" errors="0" skipped="0" time="${time}">`,
    ...cases,
  ];
  if (report.errors.length) {
    const shown = redaction(report, options.showSecrets);
    lines.push(`    <system-err>${xmlEscape(report.errors.map((error) => maskedError(error, shown)).map(({ path, message }) => `could not read ${path}: ${message}`).join('\n'))}</system-err>`);
  }
  lines.push('  </testsuite>', '</testsuites>', '');
  return lines.join('\n');
};

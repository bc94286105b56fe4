import type { Severity } from '../model/rule.js';
import { redaction } from './redact.js';
import { verificationText } from './verification-words.js';
import { isFailing, type Formatter } from './report.js';

/**
 * GitHub Actions workflow commands (`::error file=…::…`): findings annotate the pull request's
 * diff without uploading SARIF.
 */

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'notice',
  info: 'notice',
};

// The runner reads "%", CR and LF in a message as its own syntax; escaped, scanned text cannot end
// the command early or start another.
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property values additionally end at ":" and ",". */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export const formatGithub: Formatter = (report, options) => {
  const shown = redaction(report, options.showSecrets);
  const lines = report.findings.map((finding) => {
    // A secret only in history is at no line of today's files: annotating one would point at
    // whatever is there now. It is said on the run instead, with where it was.
    const onlyInHistory = finding.exposure !== undefined && !finding.exposure.stillExposed;
    const where = [`file=${escapeProperty(shown.text(finding.path))}`, `line=${finding.startLine}`, `col=${finding.startColumn}`, `endLine=${finding.endLine}`, `endColumn=${finding.endColumn}`];
    const properties = [...(onlyInHistory ? [] : where), `title=${escapeProperty(`secretsift: ${finding.ruleId}`)}`].join(',');
    const at = onlyInHistory ? ` at ${shown.text(finding.path)}:${finding.startLine}` : '';
    const commit = finding.commit ? ` (${onlyInHistory ? 'only in history: ' : ''}introduced in commit ${finding.commit.sha.slice(0, 12)}${at})` : '';
    // Below --fail-on, a notice whatever its severity: the run does not fail on it.
    const command = isFailing(finding, options) ? COMMAND[finding.severity] : 'notice';
    const verified = finding.verification ? ` Verified: ${verificationText(finding.verification)}.` : '';
    return `::${command} ${properties}::${escapeData(`${finding.description}: ${shown.secret(finding)}${commit}.${verified} Revoke it, then remove it from the code.`)}`;
  });
  return lines.length ? `${lines.join('\n')}\n` : '';
};

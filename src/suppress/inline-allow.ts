import type { Finding } from '../detect/finding.js';
import { LineIndex } from '../detect/positions.js';

/**
 * Allow markers written in the scanned file itself. Matched as text, so they work in any comment
 * syntax. Teams migrating from other scanners keep their existing markers.
 */
const SAME_LINE = /secretsift:allow(?!-next-line)(?:[ \t]+([a-z0-9][a-z0-9-]*))?|gitleaks:allow|pragma: ?allowlist secret/;
const NEXT_LINE = /secretsift:allow-next-line(?:[ \t]+([a-z0-9][a-z0-9-]*))?|pragma: ?allowlist nextline secret/;

function allows(marker: RegExp, text: string, ruleId: string): boolean {
  const match = marker.exec(text);
  if (!match) return false;
  const onlyRule = match[1];
  return !onlyRule || onlyRule === ruleId;
}

/** Splits findings of one buffer into those kept and those an inline marker allows. */
export function applyInlineAllows(findings: readonly Finding[], buf: Buffer): { kept: Finding[]; allowed: Finding[] } {
  const kept: Finding[] = [];
  const allowed: Finding[] = [];
  if (findings.length === 0) return { kept, allowed };
  const lines = new LineIndex(buf);
  for (const finding of findings) {
    const { lineText } = finding;
    const previous = finding.startLine > 1 ? lines.lineTextAt(finding.startLine - 1) : '';
    const isAllowed = allows(SAME_LINE, lineText, finding.ruleId) || allows(NEXT_LINE, previous, finding.ruleId);
    (isAllowed ? allowed : kept).push(finding);
  }
  return { kept, allowed };
}

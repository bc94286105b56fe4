import type { Finding } from '../model/finding.js';
import { LineIndex } from '../detect/positions.js';

/**
 * Allow markers written in the scanned file itself. Matched as text, so they work in any comment
 * syntax. Teams migrating from other scanners keep their existing markers. A word after a
 * secretsift marker is a rule id and narrows it to that rule. `secretsift:allowed` is not a marker.
 */
const SAME_LINE = /secretsift:allow(?![\w-])(?:[ \t]+([a-z0-9][a-z0-9-]*))?|gitleaks:allow|pragma: ?allowlist secret/g;
const NEXT_LINE = /secretsift:allow-next-line(?![\w-])(?:[ \t]+([a-z0-9][a-z0-9-]*))?|pragma: ?allowlist nextline secret/g;

/** Any marker on the line counts: one narrowed to another rule does not hide a general one beside it. */
function allows(marker: RegExp, text: string, ruleId: string): boolean {
  for (const match of text.matchAll(marker)) {
    const onlyRule = match[1];
    if (!onlyRule || onlyRule === ruleId) return true;
  }
  return false;
}

const NEXT_LINE_CUES = ['allow-next-line', 'allowlist nextline'];

/** Splits findings of one buffer into those kept and those an inline marker allows. */
export function applyInlineAllows(findings: readonly Finding[], buf: Buffer): { kept: Finding[]; allowed: Finding[] } {
  const kept: Finding[] = [];
  const allowed: Finding[] = [];
  if (findings.length === 0) return { kept, allowed };
  // Indexing lines costs a pass over the buffer; only a next-line marker needs the line above.
  const lines = NEXT_LINE_CUES.some((cue) => buf.includes(cue)) ? new LineIndex(buf) : undefined;
  for (const finding of findings) {
    const { lineText } = finding;
    const previous = lines && finding.startLine > 1 ? lines.lineTextAt(finding.startLine - 1) : '';
    const isAllowed = allows(SAME_LINE, lineText, finding.ruleId) || allows(NEXT_LINE, previous, finding.ruleId);
    (isAllowed ? allowed : kept).push(finding);
  }
  return { kept, allowed };
}

import type { Finding } from '../detect/finding.js';

/**
 * Enough of a secret to recognise it, never enough to use it: a short prefix (most tokens start
 * with their type, like "ghp_") and the length.
 */
export function redact(secret: string): string {
  const chars = [...secret];
  const visible = Math.min(4, Math.floor(chars.length / 4));
  return `${chars.slice(0, visible).join('')}****(${chars.length})`;
}

/** The line with every piece of the secret masked (a multi-line secret leaves pieces on its first line). */
export function redactLine(line: string, secret: string, shown = redact(secret)): string {
  let out = line.split(secret).join(shown);
  for (const piece of secret.split(/\r?\n|\r/)) {
    const trimmed = piece.trim();
    if (trimmed && out.includes(trimmed)) out = out.split(trimmed).join(shown);
  }
  return out;
}

/** Masks the secrets of other findings in a text: a line may hold several, a commit message may quote one. */
export type SecretMask = (text: string) => string;

const NO_MASK: SecretMask = (text) => text;

// Pieces are looked up by their first characters, so masking costs one pass over the text however many secrets a report holds.
const KEY_LENGTH = 4;

/** A mask for every secret of these findings: whole, each line of a multi-line one, and the encoded text it was decoded from. */
export function secretMask(findings: Iterable<Pick<Finding, 'secret' | 'decoded'>>): SecretMask {
  const byKey = new Map<string, { piece: string; shown: string }[]>();
  const add = (piece: string, shown: string): void => {
    if (piece.length < KEY_LENGTH) return;
    const key = piece.slice(0, KEY_LENGTH);
    const list = byKey.get(key) ?? [];
    if (list.some((entry) => entry.piece === piece)) return;
    list.push({ piece, shown });
    // Longest first: a secret that contains another is masked whole.
    list.sort((a, b) => b.piece.length - a.piece.length);
    byKey.set(key, list);
  };
  for (const finding of findings) {
    const shown = redact(finding.secret);
    add(finding.secret, shown);
    for (const piece of finding.secret.split(/\r?\n|\r/)) add(piece.trim(), shown);
    if (finding.decoded) add(finding.decoded.encodedText, `<${finding.decoded.chain.join('>')}:${shown}>`);
  }
  if (byKey.size === 0) return NO_MASK;
  return (text) => {
    let out = '';
    let copied = 0;
    for (let i = 0; i + KEY_LENGTH <= text.length; ) {
      const hit = byKey.get(text.slice(i, i + KEY_LENGTH))?.find(({ piece }) => text.startsWith(piece, i));
      if (!hit) {
        i++;
        continue;
      }
      out += text.slice(copied, i) + hit.shown;
      i += hit.piece.length;
      copied = i;
    }
    return copied === 0 ? text : out + text.slice(copied);
  };
}

/** How a report shows secrets: decided once per report, the same in every format. */
export interface Redaction {
  /** The secret itself: redacted unless the user asked to see it. */
  secret(finding: Pick<Finding, 'secret'>): string;
  /** The finding's context line, with every secret the report holds masked. */
  line(finding: Pick<Finding, 'lineText' | 'secret' | 'decoded'>): string;
  /** Text from the scanned repository (a commit message, an author) with the report's secrets masked. */
  text(value: string): string;
}

const SHOW_ALL: Redaction = { secret: (finding) => finding.secret, line: (finding) => finding.lineText, text: (value) => value };

export function redaction(report: { findings: readonly Finding[]; suppressed: readonly { finding: Finding }[] }, showSecrets: boolean): Redaction {
  if (showSecrets) return SHOW_ALL;
  // Suppressed findings count too: their secrets may share a line or a message with reported ones.
  const mask = secretMask([...report.findings, ...report.suppressed.map(({ finding }) => finding)]);
  return { secret: (finding) => redact(finding.secret), line: (finding) => redactedLine(finding, redact(finding.secret), mask), text: mask };
}

/**
 * A finding's context line as reports may show it: the secret, and any encoded form of it, masked;
 * `mask` hides the other secrets the line holds.
 */
export function redactedLine(finding: Pick<Finding, 'lineText' | 'secret' | 'decoded'>, shown = redact(finding.secret), mask: SecretMask = NO_MASK): string {
  const line = redactLine(finding.lineText, finding.secret, shown);
  const encoded = finding.decoded?.encodedText;
  return mask(encoded ? line.split(encoded).join(`<${finding.decoded?.chain.join('>')}:${shown}>`) : line);
}

/**
 * Control characters and escape sequences from scanned content must not drive the terminal, and a
 * newline in a path or commit message must not start a fake output line. Tabs are harmless: they stay.
 */
export function neutralise(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

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

/** A finding's context line as reports may show it: the secret, and any encoded form of it, masked. */
export function redactedLine(finding: Pick<Finding, 'lineText' | 'secret' | 'decoded'>, shown = redact(finding.secret)): string {
  const line = redactLine(finding.lineText, finding.secret, shown);
  const encoded = finding.decoded?.encodedText;
  return encoded ? line.split(encoded).join(`<${finding.decoded?.chain.join('>')}:${shown}>`) : line;
}

/** Control characters and escape sequences from scanned content must not drive the terminal. */
export function neutralise(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

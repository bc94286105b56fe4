import { isKnownExample } from './known-examples.js';
import type { FilterName } from '../model/rule.js';

/**
 * Built-in false-positive filters every rule gets unless it opts out. Each returns true when the
 * candidate is NOT a real secret. They look at the secret (and, for a known example credential,
 * at the rule's match around it), never at the rest of the file, and run per candidate, so each is
 * a few regex tests at most.
 */

// Words that only occur in placeholders: found anywhere in the value ("sk_live_REPLACEME",
// "...EXAMPLEKEY"). Five letters or more, so random tokens practically never contain one. "your" and
// "my" before a credential word count only at the start or after a separator ("sk_test_your_key"):
// inside random base62 "...HMyapi..." turns up now and then.
const PLACEHOLDER_STRONG =
  /placeholder|change_?me|change-me|replace[_-]?me|redacted|example|dummy|secret_here|token_here|key_here|insert[_-]?(?:your|key|token|here)|(?:^|[^A-Za-z0-9])(?:your|my)[_-]?(?:api|secret|token|key|password|pass|access|client|own|app)/i;
// Short words that are placeholders only as a word of their own ("fake_token", "<todo>"): between
// separators, never next to letters or digits. Two-letter words ("my") would still turn up in random
// base64url now and then ("-MY_"), so they count only before a credential word, above.
const PLACEHOLDER_WORDS = /(?:^|[^A-Za-z0-9])(?:your|some|fake|sample|insert|todo|fixme)(?:[^A-Za-z0-9]|$)/i;
const PLACEHOLDER_WHOLE = /^(?:xxx|test|null|none|nil|undefined|true|false|password|secret|token|empty|string|value)$/i;
const MASKED = /(?:x{5,}|\*{3,}|\.{3,}|…|#{4,}|_{4,}|-{5,})/i;
const ANGLE_OR_BRACKET = /^(?:<[^>]*>|\[[^\]]*\])$/;

// The AWS pair and its kin in AWS's docs end in "EXAMPLE" or "EXAMPLEKEY"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/security-creds.html); other published examples
// are listed one by one in known-examples.ts.
const DOCUMENTED_SUFFIX = /EXAMPLE(?:KEY)?$/;

/** What a filter may read besides the secret: the rule's whole match, made only when asked for. */
export type MatchText = () => string;
const NO_MATCH: MatchText = () => '';

export function isPlaceholder(secret: string, match: MatchText = NO_MATCH): boolean {
  if (PLACEHOLDER_STRONG.test(secret) || PLACEHOLDER_WORDS.test(secret) || PLACEHOLDER_WHOLE.test(secret)) return true;
  if (MASKED.test(secret) || ANGLE_OR_BRACKET.test(secret)) return true;
  if (DOCUMENTED_SUFFIX.test(secret) || isKnownExample(secret, match)) return true;
  return isRepetitive(secret);
}

/**
 * A value made of one or two repeated characters, or of at most two runs up or down the alphabet
 * ("abcdef", "123456", "1234567890abcdef"; "9" to "0" counts as a step).
 */
function isRepetitive(secret: string): boolean {
  const body = secret.replace(/^[A-Za-z]{2,5}[_-]/, '');
  if (body.length < 6) return false;
  if (new Set(body).size <= 2) return true;
  let up = 1;
  let down = 1;
  for (let i = 1; i < body.length; i++) {
    const step = body.charCodeAt(i) - body.charCodeAt(i - 1);
    const wraps = body[i - 1] === '9' && body[i] === '0';
    if (step !== 1 && !wraps) up++;
    if (step !== -1 && !(body[i - 1] === '0' && body[i] === '9')) down++;
    if (up > 2 && down > 2) return false;
  }
  return body.length >= 8 || up === 1 || down === 1;
}

const TEMPLATE =
  /^\$\{[^}]*\}$|\$\{[A-Za-z_][^}]*\}|\{\{[^}]*\}\}|^\$[A-Za-z_][A-Za-z0-9_]*$|^\$\([A-Za-z_][A-Za-z0-9_]*\)$|process\.env|os\.environ|getenv|%\([a-z_]+\)s|^%[A-Z_]+%$|^\{[A-Za-z_][A-Za-z0-9_.]*\}$|^#\{[^}]*\}$|^__[A-Z][A-Z0-9_]*__$|^<%=.*%>$|^ENC\[[A-Z0-9_]+,data:|^ENC\([A-Za-z0-9+/=_-]+\)$/;

export function isTemplate(secret: string): boolean {
  return TEMPLATE.test(secret);
}

export const FILTERS: Readonly<Record<FilterName, (secret: string, match: MatchText) => boolean>> = {
  placeholder: isPlaceholder,
  template: isTemplate,
};

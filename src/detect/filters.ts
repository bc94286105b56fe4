import type { FilterName } from './rule.js';

/**
 * Built-in false-positive filters every rule gets unless it opts out. Each returns true when the
 * candidate is NOT a real secret. They look at the secret only, never at the surrounding file.
 */
const PLACEHOLDER_WORDS =
  /(?:^|[^a-z])(?:your|my|some|dummy|fake|sample|placeholder|changeme|change_me|replace_?me|insert|redacted|example|todo|fixme|secret_here|token_here|key_here)(?:[^a-z]|$)|^(?:xxx|test|null|none|undefined|true|false|password|secret|token)$/i;
const MASKED = /(?:x{5,}|\*{3,}|\.{3,}|…|#{4,}|_{4,}|-{5,})/i;
const ANGLE_OR_BRACKET = /^(?:<[^>]*>|\[[^\]]*\])$/;

export function isPlaceholder(secret: string): boolean {
  if (PLACEHOLDER_WORDS.test(secret) || MASKED.test(secret) || ANGLE_OR_BRACKET.test(secret)) return true;
  return isRepetitive(secret);
}

/** A value made of one repeated character, or one run up or down the alphabet ("abcdef", "123456"). */
function isRepetitive(secret: string): boolean {
  const body = secret.replace(/^[A-Za-z]{2,5}[_-]/, '');
  if (body.length < 6) return false;
  if (new Set(body).size <= 2) return true;
  let ascending = true;
  let descending = true;
  for (let i = 1; i < body.length; i++) {
    const step = body.charCodeAt(i) - body.charCodeAt(i - 1);
    if (step !== 1) ascending = false;
    if (step !== -1) descending = false;
  }
  return ascending || descending;
}

const TEMPLATE =
  /^\$\{[^}]*\}$|\$\{[A-Za-z_][^}]*\}|\{\{[^}]*\}\}|^\$[A-Za-z_][A-Za-z0-9_]*$|process\.env|os\.environ|getenv|%\([a-z_]+\)s|^%[A-Z_]+%$|^\{[A-Za-z_][A-Za-z0-9_.]*\}$/;

export function isTemplate(secret: string): boolean {
  return TEMPLATE.test(secret);
}

export const FILTERS: Readonly<Record<FilterName, (secret: string) => boolean>> = {
  placeholder: isPlaceholder,
  template: isTemplate,
};

import type { CompiledRules } from './compile.js';
import { rejection, secretSpan, type Rejection } from './engine.js';
import { shannonEntropy } from './entropy.js';

/**
 * Why the detector drops every match of one rule in a text, in words: the path rule, a missing
 * keyword, a pattern that does not match, or the check that dropped each match. Undefined when a
 * match passes them all (something after detection dropped it). Only `rules test` asks, for an
 * example that was not reported: a scan never runs this, so it pays nothing for the explanation.
 * It looks at the text as written, not at what decoding finds in it.
 */
export function whyNotDetected(compiled: CompiledRules, ruleId: string, buf: Buffer, path: string): string | undefined {
  const rule = compiled.rules.find((candidate) => candidate.spec.id === ruleId);
  if (!rule) return `no rule "${ruleId}" is loaded`;
  const { spec } = rule;
  if (!rule.pathAllowed(path)) return `path rule: the rule does not run on ${path}`;
  const own = compiled.keywordsOfRule[rule.index] ?? [];
  if (own.length > 0) {
    const found = compiled.prefilter.scan(buf).keywords;
    if (!own.some((keyword) => found.has(keyword))) return `keyword missing: the text holds none of ${spec.keywords.map((word) => JSON.stringify(word)).join(', ')}`;
  }
  const reasons: string[] = [];
  const { regex } = rule;
  regex.lastIndex = 0;
  for (let match = regex.exec(buf); match; match = regex.exec(buf)) {
    if (match[0].length === 0) {
      regex.lastIndex++;
      continue;
    }
    const span = secretSpan(rule, match);
    if (!span) {
      reasons.push('the secret group matched nothing');
      continue;
    }
    const secret = buf.toString('utf8', span[0], span[1]);
    const entropy = shannonEntropy(secret);
    const dropped = rejection(rule, secret, entropy, match);
    if (dropped === undefined) return undefined;
    reasons.push(describe(dropped, spec, entropy));
  }
  if (reasons.length === 0) return 'the pattern does not match';
  return [...new Set(reasons)].join('; ');
}

function describe(dropped: Rejection, spec: { entropy?: number | undefined; validate?: string | undefined }, entropy: number): string {
  switch (dropped) {
    case 'entropy':
      return `entropy ${entropy.toFixed(2)} below the rule's ${spec.entropy}`;
    case 'stopword':
      return 'a stopword of the rule\'s allowlist is in the secret';
    case 'allowlist-regex':
      return "the rule's allowlist regexes match the secret";
    case 'allowlist-match':
      return "the rule's allowlist matches the whole match";
    case 'validator':
      return `validator ${spec.validate ?? ''} rejected the secret (checksum or structure)`.replace('  ', ' ');
    default:
      return `the ${dropped} filter took it for a ${dropped === 'template' ? 'template reference' : 'placeholder or documented example'}`;
  }
}

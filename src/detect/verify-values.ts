import RE2 from 're2';
import type { CompiledRules } from './compile.js';
import type { Finding } from '../model/finding.js';
import type { RuleSpec } from '../model/rule.js';
import type { VerifySpec } from '../model/verify-spec.js';

/*
 * What `--verify` needs from the content besides the secret, taken while the bytes are at hand
 * (detection runs in worker threads; the stage that verifies sees findings only): the rule's named
 * capture groups and its `with:` companions found near the secret. Called by detect() only when a
 * run verifies. The values are secrets in their own right: they ride on the finding in memory
 * (`verifyValues`) and no report, baseline, log or error shows them.
 */

/** How far from the secret, in characters either way, a companion or the rule's whole match is looked for. */
export const NEAR_CHARS = 16 * 1024;

const regexes = new Map<string, RE2>();
function regexOf(pattern: string): RE2 {
  let regex = regexes.get(pattern);
  if (!regex) regexes.set(pattern, (regex = new RE2(pattern, 'gu')));
  return regex;
}

/**
 * The `with:` companions of a block found in `content`, each the match nearest `secretStart` (a
 * string index) within NEAR_CHARS; a match over the secret's own start is not its companion.
 * Group 1 is the value when the pattern has one (and it matched), else the whole match. Missing
 * companions are left out.
 */
export function findCompanions(spec: VerifySpec, content: string, secretStart: number): Record<string, string> {
  const found: Record<string, string> = {};
  const from = Math.max(0, secretStart - NEAR_CHARS);
  const near = content.slice(from, secretStart + NEAR_CHARS);
  const at = secretStart - from;
  for (const [name, { pattern }] of Object.entries(spec.with ?? {})) {
    const regex = regexOf(pattern);
    regex.lastIndex = 0;
    let best: { distance: number; value: string } | undefined;
    for (let match = regex.exec(near); match; match = regex.exec(near)) {
      if (match[0].length === 0) {
        regex.lastIndex++;
        continue;
      }
      const start = match.index;
      if (start <= at && at < start + match[0].length) continue;
      const value = match[1] ?? match[0];
      const distance = Math.abs(start - at);
      if (value && (!best || distance < best.distance)) best = { distance, value };
    }
    if (best) found[name] = best.value;
  }
  return found;
}

const NAMED_GROUP = /\(\?P?<[A-Za-z_]/;

function wantsValues(spec: RuleSpec): boolean {
  return spec.verify !== undefined && (spec.verify.with !== undefined || NAMED_GROUP.test(spec.pattern));
}

/** The rule's named groups of the match that holds the secret at `secretStart` in `text`. */
function namedGroups(spec: RuleSpec, text: string, secretStart: number, secret: string): Record<string, string> {
  const regex = regexOf(spec.pattern);
  regex.lastIndex = 0;
  for (let match = regex.exec(text); match; match = regex.exec(text)) {
    if (match[0].length === 0) {
      regex.lastIndex++;
      continue;
    }
    if (match.index > secretStart) break;
    if (match.index + match[0].length < secretStart + secret.length) continue;
    const groups: Record<string, string> = {};
    for (const [name, value] of Object.entries(match.groups ?? {})) if (typeof value === 'string' && value) groups[name] = value;
    return groups;
  }
  return {};
}

/** Byte offset of the start of each 1-based line up to `last` (lines end at LF, CRLF or a lone CR, as positions.ts counts them). */
function lineStarts(buf: Buffer, last: number): number[] {
  const starts = [0, 0];
  for (let i = 0; i < buf.length && starts.length <= last; i++) {
    const byte = buf[i];
    if (byte === 0x0a || (byte === 0x0d && buf[i + 1] !== 0x0a)) starts.push(i + 1);
  }
  return starts;
}

/**
 * Each finding whose rule verifies with named groups or companions, with them attached. A finding
 * revealed by decoding has none (its secret is not in these bytes as such): verifying it needs
 * only the secret, or it is reported unknown.
 */
export function withVerifyValues(compiled: CompiledRules, findings: Finding[], buf: Buffer): Finding[] {
  const specs = new Map<string, RuleSpec>();
  for (const rule of compiled.rules) if (wantsValues(rule.spec)) specs.set(rule.spec.id, rule.spec);
  if (specs.size === 0) return findings;
  let starts: number[] | undefined;
  let lastLine = 0;
  for (const finding of findings) lastLine = Math.max(lastLine, finding.startLine);
  return findings.map((finding) => {
    const spec = specs.get(finding.ruleId);
    if (!spec || finding.decoded || finding.foundIn !== undefined) return finding;
    starts ??= lineStarts(buf, lastLine);
    const lineStart = starts[finding.startLine];
    if (lineStart === undefined) return finding;
    const at = buf.indexOf(finding.secret, lineStart, 'utf8');
    if (at < 0) return finding;
    // A window of the content around the secret, as text: enough for the rule's match and for companions.
    const from = Math.max(0, at - NEAR_CHARS * 4);
    const text = buf.toString('utf8', from, Math.min(buf.length, at + Buffer.byteLength(finding.secret) + NEAR_CHARS * 4));
    const secretStart = buf.toString('utf8', from, at).length;
    const values = { ...namedGroups(spec, text, secretStart, finding.secret), ...(spec.verify ? findCompanions(spec.verify, text, secretStart) : {}) };
    return Object.keys(values).length > 0 ? { ...finding, verifyValues: values } : finding;
  });
}

import type { CompiledRule, CompiledRules } from './compile.js';
import { detectEncoded } from './decode/decode-pass.js';
import type { KeywordFragment } from './decode/keyword-fragments.js';
import { shannonEntropy } from './entropy.js';
import { secretKey, type Finding } from './finding.js';
import { primaryLocationLineHashes } from './line-hash.js';
import { LineIndex } from './positions.js';
import { isGeneric } from './rule.js';

/** A candidate before it becomes a Finding: byte offsets of the secret in the buffer. */
interface Candidate {
  rule: CompiledRule;
  start: number;
  end: number;
  secret: string;
  entropy: number;
}

export interface DetectOptions {
  /** Layers of encoding to look through (0: none). */
  decodeDepth?: number;
  /** Attach GitHub's primaryLocationLineHash to each finding (a pass over the content: SARIF only). */
  lineHashes?: boolean;
}

/**
 * Detection is pure: bytes and a path in, findings out. It does not know whether the bytes came
 * from a file, a git blob or stdin; the path only selects rules limited to some paths.
 */
export function detect(compiled: CompiledRules, buf: Buffer, path: string, options: DetectOptions = {}): Finding[] {
  const findings = detectAll(compiled, buf, path, options.decodeDepth ?? 0);
  return options.lineHashes && findings.length ? withLineHashes(findings, buf) : findings;
}

function withLineHashes(findings: Finding[], buf: Buffer): Finding[] {
  const hashes = primaryLocationLineHashes(buf, findings.map((finding) => finding.startLine));
  return findings.map((finding) => {
    const lineHash = hashes.get(finding.startLine);
    return lineHash ? { ...finding, lineHash } : finding;
  });
}

function detectAll(compiled: CompiledRules, buf: Buffer, path: string, decodeDepth: number): Finding[] {
  const { candidates, fragments } = gate(compiled, buf, path);
  const findings = detectPlain(compiled, buf, path, candidates);
  if (decodeDepth <= 0) return findings;
  // Percent-encoding leaves keywords readable, so a keyword next to a "%XX" is its cue.
  const cues = { fragments, percent: candidates.size > 0 && buf.includes('%') };
  const decoded = detectEncoded((inner, innerPath, depth) => detectAll(compiled, inner, innerPath, depth), buf, path, decodeDepth, cues);
  if (decoded.length === 0) return findings;
  // A generic rule that matched the encoded text itself yields to what the decoded text revealed.
  const plain = findings.filter((found) => !(isGeneric(found) && decoded.some((other) => overlaps(found, other))));
  return [...plain, ...decoded.filter((found) => !plain.some((other) => secretKey(other) === secretKey(found) && overlaps(found, other)))];
}

function overlaps(a: Finding, b: Finding): boolean {
  const before = (line1: number, col1: number, line2: number, col2: number) => line1 < line2 || (line1 === line2 && col1 < col2);
  return before(a.startLine, a.startColumn, b.endLine, b.endColumn) && before(b.startLine, b.startColumn, a.endLine, a.endColumn);
}

function detectPlain(compiled: CompiledRules, buf: Buffer, path: string, candidates: Set<number>): Finding[] {
  if (candidates.size === 0) return [];
  const matched = confirmWithSets(compiled, buf, candidates);
  if (matched.length === 0) return [];
  const found: Candidate[] = [];
  for (const index of matched) collect(compiled.rules[index] as CompiledRule, buf, found);
  if (found.length === 0) return [];
  return toFindings(resolveOverlaps(found), buf, path);
}

/**
 * Keyword gate: only rules whose keywords occur in the buffer (or that have none) may match. The
 * same pass says whether an encoded form of a keyword occurs, and so which decoders are worth running.
 */
function gate(compiled: CompiledRules, buf: Buffer, path: string): { candidates: Set<number>; fragments: KeywordFragment[] } {
  const candidates = new Set<number>();
  const fragments: KeywordFragment[] = [];
  const consider = (index: number): void => {
    if (!candidates.has(index) && (compiled.rules[index] as CompiledRule).pathAllowed(path)) candidates.add(index);
  };
  compiled.ungated.forEach(consider);
  if (compiled.keywordSet) {
    for (const hit of compiled.keywordSet.match(buf)) {
      if (hit >= compiled.firstFragment) fragments.push(compiled.fragments[hit - compiled.firstFragment] as KeywordFragment);
      else compiled.rulesByKeyword[hit]?.forEach(consider);
    }
  }
  return { candidates, fragments };
}

/**
 * One RE2.Set pass per group of patterns says which candidate rules really match somewhere. A
 * group with a single candidate skips its Set: that rule's own pass costs the same and also finds
 * the positions; so does a group whose Set has not yet seen enough bytes to repay compiling it.
 */
function confirmWithSets(compiled: CompiledRules, buf: Buffer, candidates: Set<number>): number[] {
  const matched: number[] = [];
  for (const patternSet of compiled.patternSets) {
    const { rules } = patternSet;
    const inSet = rules.filter((index) => candidates.has(index));
    if (inSet.length === 0) continue;
    if (inSet.length === 1 || !patternSet.worthUsing(buf.length)) {
      matched.push(...inSet);
      continue;
    }
    for (const position of patternSet.set.match(buf)) {
      const index = rules[position] as number;
      if (candidates.has(index)) matched.push(index);
    }
  }
  return matched.sort((a, b) => a - b);
}

function collect(rule: CompiledRule, buf: Buffer, out: Candidate[]): void {
  const { regex, secretGroup } = rule;
  regex.lastIndex = 0;
  for (let match = regex.exec(buf); match; match = regex.exec(buf)) {
    if (match[0].length === 0) {
      regex.lastIndex++;
      continue;
    }
    const span = typeof secretGroup === 'number' ? match.indices?.[secretGroup] : match.indices?.groups?.[secretGroup];
    if (!span || span[1] <= span[0]) continue;
    const secret = buf.toString('utf8', span[0], span[1]);
    const entropy = shannonEntropy(secret);
    if (!accepts(rule, secret, entropy)) continue;
    if (rule.allowMatches.length && rule.allowMatches.some((allow) => allow.test(match[0]))) continue;
    out.push({ rule, start: span[0], end: span[1], secret, entropy });
  }
}

/** Per-rule filters, cheapest first. */
function accepts(rule: CompiledRule, secret: string, entropy: number): boolean {
  const { spec } = rule;
  if (spec.entropy !== undefined && entropy < spec.entropy) return false;
  if (rule.stopwords.length) {
    const lower = secret.toLowerCase();
    if (rule.stopwords.some((word) => lower.includes(word))) return false;
  }
  if (rule.allowRegexes.some((allow) => allow.test(secret))) return false;
  if (rule.filters.some((isFalsePositive) => isFalsePositive(secret))) return false;
  if (rule.validator && !rule.validator(secret)) return false;
  return true;
}

/** A generic rule yields to a specific one on an overlapping span: one finding, the specific one. */
function resolveOverlaps(found: Candidate[]): Candidate[] {
  const specific = found.filter((c) => !isGeneric(c.rule.spec));
  if (specific.length === found.length) return found;
  const overlapsSpecific = (c: Candidate): boolean => specific.some((s) => s.start < c.end && c.start < s.end);
  const kept = [...specific];
  // Among generic rules too, one span is one finding: keep the first rule that claimed it.
  for (const c of found) {
    if (!isGeneric(c.rule.spec) || overlapsSpecific(c)) continue;
    if (kept.some((k) => isGeneric(k.rule.spec) && k.start < c.end && c.start < k.end)) continue;
    kept.push(c);
  }
  return kept;
}

function toFindings(found: Candidate[], buf: Buffer, path: string): Finding[] {
  const lines = new LineIndex(buf);
  return found.map(({ rule, start, end, secret, entropy }) => {
    const from = lines.position(start);
    const to = lines.endPosition(start, end);
    return {
      ruleId: rule.spec.id,
      description: rule.spec.description,
      severity: rule.spec.severity,
      tags: rule.spec.tags,
      path,
      startLine: from.line,
      startColumn: from.column,
      endLine: to.line,
      endColumn: to.column,
      secret,
      lineText: lines.lineText(start, end),
      entropy: Math.round(entropy * 1000) / 1000,
    };
  });
}

import type { AnchoredGroup, CompiledRule, CompiledRules } from './compile.js';
import { detectEncoded } from './decode/decode-pass.js';
import type { KeywordFragment } from './decode/keyword-fragments.js';
import { shannonEntropy } from './entropy.js';
import { secretKey, type Finding } from '../model/finding.js';
import { primaryLocationLineHashes } from './line-hash.js';
import { BufferFacts, matchStarts, matchWindows, type MatchWindow } from './match-window.js';
import { LineIndex } from './positions.js';
import type { KeywordSpans, PrefilterResult } from './prefilter.js';
import { oneFindingPerSpan, type SpanClaim } from './one-span.js';
import { isGeneric, type FilterName } from '../model/rule.js';
import { DEFAULT_DECODE_DEPTH } from '../model/defaults.js';
import { withVerifyValues } from './verify-values.js';

/** What consider() reads of an RE2 match over a Buffer. */
export interface BufferMatch {
  readonly 0: Buffer;
  readonly indices?: RegExpIndicesArray;
}

/** A candidate before it becomes a Finding: byte offsets of the secret in the buffer. */
interface Candidate extends SpanClaim {
  rule: CompiledRule;
  entropy: number;
}

export interface DetectOptions {
  /** Layers of encoding to look through (0: none); a scan's default unless said otherwise. */
  decodeDepth?: number;
  /** Attach GitHub's primaryLocationLineHash to each finding (a pass over the content: SARIF only). */
  lineHashes?: boolean | undefined;
  /**
   * Run each rule only in windows around its keywords (the default). `false` runs every candidate
   * rule over the whole buffer, as detection did before windows: tests compare the two.
   */
  windowed?: boolean;
  /** Attach what a rule's `verify:` request needs besides the secret (`--verify` runs only; verify-values.ts). */
  verifyValues?: boolean | undefined;
}

/**
 * Detection is pure: bytes and a path in, findings out. It does not know whether the bytes came
 * from a file, a git blob or stdin; the path only selects rules limited to some paths.
 */
export function detect(compiled: CompiledRules, buf: Buffer, path: string, options: DetectOptions = {}): Finding[] {
  const findings = detectAll(compiled, buf, path, options.decodeDepth ?? DEFAULT_DECODE_DEPTH, options.windowed ?? true);
  const valued = options.verifyValues && findings.length ? withVerifyValues(compiled, findings, buf) : findings;
  return options.lineHashes && valued.length ? withLineHashes(valued, buf) : valued;
}

function withLineHashes(findings: Finding[], buf: Buffer): Finding[] {
  const hashes = primaryLocationLineHashes(buf, findings.map((finding) => finding.startLine));
  return findings.map((finding) => {
    const lineHash = hashes.get(finding.startLine);
    return lineHash ? { ...finding, lineHash } : finding;
  });
}

function detectAll(compiled: CompiledRules, buf: Buffer, path: string, decodeDepth: number, windowed: boolean): Finding[] {
  const gated = gate(compiled, buf, path);
  const findings = detectPlain(compiled, buf, path, gated, windowed);
  if (decodeDepth <= 0) return findings;
  // Percent-encoding leaves keywords readable, so a keyword next to a "%XX" is its cue.
  const cues = { fragments: gated.fragments, percent: gated.candidates.size > 0 && buf.includes('%') };
  const inner = (decoded: Buffer, innerPath: string, depth: number): Finding[] => detectAll(compiled, decoded, innerPath, depth, windowed);
  const decoded = detectEncoded(inner, buf, path, decodeDepth, cues);
  if (decoded.length === 0) return findings;
  // A generic rule that matched the encoded text itself yields to what the decoded text revealed;
  // a generic rule in the decoded text yields to a specific rule that matched the encoded text.
  const plain = findings.filter((found) => !(isGeneric(found) && decoded.some((other) => overlaps(found, other))));
  const yields = (found: Finding, other: Finding): boolean => overlaps(found, other) && (secretKey(other) === secretKey(found) || (isGeneric(found) && !isGeneric(other)));
  return [...plain, ...decoded.filter((found) => !plain.some((other) => yields(found, other)))];
}

function overlaps(a: Finding, b: Finding): boolean {
  const before = (line1: number, col1: number, line2: number, col2: number) => line1 < line2 || (line1 === line2 && col1 < col2);
  return before(a.startLine, a.startColumn, b.endLine, b.endColumn) && before(b.startLine, b.startColumn, a.endLine, a.endColumn);
}

function detectPlain(compiled: CompiledRules, buf: Buffer, path: string, gated: Gated, windowed: boolean): Finding[] {
  if (gated.candidates.size === 0) return [];
  const found: Candidate[] = [];
  if (windowed) {
    const facts = new BufferFacts(buf);
    const flaggedHits = anchoredGroupGate(compiled, gated.candidates, gated.keywords, facts);
    for (const index of [...gated.candidates].sort((a, b) => a - b)) collectAroundKeywords(compiled, index, buf, gated.keywords, flaggedHits.get(index), facts, found);
  } else {
    for (const index of confirmWithSets(compiled, buf, gated.candidates)) collect(compiled.rules[index] as CompiledRule, buf, wholeOf(buf), found);
  }
  if (found.length === 0) return [];
  return toFindings(oneFindingPerSpan(found), buf, path);
}

interface Gated {
  /** Rules that may match: their keywords occur, or they have none. */
  candidates: Set<number>;
  /** Encoded keyword fragments that occur. */
  fragments: KeywordFragment[];
  /** Where each keyword occurs. */
  keywords: PrefilterResult['keywords'];
}

/**
 * Keyword gate: only rules whose keywords occur in the buffer (or that have none) may match. The
 * same pass says where each keyword occurs, and whether an encoded form of one does, and so which
 * decoders are worth running.
 */
function gate(compiled: CompiledRules, buf: Buffer, path: string): Gated {
  const candidates = new Set<number>();
  const consider = (index: number): void => {
    if (!candidates.has(index) && (compiled.rules[index] as CompiledRule).pathAllowed(path)) candidates.add(index);
  };
  compiled.ungated.forEach(consider);
  const scan = compiled.prefilter.scan(buf);
  for (const keyword of scan.keywords.keys()) compiled.rulesByKeyword[keyword]?.forEach(consider);
  const fragments = scan.fragments.map((index) => compiled.fragments[index] as KeywordFragment);
  return { candidates, fragments, keywords: scan.keywords };
}

function wholeOf(buf: Buffer): MatchWindow {
  return { viewStart: 0, viewEnd: buf.length, from: 0, lastStart: buf.length };
}

/**
 * Runs a rule only where its matches can be: anchored at the starts its keyword hits allow, or in
 * the windows around them, or over the whole buffer where its reach is not known.
 */
function collectAroundKeywords(
  compiled: CompiledRules,
  index: number,
  buf: Buffer,
  keywords: PrefilterResult['keywords'],
  flagged: ReadonlyMap<number, KeywordSpans> | undefined,
  facts: BufferFacts,
  out: Candidate[],
): void {
  const rule = compiled.rules[index] as CompiledRule;
  const hits: KeywordSpans[] = [];
  for (const keyword of compiled.keywordsOfRule[index] ?? []) {
    const spans = flagged?.get(keyword) ?? keywords.get(keyword);
    if (spans?.count) hits.push(spans);
  }
  if (hits.length === 0) {
    // Its keywords occur, but at none of their hits can it match (anchoredGroupGate).
    if (flagged) return;
    collect(rule, buf, wholeOf(buf), out);
    return;
  }
  const starts = matchStarts(rule.reach, hits, facts);
  if (starts) {
    collectAt(rule, buf, starts, out);
    return;
  }
  const windows = matchWindows(rule.reach, hits, facts);
  if (!windows) {
    collect(rule, buf, wholeOf(buf), out);
    return;
  }
  const before = out.length;
  for (const window of windows) {
    if (collect(rule, buf, window, out)) continue;
    // A match ran into the end of a window's view, where the buffer goes on. Windows are sized so
    // that no match of the rule can; should one still, the whole buffer decides, never the window.
    out.length = before;
    collect(rule, buf, wholeOf(buf), out);
    return;
  }
}

/**
 * For rules tried anchored near a keyword's hits, where its group has a Set (compile.ts): the hits
 * near which they can match, by rule and keyword, where that is fewer than all. One Set call at a hit tries
 * every rule of the group at every start it would be tried at (after up to `before` characters),
 * instead of a regex call per rule and start. A hit the Set cannot speak for (bytes before it not
 * ASCII, where characters and bytes differ; a long run of whitespace near it, where a short-space
 * bound fails) is kept for every rule.
 */
function anchoredGroupGate(compiled: CompiledRules, candidates: ReadonlySet<number>, keywords: PrefilterResult['keywords'], facts: BufferFacts): Map<number, Map<number, KeywordSpans>> {
  const flagged = new Map<number, Map<number, KeywordSpans>>();
  for (const [keyword, spans] of keywords) {
    const group = compiled.anchoredGroup(keyword, spans.count);
    if (!group) continue;
    const kept = new Map<number, number[]>();
    for (const index of group.rules) if (candidates.has(index)) kept.set(index, []);
    if (kept.size === 0) continue;
    for (let i = 0; i < spans.count; i++) {
      const start = spans.starts[i] as number;
      const viewStart = Math.max(0, start - group.before);
      const unsure = !facts.asciiBetween(viewStart, start) || (group.shortSpace && facts.longWhitespaceWithin(start - group.before, start + group.maxBytes + 1));
      if (unsure) {
        for (const hits of kept.values()) hits.push(i);
        continue;
      }
      for (const position of setMatches(group, facts.buf.subarray(viewStart))) kept.get(group.rules[position] as number)?.push(i);
    }
    for (const [index, hits] of kept) {
      if (hits.length === spans.count) continue;
      const own = flagged.get(index) ?? new Map<number, KeywordSpans>();
      own.set(keyword, { count: hits.length, starts: Int32Array.from(hits, (i) => spans.starts[i] as number), ends: Int32Array.from(hits, (i) => spans.ends[i] as number) });
      flagged.set(index, own);
    }
  }
  return flagged;
}

/** Which of the group's patterns match `view`: all of them should RE2 give up (its DFA out of memory), so its rules decide. */
function setMatches(group: AnchoredGroup, view: Buffer): readonly number[] {
  try {
    return group.set.match(view);
  } catch {
    return group.rules.map((_, position) => position);
  }
}

/** Tries the rule anchored at each of `starts` (ascending) not inside the match before. */
function collectAt(rule: CompiledRule, buf: Buffer, starts: readonly number[], out: Candidate[]): void {
  const regex = rule.anchored;
  let after = 0;
  for (const start of starts) {
    if (start < after) continue;
    regex.lastIndex = start;
    const match = regex.exec(buf);
    if (!match) continue;
    after = start + match[0].length;
    consider(rule, buf, match, 0, out);
  }
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

/**
 * Runs the rule's regex over a window's view of the buffer, keeping matches that start in the
 * window. False when a match ends at the view's end where the buffer goes on: the view's end may
 * have made it (`$`, `\b`), so the window's findings cannot be trusted.
 */
function collect(rule: CompiledRule, buf: Buffer, window: MatchWindow, out: Candidate[]): boolean {
  const { regex } = rule;
  const { viewStart: offset, viewEnd } = window;
  const view = offset === 0 && viewEnd === buf.length ? buf : buf.subarray(offset, viewEnd);
  regex.lastIndex = window.from - offset;
  for (let match = regex.exec(view); match; match = regex.exec(view)) {
    const length = match[0].length;
    if (length === 0) {
      regex.lastIndex++;
      continue;
    }
    const start = match.index + offset;
    if (start > window.lastStart) break;
    if (start + length === viewEnd && viewEnd < buf.length) return false;
    consider(rule, buf, match, offset, out);
  }
  return true;
}

/** The secret's span in a match over a view of the buffer, relative to the view; undefined when it is empty. */
export function secretSpan(rule: CompiledRule, match: BufferMatch): [number, number] | undefined {
  const { secretGroup } = rule;
  const span = typeof secretGroup === 'number' ? match.indices?.[secretGroup] : match.indices?.groups?.[secretGroup];
  return span && span[1] > span[0] ? span : undefined;
}

/** Keeps a match (found in a view starting at `offset`) that the rule's filters let through. */
function consider(rule: CompiledRule, buf: Buffer, match: BufferMatch, offset: number, out: Candidate[]): void {
  const span = secretSpan(rule, match);
  if (!span) return;
  const secret = buf.toString('utf8', span[0] + offset, span[1] + offset);
  const entropy = shannonEntropy(secret);
  if (rejection(rule, secret, entropy, match) !== undefined) return;
  const { spec } = rule;
  const severity = rule.classifier?.(secret) ?? spec.severity;
  out.push({ rule, start: span[0] + offset, end: span[1] + offset, secret, entropy, severity, generic: isGeneric(spec), order: rule.index });
}

/** Which of a rule's own checks drops a match: a filter's name, or the check's. */
export type Rejection = 'entropy' | 'stopword' | 'allowlist-regex' | 'allowlist-match' | 'validator' | FilterName;

/**
 * The first of the rule's checks, cheapest first, that drops a match, or undefined when it is kept.
 * A constant, never built per match: scans only compare it with undefined.
 */
export function rejection(rule: CompiledRule, secret: string, entropy: number, match: BufferMatch): Rejection | undefined {
  const { spec } = rule;
  if (spec.entropy !== undefined && entropy < spec.entropy) return 'entropy';
  if (rule.stopwords.length) {
    const lower = secret.toLowerCase();
    if (rule.stopwords.some((word) => lower.includes(word))) return 'stopword';
  }
  if (rule.allowRegexes.some((allow) => allow.test(secret))) return 'allowlist-regex';
  const matchText = (): string => match[0].toString('utf8');
  const filter = rule.filters.findIndex((isFalsePositive) => isFalsePositive(secret, matchText));
  if (filter >= 0) return spec.filters[filter];
  if (rule.validator && !rule.validator(secret)) return 'validator';
  if (rule.allowMatches.length && rule.allowMatches.some((allow) => allow.test(match[0]))) return 'allowlist-match';
  return undefined;
}

function toFindings(found: Candidate[], buf: Buffer, path: string): Finding[] {
  const lines = new LineIndex(buf);
  return found.map(({ rule, start, end, secret, entropy, severity }) => {
    const from = lines.position(start);
    const to = lines.endPosition(start, end);
    return {
      ruleId: rule.spec.id,
      description: rule.spec.description,
      severity,
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

import picomatch from 'picomatch';
import RE2 from 're2';
import { encodedKeywordFragments, type KeywordFragment } from './decode/keyword-fragments.js';
import { CLASSIFIERS, type Classifier } from './classifiers.js';
import { FILTERS, type MatchText } from './filters.js';
import { reachFromStored, reachSummary, ruleReach, storedReach, type RuleReach } from './match-window.js';
import { patternShape } from './pattern-shape.js';
import { LiteralAutomaton, type AutomatonArrays, type AutomatonData } from './literal-automaton.js';
import { Prefilter } from './prefilter.js';
import { countGroups } from './regex-syntax.js';
import type { RuleSpec } from '../model/rule.js';
import { VALIDATORS, type Validator } from './validators.js';

/**
 * A rule ready to run. Regexes are compiled on first use: a pre-commit scan of a few files needs
 * only the rules whose keywords occur there, and compiling all of them would dominate its time.
 */
export interface CompiledRule {
  readonly index: number;
  readonly spec: RuleSpec;
  readonly regex: RE2;
  /** The same pattern, sticky: it matches only where lastIndex points. */
  readonly anchored: RE2;
  readonly secretGroup: number | string;
  readonly allowRegexes: readonly RE2[];
  /** Allowlist patterns for the whole match (key name and value), not just the secret. */
  readonly allowMatches: readonly RE2[];
  readonly stopwords: readonly string[];
  readonly validator: Validator | undefined;
  readonly filters: readonly ((secret: string, match: MatchText) => boolean)[];
  /** Lowers the severity of a value public by design (see classifiers.ts). */
  readonly classifier: Classifier | undefined;
  readonly pathAllowed: (path: string) => boolean;
  /** How far its matches reach from a keyword hit: where its regex must run (worked out on first use). */
  readonly reach: RuleReach;
}

export interface CompiledRules {
  readonly rules: readonly CompiledRule[];
  /** Whether the precompiled data given was whole and used. */
  readonly fromPrecompiled: boolean;
  /** One pass over a buffer tells where each keyword occurs, and which encoded fragments do. */
  readonly prefilter: Prefilter;
  /** For each keyword of the prefilter, the rules it unlocks. */
  readonly rulesByKeyword: readonly (readonly number[])[];
  /** For each rule, its keywords (indexes into the prefilter's). */
  readonly keywordsOfRule: readonly (readonly number[])[];
  /** The prefilter's fragments are these encoded keyword fragments. */
  readonly fragments: readonly KeywordFragment[];
  /** Rules without keywords: considered on every buffer. */
  readonly ungated: readonly number[];
  /**
   * For matching over whole buffers (`windowed: false`): patterns split over several Sets, as one
   * Set of hundreds of heavy patterns overflows RE2's memory.
   */
  readonly patternSets: readonly PatternSet[];
  /**
   * The rules keyword `keyword` unlocks that are tried anchored near its hits, when there are two or
   * more (or one tried at several starts), and one Set that tries them all at every start at once
   * (see anchoredGroupGate in engine.ts).
   * Undefined until `hits` (this buffer's hits of it, added up over calls) repay compiling the Set.
   */
  anchoredGroup(keyword: number, hits: number): AnchoredGroup | undefined;
}

export interface AnchoredGroup {
  /** Rule indexes, in the order of the Set's patterns. */
  readonly rules: readonly number[];
  /**
   * Matched anchored at `before` bytes ahead of a hit: each pattern, after up to that many
   * characters, so that one call covers every start its rule is tried at near the hit.
   */
  readonly set: PatternFilter;
  readonly before: number;
  /** The longest match of any of its rules, in bytes. */
  readonly maxBytes: number;
  /** Whether some rule's bound holds only where no long run of whitespace is near. */
  readonly shortSpace: boolean;
}

/** Says which of its patterns match somewhere in a buffer (positions in its list). */
export interface PatternFilter {
  match(buf: Buffer): number[];
}

export interface PatternSet {
  /** Compiled on first use. */
  readonly set: PatternFilter;
  readonly rules: readonly number[];
  /**
   * Whether to use the Set for a buffer of `bytes`. Compiling a Set costs tens of milliseconds,
   * more than running its candidates' own regexes over a pre-commit's few files; it is compiled
   * once enough bytes have come its way to repay that.
   */
  worthUsing(bytes: number): boolean;
}

// Measured: RE2.Set compiles ~120 typical token patterns before hitting its default memory budget;
// smaller Sets also keep each DFA cache small and hot.
const PATTERNS_PER_SET = 32;
/** A getter that computes its value once, on first read. */
function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

const ANY_PATH = (): boolean => true;

/** Globs are compiled when the rule first meets a path: most rules of a short scan never do. */
function pathMatcher(spec: RuleSpec): (path: string) => boolean {
  const { include = [], exclude = [] } = spec.paths ?? {};
  if (include.length === 0 && exclude.length === 0) return ANY_PATH;
  const globs = lazy(() => ({ included: include.length ? picomatch(include, { dot: true }) : undefined, excluded: exclude.length ? picomatch(exclude, { dot: true }) : undefined }));
  return (path) => {
    const { included, excluded } = globs();
    return (!included || included(path)) && !excluded?.(path);
  };
}

/**
 * A rule whose regexes, globs, secret group and reach are worked out on first use. A class, not an
 * object of closures and getters: every start-up makes one for each of 715 rules, and a
 * pre-commit scan touches few of them.
 */
class LazyRule implements CompiledRule {
  readonly stopwords: readonly string[];
  readonly validator: Validator | undefined;
  readonly filters: readonly ((secret: string, match: MatchText) => boolean)[];
  readonly classifier: Classifier | undefined;
  readonly pathAllowed: (path: string) => boolean;
  private regexValue: RE2 | undefined;
  private anchoredValue: RE2 | undefined;
  private secretGroupValue: number | string | undefined;
  private allowRegexesValue: readonly RE2[] | undefined;
  private allowMatchesValue: readonly RE2[] | undefined;

  constructor(
    readonly index: number,
    readonly spec: RuleSpec,
    private reachValue: RuleReach | undefined,
  ) {
    this.stopwords = spec.allowlist?.stopwords?.length ? spec.allowlist.stopwords.map((word) => word.toLowerCase()) : NONE;
    this.validator = spec.validate ? VALIDATORS[spec.validate] : undefined;
    this.filters = spec.filters.map((name) => FILTERS[name]);
    this.classifier = spec.classify ? CLASSIFIERS[spec.classify] : undefined;
    this.pathAllowed = pathMatcher(spec);
  }

  get regex(): RE2 {
    return (this.regexValue ??= new RE2(this.spec.pattern, 'gdu'));
  }

  /** The same pattern, sticky: it matches only where lastIndex points. */
  get anchored(): RE2 {
    return (this.anchoredValue ??= new RE2(this.spec.pattern, 'gdyu'));
  }

  get secretGroup(): number | string {
    return (this.secretGroupValue ??= this.spec.secretGroup ?? (countGroups(this.spec.pattern) > 0 ? 1 : 0));
  }

  get allowRegexes(): readonly RE2[] {
    return (this.allowRegexesValue ??= (this.spec.allowlist?.regexes ?? []).map((pattern) => new RE2(pattern, 'u')));
  }

  get allowMatches(): readonly RE2[] {
    return (this.allowMatchesValue ??= (this.spec.allowlist?.matches ?? []).map((pattern) => new RE2(pattern, 'u')));
  }

  get reach(): RuleReach {
    return (this.reachValue ??= ruleReach(patternShape(this.spec.pattern, this.spec.keywords)));
  }
}

const NONE: readonly string[] = [];

/** `known`: the rule's reach, worked out before (see Precompiled). */
export function compileRule(spec: RuleSpec, index: number, known?: RuleReach): CompiledRule {
  return new LazyRule(index, spec, known);
}

/**
 * A Set of the patterns, or Sets of halves of them: patterns that each fit RE2's memory budget may
 * not fit it together. One that fits no Set (loading refuses those; a caller may not have loaded)
 * is always reported as matching, and its own regex decides.
 */
function patternFilter(patterns: readonly string[], anchor: 'unanchored' | 'start' = 'unanchored'): PatternFilter {
  try {
    return new RE2.Set(patterns, 'u', { anchor });
  } catch {
    if (patterns.length === 1) return { match: () => [0] };
    const half = Math.ceil(patterns.length / 2);
    const first = patternFilter(patterns.slice(0, half), anchor);
    const second = patternFilter(patterns.slice(half), anchor);
    return { match: (buf) => [...first.match(buf), ...second.match(buf).map((index) => index + half)] };
  }
}

// About what a Set's compile time buys in regex passes saved.
const SET_PAYBACK_BYTES = 4 * 1024 * 1024;

function lazyPatternSet(rules: readonly CompiledRule[]): PatternSet {
  const set = lazy(() => patternFilter(rules.map((rule) => rule.spec.pattern)));
  let bytesSeen = 0;
  return {
    get set() {
      return set();
    },
    rules: rules.map((rule) => rule.index),
    worthUsing(bytes) {
      bytesSeen += bytes;
      return bytesSeen >= SET_PAYBACK_BYTES;
    },
  };
}

// A group's Set takes milliseconds to compile and saves a fraction of a microsecond a hit: it is
// compiled once its keyword has been hit this often (in this thread); until then its rules run one
// by one, so a short scan, or a keyword met a few times, never pays for it.
const GROUP_PAYBACK_HITS = 4096;

/**
 * For each keyword, the group of the anchored rules it unlocks, when a Set saves calls over them
 * (two or more rules, or one tried at several starts a hit), once the keyword has been hit
 * `paybackHits` times (counted by the caller).
 */
function anchoredGroups(rules: readonly CompiledRule[], rulesByKeyword: readonly (readonly number[])[], paybackHits: number): (keyword: number, hits: number) => AnchoredGroup | undefined {
  const groups: (AnchoredGroup | null | undefined)[] = [];
  const seen: number[] = [];
  return (keyword, hits) => {
    let group = groups[keyword];
    if (group === undefined) {
      seen[keyword] = (seen[keyword] ?? 0) + hits;
      if ((seen[keyword] as number) < paybackHits) return undefined;
      const members = (rulesByKeyword[keyword] ?? []).map((index) => rules[index] as CompiledRule).filter((rule) => reachSummary(rule.reach) === 'anchored');
      group = severalCalls(members) ? anchoredGroup(members) : null;
      groups[keyword] = group;
    }
    return group ?? undefined;
  };
}

function severalCalls(members: readonly CompiledRule[]): boolean {
  const reach = members[0]?.reach;
  return members.length >= 2 || (members.length === 1 && reach !== undefined && 'lead' in reach && (reach.lead ?? 0) > 0);
}

function anchoredGroup(members: readonly CompiledRule[]): AnchoredGroup {
  let lead = 0;
  let maxBytes = 0;
  let shortSpace = false;
  for (const { reach } of members) {
    if (reach.kind !== 'length' && reach.kind !== 'short-space') continue;
    lead = Math.max(lead, reach.lead ?? 0);
    maxBytes = Math.max(maxBytes, reach.bytes);
    shortSpace ||= reach.kind === 'short-space';
  }
  // A start is tried up to `lead` characters before a hit, up to 4 bytes each: the Set starts a
  // byte further back (the start's neighbour, for \b) and skips as many characters as there are bytes.
  const before = 4 * lead + 1;
  const patterns = members.map((rule) => `(?s:.){0,${before}}(?:${rule.spec.pattern})`);
  return { rules: members.map((rule) => rule.index), set: patternFilter(patterns, 'start'), before, maxBytes, shortSpace };
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A rule's first keyword in sort order (no copy sorted: this runs for every rule on every start-up). */
function affinityKey(rule: CompiledRule): string {
  let first: string | undefined;
  for (const keyword of rule.spec.keywords) if (first === undefined || keyword < first) first = keyword;
  return first ?? '';
}

/**
 * What compiling the rules works out besides RE2 objects, as plain data: the keyword gate (its
 * automaton and encoded keyword fragments) and each rule's reach from its pattern's shape. It is
 * most of what compiling costs a short run (a pre-commit scan) or a new worker thread, so it is
 * cached between runs and sent to workers; what RE2 compiles cannot cross threads.
 */
export interface Precompiled {
  readonly fragments: readonly KeywordFragment[];
  /** As plain data (for a worker thread) or typed arrays (from the binary cache). */
  readonly automaton: AutomatonData | AutomatonArrays;
  /** Per rule, in order (storedReach form). */
  readonly reaches: readonly RuleReach[];
}

/** The precompiled data of `compiled` (working out every rule's reach not yet known). */
export function precompiled(compiled: CompiledRules): Precompiled {
  return { fragments: compiled.fragments, automaton: compiled.prefilter.automaton().toData(), reaches: compiled.rules.map((rule) => storedReach(rule.reach)) };
}

/**
 * `pre`: precompiled() of the same specs, from here, another thread or a cache. Whatever part of it
 * is not well formed is worked out again (and `fromPrecompiled` is false).
 */
/**
 * `paybackHits`: how often a keyword is hit before its rules' group Sets are compiled (tests pass 0
 * to have every group gate from the first buffer).
 */
export function compileRules(specs: readonly RuleSpec[], pre?: Precompiled, paybackHits = GROUP_PAYBACK_HITS): CompiledRules {
  const reaches = pre?.reaches.length === specs.length ? pre.reaches.map(reachFromStored) : [];
  const automaton = pre && LiteralAutomaton.fromData(pre.automaton);
  const rules = specs.map((spec, index) => compileRule(spec, index, reaches[index]));
  const keywords: string[] = [];
  const keywordIndex = new Map<string, number>();
  const rulesByKeyword: number[][] = [];
  const keywordsOfRule: number[][] = [];
  const ungated: number[] = [];
  for (const rule of rules) {
    const own: number[] = [];
    keywordsOfRule.push(own);
    // An empty keyword occurs in every buffer: the rule is as good as ungated.
    if (rule.spec.keywords.length === 0 || rule.spec.keywords.includes('')) {
      ungated.push(rule.index);
      continue;
    }
    for (const keyword of rule.spec.keywords) {
      let k = keywordIndex.get(keyword);
      if (k === undefined) {
        k = keywords.push(keyword) - 1;
        keywordIndex.set(keyword, k);
        rulesByKeyword.push([]);
      }
      (rulesByKeyword[k] as number[]).push(rule.index);
      if (!own.includes(k)) own.push(k);
    }
  }
  // Rules unlocked by the same keyword share a Set, so a common keyword costs one Set pass, not several.
  const affinity = rules.map(affinityKey);
  const byAffinity = [...rules].sort((a, b) => compareText(affinity[a.index] as string, affinity[b.index] as string) || a.index - b.index);
  const patternSets = [];
  for (let i = 0; i < byAffinity.length; i += PATTERNS_PER_SET) {
    const chunk = byAffinity.slice(i, i + PATTERNS_PER_SET);
    patternSets.push(lazyPatternSet(chunk));
  }
  const fragments = automaton && pre ? pre.fragments : encodedKeywordFragments(keywords);
  const prefilter = new Prefilter(keywords, fragments.map((fragment) => fragment.text), automaton);
  return {
    fromPrecompiled: prefilter.automaton() === automaton && reaches.length === specs.length && reaches.every((reach) => reach !== undefined),
    rules,
    prefilter,
    rulesByKeyword,
    keywordsOfRule,
    fragments,
    ungated,
    patternSets,
    anchoredGroup: anchoredGroups(rules, rulesByKeyword, paybackHits),
  };
}

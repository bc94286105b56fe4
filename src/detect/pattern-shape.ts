import { KELVIN, LONG_S, parseRegex, type CharSet, type RegexNode } from './regex-syntax.js';

/**
 * What a rule's pattern allows, read from its syntax, so its regex can run on windows around its
 * keywords instead of on the whole buffer: how long a match can be, whether one can hold a
 * newline, and whether every match holds one of the rule's keywords. Every answer errs on the
 * safe side: "unbounded", "may cross lines", "not proven".
 */
export interface PatternShape {
  /** The longest match in characters, or undefined when a match can be as long as it likes. */
  readonly maxChars: number | undefined;
  /** The longest match in bytes of UTF-8 (a character is up to four). */
  readonly maxBytes: number | undefined;
  /**
   * The longest match when every run of whitespace a match holds is shorter than WHITESPACE_RUN:
   * what bounds a pattern whose only unbounded parts are `\s*` and the like.
   */
  readonly maxCharsShortSpace: number | undefined;
  readonly maxBytesShortSpace: number | undefined;
  /**
   * How many characters before its start a keyword occurrence every match holds may begin, at
   * most: 0 for a pattern that starts with its keyword. Undefined when unknown.
   */
  readonly leadChars: number | undefined;
  readonly leadCharsShortSpace: number | undefined;
  /** The most newlines a match can hold (Infinity: any number). */
  readonly maxNewlines: number;
  /** Every match holds (case-insensitively) one of the keywords. */
  readonly keywordInEveryMatch: boolean;
}

/** Runs of whitespace this long or longer void the short-space bounds where they occur. */
export const WHITESPACE_RUN = 32;

const UNKNOWN: PatternShape = {
  maxChars: undefined,
  maxBytes: undefined,
  maxCharsShortSpace: undefined,
  maxBytesShortSpace: undefined,
  leadChars: undefined,
  leadCharsShortSpace: undefined,
  maxNewlines: Infinity,
  keywordInEveryMatch: false,
};

// Sets of strings are kept while small; past that the analysis says "unknown", never guesses.
const MAX_STRINGS = 256;
const MAX_STRING_LENGTH = 256;

interface Length {
  readonly chars: number;
  readonly bytes: number;
}

interface Info {
  readonly min: number;
  readonly max: Length;
  readonly maxShortSpace: Length;
  readonly newlines: number;
  /** Every string the node can match, in lower case, if few. */
  readonly exact: ReadonlySet<string> | undefined;
  /** Strings every match starts (ends) with one of. */
  readonly prefix: ReadonlySet<string> | undefined;
  readonly suffix: ReadonlySet<string> | undefined;
  readonly contains: boolean;
  /** Where `contains`: how many characters into a match its keyword may start (Infinity: unknown). */
  readonly lead: Lead;
}

interface Lead {
  readonly strict: number;
  readonly shortSpace: number;
}

const NO_LEAD: Lead = { strict: Infinity, shortSpace: Infinity };
const fewer = (a: Lead, b: Lead): Lead => ({ strict: Math.min(a.strict, b.strict), shortSpace: Math.min(a.shortSpace, b.shortSpace) });
const later = (a: Lead, b: Lead): Lead => ({ strict: Math.max(a.strict, b.strict), shortSpace: Math.max(a.shortSpace, b.shortSpace) });

const WHITESPACE = new Set([0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20]);

function lowerAscii(text: string): string {
  return text.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

export function patternShape(pattern: string, keywords: readonly string[]): PatternShape {
  let root: RegexNode;
  try {
    root = parseRegex(pattern);
  } catch {
    return UNKNOWN;
  }
  const lowered = keywords.map(lowerAscii);
  const info = analyse(root, { keywords: lowered, budget: MAX_SPLITS });
  const finite = (n: number) => (Number.isFinite(n) ? n : undefined);
  return {
    maxChars: finite(info.max.chars),
    maxBytes: finite(info.max.bytes),
    maxCharsShortSpace: finite(info.maxShortSpace.chars),
    maxBytesShortSpace: finite(info.maxShortSpace.bytes),
    leadChars: info.contains ? finite(info.lead.strict) : undefined,
    leadCharsShortSpace: info.contains ? finite(info.lead.shortSpace) : undefined,
    maxNewlines: info.newlines,
    keywordInEveryMatch: lowered.length > 0 && info.min > 0 && info.contains,
  };
}

function utf8Length(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

function bytesPerChar(set: CharSet): number {
  if (set.anyByte) return 1;
  if (set.wide) return 4;
  const last = set.upper[set.upper.length - 1];
  return last ? utf8Length(last[1]) : 1;
}

/** The characters a set can match, as the keyword gate sees them (ASCII in lower case), if few. */
function representatives(set: CharSet): Set<string> | undefined {
  if (set.anyByte || set.wide) return undefined;
  const reps = new Set<string>();
  for (let c = 0; c < 128; c++) if (set.ascii[c]) reps.add(lowerAscii(String.fromCharCode(c)));
  for (const [lo, hi] of set.upper) {
    if (hi - lo > MAX_STRINGS) return undefined;
    for (let c = lo; c <= hi; c++) reps.add(c === LONG_S ? 's' : c === KELVIN ? 'k' : String.fromCodePoint(c));
  }
  return reps.size <= MAX_STRINGS ? reps : undefined;
}

function isWhitespaceOnly(node: RegexNode): boolean {
  if (node.kind !== 'chars' || node.set.anyByte || node.set.upper.length) return false;
  for (let c = 0; c < 128; c++) if (node.set.ascii[c] && !WHITESPACE.has(c)) return false;
  return true;
}

function cross(a: ReadonlySet<string> | undefined, b: ReadonlySet<string> | undefined): Set<string> | undefined {
  if (!a || !b || a.size * b.size > MAX_STRINGS) return undefined;
  const out = new Set<string>();
  for (const x of a) {
    for (const y of b) {
      if (x.length + y.length > MAX_STRING_LENGTH) return undefined;
      out.add(x + y);
    }
  }
  return out;
}

function unite(sets: readonly (ReadonlySet<string> | undefined)[]): Set<string> | undefined {
  const out = new Set<string>();
  for (const set of sets) {
    if (!set) return undefined;
    for (const s of set) out.add(s);
    if (out.size > MAX_STRINGS) return undefined;
  }
  return out;
}

function allContain(set: ReadonlySet<string> | undefined, keywords: readonly string[]): boolean {
  return keywordOffset(set, keywords) !== undefined;
}

/** The latest, over the strings, of where the first keyword in each starts; undefined if one has none. */
function keywordOffset(set: ReadonlySet<string> | undefined, keywords: readonly string[]): number | undefined {
  if (!set || set.size === 0) return undefined;
  let latest = 0;
  for (const s of set) {
    let first = Infinity;
    for (const keyword of keywords) {
      const at = s.indexOf(keyword);
      if (at !== -1 && at < first) first = at;
    }
    if (first === Infinity) return undefined;
    latest = Math.max(latest, first);
  }
  return latest;
}

const add = (a: Length, b: Length): Length => ({ chars: a.chars + b.chars, bytes: a.bytes + b.bytes });
const larger = (a: Length, b: Length): Length => ({ chars: Math.max(a.chars, b.chars), bytes: Math.max(a.bytes, b.bytes) });
const times = (a: Length, n: number): Length => ({ chars: a.chars === 0 ? 0 : a.chars * n, bytes: a.bytes === 0 ? 0 : a.bytes * n });
const ZERO: Length = { chars: 0, bytes: 0 };
const UNBOUNDED: Length = { chars: Infinity, bytes: Infinity };

/** Keywords in lower case, and how many more alternations the keyword proof may split. */
interface Context {
  readonly keywords: readonly string[];
  budget: number;
}

// Splitting `(?:a|b)c` into `ac` and `bc` proves more, at a cost that multiplies: a few suffice.
const MAX_SPLITS = 64;

type Partial_ = Omit<Info, 'prefix' | 'suffix' | 'lead'> & Partial<Pick<Info, 'prefix' | 'suffix' | 'lead'>>;

function withExact(info: Partial_, context: Context): Info {
  const prefix = info.exact ?? info.prefix;
  const suffix = info.exact ?? info.suffix;
  const { keywords } = context;
  const contains = info.contains || allContain(info.exact, keywords) || allContain(prefix, keywords) || allContain(suffix, keywords);
  const atStart = keywordOffset(prefix, keywords);
  let lead = info.lead ?? NO_LEAD;
  if (atStart !== undefined) lead = fewer(lead, { strict: atStart, shortSpace: atStart });
  // A keyword proven only in how matches end starts at most a whole match in.
  if (contains) lead = fewer(lead, { strict: info.max.chars, shortSpace: info.maxShortSpace.chars });
  return { ...info, prefix, suffix, contains, lead };
}

function analyse(node: RegexNode, context: Context): Info {
  switch (node.kind) {
    case 'empty':
      return withExact({ min: 0, max: ZERO, maxShortSpace: ZERO, newlines: 0, exact: new Set(['']), contains: false }, context);
    case 'chars': {
      const length = { chars: 1, bytes: bytesPerChar(node.set) };
      const newlines = node.set.ascii[0x0a] === 1 ? 1 : 0;
      return withExact({ min: 1, max: length, maxShortSpace: length, newlines, exact: representatives(node.set), contains: false }, context);
    }
    case 'concat':
      return sequence(node.items, context);
    case 'alt':
      return alternatives(node.items.map((item) => analyse(item, context)), context);
    case 'repeat':
      return repeat(node.item, node.min, node.max, context);
  }
}

function alternatives(items: readonly Info[], context: Context): Info {
  return withExact(
    {
      min: Math.min(...items.map((i) => i.min)),
      max: items.map((i) => i.max).reduce(larger),
      maxShortSpace: items.map((i) => i.maxShortSpace).reduce(larger),
      newlines: Math.max(...items.map((i) => i.newlines)),
      exact: unite(items.map((i) => i.exact)),
      prefix: unite(items.map((i) => i.prefix)),
      suffix: unite(items.map((i) => i.suffix)),
      contains: items.every((i) => i.contains),
      lead: items.map((i) => i.lead).reduce(later),
    },
    context,
  );
}

/**
 * A sequence; where that does not prove a keyword in every match, a sequence holding an
 * alternation is proven branch by branch: in `(?:mailgun.*|api:)key-` each branch has its own.
 */
function sequence(items: readonly RegexNode[], context: Context): Info {
  const info = items.map((item) => analyse(item, context)).reduce((a, b) => concat(a, b, context));
  if (info.contains) return info;
  const at = items.findIndex((item) => item.kind === 'alt');
  const alt = items[at];
  if (alt?.kind !== 'alt' || context.budget < alt.items.length) return info;
  context.budget -= alt.items.length;
  const split = alt.items.map((branch) => sequence([...items.slice(0, at), branch, ...items.slice(at + 1)], context));
  return split.every((branch) => branch.contains) ? { ...info, contains: true, lead: split.map((branch) => branch.lead).reduce(later) } : info;
}

function concat(a: Info, b: Info, context: Context): Info {
  const exact = cross(a.exact, b.exact);
  const prefix = a.exact ? (cross(a.exact, b.prefix) ?? a.exact) : a.prefix;
  const suffix = b.exact ? (cross(a.suffix, b.exact) ?? b.exact) : b.suffix;
  // A keyword may straddle the two: the end of one and the start of the other.
  const straddle = straddleOffset(a.suffix, b.prefix, context.keywords);
  const straddles = straddle !== undefined;
  let lead = a.contains ? a.lead : NO_LEAD;
  if (b.contains) lead = fewer(lead, { strict: a.max.chars + b.lead.strict, shortSpace: a.maxShortSpace.chars + b.lead.shortSpace });
  // A keyword straddling the two starts in the end of the first.
  if (straddle !== undefined) lead = fewer(lead, { strict: a.max.chars + straddle, shortSpace: a.maxShortSpace.chars + straddle });
  return withExact(
    {
      min: a.min + b.min,
      max: add(a.max, b.max),
      maxShortSpace: add(a.maxShortSpace, b.maxShortSpace),
      newlines: a.newlines + b.newlines,
      exact,
      prefix,
      suffix,
      contains: a.contains || b.contains || straddles,
      lead,
    },
    context,
  );
}

/**
 * Where `a` ending in one of `suffix` meets `b` starting with one of `prefix`: if every such
 * meeting holds a keyword, how far from the end of `a` the first one may start (at most; negative
 * is before it). Undefined if some meeting holds none.
 */
function straddleOffset(suffix: ReadonlySet<string> | undefined, prefix: ReadonlySet<string> | undefined, keywords: readonly string[]): number | undefined {
  if (!suffix || !prefix || suffix.size * prefix.size > MAX_STRINGS) return undefined;
  let latest = -Infinity;
  for (const x of suffix) {
    for (const y of prefix) {
      const at = keywordOffset(new Set([x + y]), keywords);
      if (at === undefined) return undefined;
      latest = Math.max(latest, at - x.length);
    }
  }
  return latest;
}

function power(set: ReadonlySet<string> | undefined, min: number, max: number): Set<string> | undefined {
  if (!set || !Number.isFinite(max)) return undefined;
  const out = new Set<string>();
  let level: Set<string> | undefined = new Set(['']);
  for (let n = 0; n <= max; n++) {
    if (!level) return undefined;
    if (n >= min) for (const s of level) out.add(s);
    if (out.size > MAX_STRINGS) return undefined;
    if (n < max) level = cross(level, set);
  }
  return out;
}

function repeated(length: Length, max: number): Length {
  if (length.chars === 0) return ZERO;
  return max === Infinity ? UNBOUNDED : times(length, max);
}

function repeat(itemNode: RegexNode, min: number, max: number, context: Context): Info {
  const item = analyse(itemNode, context);
  const maxLength = repeated(item.max, max);
  // A run of whitespace counts as at most WHITESPACE_RUN - 1 where no longer run occurs.
  const shortSpace = isWhitespaceOnly(itemNode)
    ? { chars: Math.min(maxLength.chars, WHITESPACE_RUN - 1), bytes: Math.min(maxLength.bytes, WHITESPACE_RUN - 1) }
    : repeated(item.maxShortSpace, max);
  return withExact(
    {
      min: item.min * min,
      max: maxLength,
      maxShortSpace: shortSpace,
      newlines: item.newlines === 0 || max === 0 ? 0 : item.newlines * max,
      exact: power(item.exact, min, max),
      prefix: min > 0 ? item.prefix : undefined,
      suffix: min > 0 ? item.suffix : undefined,
      contains: min > 0 && item.contains,
      lead: min > 0 && item.contains ? item.lead : NO_LEAD,
    },
    context,
  );
}

import { isAscii } from 'node:buffer';
import RE2 from 're2';
import { LiteralAutomaton, LiteralHits } from './literal-automaton.js';
import { KELVIN, LONG_S } from './regex-syntax.js';

/** Where one keyword occurs in a buffer: byte spans, in order of their end. */
export interface KeywordSpans {
  readonly count: number;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
}

export interface PrefilterResult {
  /** Where each keyword that occurs does, by keyword index. */
  readonly keywords: ReadonlyMap<number, KeywordSpans>;
  /** Indexes of the literal fragments that occur (in ASCII case), ascending. */
  readonly fragments: readonly number[];
}

/**
 * What each literal of an automaton stands for, by literal: keyword `index[literal]` (where
 * `keyword[literal]` is 1) or fragment `index[literal]`, `length[literal]` bytes long. Arrays, not
 * an object a literal: the default rules have 10,000 literals, given their meanings on every start-up.
 */
interface Meanings {
  readonly keyword: Uint8Array;
  readonly index: Int32Array;
  readonly length: Int32Array;
}

function newMeanings(literals: number): Meanings {
  return { keyword: new Uint8Array(literals), index: new Int32Array(literals), length: new Int32Array(literals) };
}

const LONG_S_BYTES = Buffer.from(String.fromCodePoint(LONG_S), 'utf8');
const KELVIN_BYTES = Buffer.from(String.fromCodePoint(KELVIN), 'utf8');
// A keyword with more letters s and k than this (2^n spellings) is found by RE2 where the two code points occur.
const MAX_FOLDED_LETTERS = 6;

// A string of code points below 128 (a lone surrogate is not one): its UTF-8 bytes are ASCII.
const ASCII = /^[\x00-\x7f]*$/;

function escapeRegex(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}

function keywordRegex(keyword: string): RE2 {
  return new RE2(escapeRegex(keyword), 'giu');
}

/** How many letters s and k (either case) `text` holds. */
function foldLetters(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i) | 0x20;
    if (code === 0x73 || code === 0x6b) count++;
  }
  return count;
}

function lowerAsciiBytes(text: string): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] as number;
    if (byte >= 0x41 && byte <= 0x5a) bytes[i] = byte + 0x20;
  }
  return bytes;
}

/** Every spelling of `keyword` with each s and k as itself or as its non-ASCII fold partner. */
function foldedSpellings(keyword: Buffer): Buffer[] {
  let spellings: Buffer[] = [Buffer.alloc(0)];
  for (const byte of keyword) {
    const own = Buffer.of(byte);
    const partner = byte === 0x73 ? LONG_S_BYTES : byte === 0x6b ? KELVIN_BYTES : undefined;
    spellings = spellings.flatMap((head) => (partner ? [Buffer.concat([head, own]), Buffer.concat([head, partner])] : [Buffer.concat([head, own])]));
  }
  return spellings;
}

/**
 * The keyword gate: one pass over a buffer finds every occurrence of every keyword, case-insensitively
 * exactly as RE2's `iu` flags have it (ASCII letters, and s and k with their two non-ASCII fold
 * partners, LONG S and KELVIN SIGN), and which literal fragments occur (ASCII case folded only).
 */
export class Prefilter {
  /** Keywords (ASCII, as themselves) and fragments: the one pass every buffer gets. */
  private readonly plain: Spellings;
  /** Keywords spelled with LONG S or KELVIN SIGN: a second pass, only where those occur. */
  private partners: Spellings | undefined;
  /** Keywords not in plain ASCII, each found by its own RE2: their case folding is Unicode's. */
  private readonly unicodeKeywords: { index: number; regex: RE2 }[] = [];
  /** Keywords with too many fold spellings to list: RE2 finds them where LONG S or KELVIN SIGN occur. */
  private readonly manyFoldKeywords: { index: number; regex: RE2 }[] = [];
  // Scratch for one scan at a time, all zero between scans: a scan touches only what occurs.
  private readonly found = new LiteralHits();
  private readonly foundPartners = new LiteralHits();
  private readonly counts: Int32Array;
  private readonly fragmentSeen: Uint8Array;

  /** `built`: the automaton of an earlier Prefilter of the same keywords and fragments (its `automaton()`), so it is not built again. */
  constructor(
    private readonly keywords: readonly string[],
    private readonly fragments: readonly string[],
    built?: LiteralAutomaton,
  ) {
    // The automaton's literals: the ASCII keywords, then the fragments.
    const asciiKeywords: number[] = [];
    for (let index = 0; index < keywords.length; index++) {
      const keyword = keywords[index] as string;
      if (!ASCII.test(keyword)) this.unicodeKeywords.push({ index, regex: keywordRegex(keyword) });
      else {
        asciiKeywords.push(index);
        if (foldLetters(keyword) > MAX_FOLDED_LETTERS) this.manyFoldKeywords.push({ index, regex: keywordRegex(keyword) });
      }
    }
    const meanings = newMeanings(asciiKeywords.length + fragments.length);
    for (let literal = 0; literal < asciiKeywords.length; literal++) {
      const index = asciiKeywords[literal] as number;
      meanings.keyword[literal] = 1;
      meanings.index[literal] = index;
      // An ASCII string's length is its length in bytes.
      meanings.length[literal] = (keywords[index] as string).length;
    }
    for (let index = 0; index < fragments.length; index++) {
      const literal = asciiKeywords.length + index;
      meanings.index[literal] = index;
      meanings.length[literal] = (fragments[index] as string).length;
    }
    // The literals' bytes are made only when the automaton is built here: a cached one (a
    // pre-commit scan's) needs only what each literal means.
    const automaton = built?.literalCount === meanings.index.length ? built : LiteralAutomaton.build([...asciiKeywords.map((index) => keywords[index] as string), ...fragments].map(lowerAsciiBytes));
    this.plain = { automaton, meanings };
    this.counts = new Int32Array(keywords.length);
    this.fragmentSeen = new Uint8Array(fragments.length);
  }

  /** The one-pass automaton, to hand to a Prefilter of the same keywords and fragments elsewhere. */
  automaton(): LiteralAutomaton {
    return this.plain.automaton;
  }

  /** The keywords' spellings with at least one s or k as its non-ASCII partner, built when first needed. */
  private partnerSpellings(): Spellings {
    if (this.partners) return this.partners;
    const literals: Buffer[] = [];
    const keywordOf: number[] = [];
    const many = new Set(this.manyFoldKeywords.map((entry) => entry.index));
    const plain = this.plain.meanings;
    for (let literal = 0; literal < plain.index.length; literal++) {
      const index = plain.index[literal] as number;
      if (plain.keyword[literal] === 0 || many.has(index)) continue;
      const plainSpelling = lowerAsciiBytes(this.keywords[index] as string);
      for (const spelling of foldedSpellings(plainSpelling)) {
        if (spelling.length === plainSpelling.length) continue;
        literals.push(spelling);
        keywordOf.push(index);
      }
    }
    const meanings = newMeanings(literals.length);
    meanings.keyword.fill(1);
    meanings.index.set(keywordOf);
    meanings.length.set(literals.map((spelling) => spelling.length));
    this.partners = { automaton: LiteralAutomaton.build(literals), meanings };
    return this.partners;
  }

  scan(buf: Buffer): PrefilterResult {
    if (this.keywords.length === 0 && this.fragments.length === 0) return { keywords: new Map(), fragments: [] };
    const ascii = isAscii(buf);
    const fold = !ascii && (buf.includes(LONG_S_BYTES) || buf.includes(KELVIN_BYTES));
    const { found, foundPartners, counts, fragmentSeen } = this;
    const passes: [LiteralHits, Meanings][] = [[found, this.plain.meanings]];
    found.length = 0;
    this.plain.automaton.scan(buf, found);
    if (fold) {
      const partners = this.partnerSpellings();
      foundPartners.length = 0;
      partners.automaton.scan(buf, foundPartners);
      passes.push([foundPartners, partners.meanings]);
    }

    const occurring: number[] = [];
    const fragments: number[] = [];
    for (const [hits, meanings] of passes) {
      for (let i = 0; i < hits.length; i++) {
        const literal = hits.literal[i] as number;
        const index = meanings.index[literal] as number;
        if (meanings.keyword[literal] === 1) {
          if (counts[index] === 0) occurring.push(index);
          counts[index] = (counts[index] as number) + 1;
        } else if (fragmentSeen[index] === 0) {
          fragmentSeen[index] = 1;
          fragments.push(index);
        }
      }
    }
    for (const index of fragments) fragmentSeen[index] = 0;

    const keywords = new Map<number, KeywordSpans>();
    for (const index of occurring) {
      const count = counts[index] as number;
      keywords.set(index, { count, starts: new Int32Array(count), ends: new Int32Array(count) });
      counts[index] = 0;
    }
    for (const [hits, meanings] of passes) {
      for (let i = 0; i < hits.length; i++) {
        const literal = hits.literal[i] as number;
        if (meanings.keyword[literal] === 0) continue;
        const index = meanings.index[literal] as number;
        const spans = keywords.get(index) as KeywordSpans;
        const at = counts[index] as number;
        counts[index] = at + 1;
        const end = hits.end[i] as number;
        spans.starts[at] = end - (meanings.length[literal] as number);
        spans.ends[at] = end;
      }
    }
    for (const index of occurring) counts[index] = 0;
    // The second pass's hits went after the first's: put each keyword's back in order of end.
    if (fold) for (const spans of keywords.values()) inOrderOfEnd(spans);

    // Keywords the automata do not hold for this buffer: found by RE2, which replaces what they found.
    const byRegex = [...(ascii ? [] : this.unicodeKeywords), ...(fold ? this.manyFoldKeywords : [])];
    for (const { index, regex } of byRegex) {
      const list = spansOf(regex, buf);
      if (list.length) keywords.set(index, { count: list.length, starts: Int32Array.from(list, ([start]) => start), ends: Int32Array.from(list, ([, end]) => end) });
      else keywords.delete(index);
    }
    return { keywords, fragments: fragments.sort((a, b) => a - b) };
  }
}

interface Spellings {
  readonly automaton: LiteralAutomaton;
  readonly meanings: Meanings;
}

function inOrderOfEnd(spans: KeywordSpans): void {
  const order = Array.from({ length: spans.count }, (_, i) => i).sort((a, b) => (spans.ends[a] as number) - (spans.ends[b] as number));
  const starts = order.map((i) => spans.starts[i] as number);
  const ends = order.map((i) => spans.ends[i] as number);
  spans.starts.set(starts);
  spans.ends.set(ends);
}

/** Every occurrence, overlapping ones too, as byte spans in order. */
function spansOf(regex: RE2, buf: Buffer): [number, number][] {
  const spans: [number, number][] = [];
  regex.lastIndex = 0;
  for (let match = regex.exec(buf); match; match = regex.exec(buf)) {
    spans.push([match.index, match.index + match[0].length]);
    regex.lastIndex = match.index + 1;
  }
  return spans;
}

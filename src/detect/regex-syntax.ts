/**
 * A parser for the RE2 syntax rule patterns are written in, down to what match windows need: which
 * characters each atom can match, how atoms repeat and alternate. It is conservative: syntax it
 * does not know throws, and its caller then assumes nothing about the pattern.
 */

/** A set of code points. The ASCII part is exact; the rest is exact unless `wide`, an over-estimate. */
export interface CharSet {
  readonly ascii: Uint8Array;
  /** Sorted, disjoint ranges of code points from 0x80 up. */
  readonly upper: readonly (readonly [number, number])[];
  /** `upper` holds more than the pattern can match (a Unicode class, case folding of non-ASCII). */
  readonly wide: boolean;
  /** `\C`: one byte, whatever it is. */
  readonly anyByte?: boolean;
}

export type RegexNode =
  | { readonly kind: 'chars'; readonly set: CharSet }
  | { readonly kind: 'empty' }
  | { readonly kind: 'concat'; readonly items: readonly RegexNode[] }
  | { readonly kind: 'alt'; readonly items: readonly RegexNode[] }
  | { readonly kind: 'repeat'; readonly item: RegexNode; readonly min: number; readonly max: number };

interface Flags {
  readonly fold: boolean;
  readonly dotNewline: boolean;
}

const MAX_CODE_POINT = 0x10ffff;
// The two non-ASCII code points RE2's Unicode case folding joins to ASCII letters: LATIN SMALL
// LETTER LONG S (with s, S) and KELVIN SIGN (with k, K). The keyword gate folds them too.
export const LONG_S = 0x17f;
export const KELVIN = 0x212a;

function asciiOf(chars: string): Uint8Array {
  const ascii = new Uint8Array(128);
  for (const ch of chars) ascii[ch.charCodeAt(0)] = 1;
  return ascii;
}

function asciiRange(lo: number, hi: number): Uint8Array {
  const ascii = new Uint8Array(128);
  for (let c = lo; c <= hi; c++) ascii[c] = 1;
  return ascii;
}

const DIGITS = asciiRange(0x30, 0x39);
const WORD = asciiOf('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_');
const SPACE = asciiOf('\t\n\f\r ');

const POSIX: Record<string, Uint8Array> = {
  alnum: asciiOf('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'),
  alpha: asciiOf('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'),
  ascii: asciiRange(0, 0x7f),
  blank: asciiOf('\t '),
  cntrl: (() => {
    const set = asciiRange(0, 0x1f);
    set[0x7f] = 1;
    return set;
  })(),
  digit: DIGITS,
  graph: asciiRange(0x21, 0x7e),
  lower: asciiRange(0x61, 0x7a),
  print: asciiRange(0x20, 0x7e),
  punct: asciiOf('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~'),
  space: asciiOf('\t\n\v\f\r '),
  upper: asciiRange(0x41, 0x5a),
  word: WORD,
  xdigit: asciiOf('0123456789ABCDEFabcdef'),
};

export function charSet(ascii: Uint8Array, upper: readonly (readonly [number, number])[] = [], wide = false): CharSet {
  return { ascii, upper: normalise(upper), wide };
}

function normalise(ranges: readonly (readonly [number, number])[]): [number, number][] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

function single(codePoint: number): CharSet {
  if (codePoint < 0x80) {
    const ascii = new Uint8Array(128);
    ascii[codePoint] = 1;
    return charSet(ascii);
  }
  return charSet(new Uint8Array(128), [[codePoint, codePoint]]);
}

export function union(a: CharSet, b: CharSet): CharSet {
  const ascii = new Uint8Array(128);
  for (let c = 0; c < 128; c++) ascii[c] = a.ascii[c] || b.ascii[c] ? 1 : 0;
  return charSet(ascii, [...a.upper, ...b.upper], a.wide || b.wide);
}

function negate(set: CharSet): CharSet {
  const ascii = new Uint8Array(128);
  for (let c = 0; c < 128; c++) ascii[c] = set.ascii[c] ? 0 : 1;
  // The complement of an over-estimate is an under-estimate: assume every non-ASCII code point.
  if (set.wide) return charSet(ascii, [[0x80, MAX_CODE_POINT]], true);
  const upper: [number, number][] = [];
  let next = 0x80;
  for (const [lo, hi] of set.upper) {
    if (lo > next) upper.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= MAX_CODE_POINT) upper.push([next, MAX_CODE_POINT]);
  return charSet(ascii, upper);
}

function holds(set: CharSet, codePoint: number): boolean {
  return set.upper.some(([lo, hi]) => lo <= codePoint && codePoint <= hi);
}

/** RE2's simple case folding, as far as matching needs; non-ASCII letters fold to unknown partners. */
function fold(set: CharSet): CharSet {
  const ascii = Uint8Array.from(set.ascii);
  for (let c = 0x41; c <= 0x5a; c++) {
    if (set.ascii[c] || set.ascii[c + 0x20]) ascii[c] = ascii[c + 0x20] = 1;
  }
  if (holds(set, LONG_S)) ascii[0x53] = ascii[0x73] = 1;
  if (holds(set, KELVIN)) ascii[0x4b] = ascii[0x6b] = 1;
  const upper: (readonly [number, number])[] = [...set.upper];
  if (ascii[0x73]) upper.push([LONG_S, LONG_S]);
  if (ascii[0x6b]) upper.push([KELVIN, KELVIN]);
  // Non-ASCII letters have partners somewhere above ASCII: an over-estimate covers them.
  const onlyPartners = set.upper.every(([lo, hi]) => (lo === LONG_S && hi === LONG_S) || (lo === KELVIN && hi === KELVIN));
  if (!onlyPartners) return charSet(ascii, [[0x80, MAX_CODE_POINT]], true);
  return charSet(ascii, upper, set.wide);
}

/** ASCII members of a Unicode property, exactly; its other members, over-estimated. */
function unicodeProperty(name: string): CharSet {
  if (name === 'Any') return charSet(asciiRange(0, 0x7f), [[0x80, MAX_CODE_POINT]]);
  let test: RegExp | undefined;
  for (const source of [`\\p{${name}}`, `\\p{Script=${name}}`]) {
    try {
      test = new RegExp(source, 'u');
      break;
    } catch {
      // Not a general category: try it as a script.
    }
  }
  if (!test) throw new Error(`unknown Unicode class ${name}`);
  const ascii = new Uint8Array(128);
  for (let c = 0; c < 128; c++) ascii[c] = test.test(String.fromCharCode(c)) ? 1 : 0;
  return charSet(ascii, [[0x80, MAX_CODE_POINT]], true);
}

const ANY_BYTE: CharSet = { ascii: asciiRange(0, 0x7f), upper: [[0x80, MAX_CODE_POINT]], wide: false, anyByte: true };

class Parser {
  private at = 0;
  constructor(private readonly source: string) {}

  parse(): RegexNode {
    const node = this.alternation({ fold: false, dotNewline: false });
    if (this.at < this.source.length) throw new Error(`unexpected ${this.source[this.at]} at ${this.at}`);
    return node;
  }

  private peek(): string | undefined {
    return this.source[this.at];
  }

  private codePoint(): number {
    const cp = this.source.codePointAt(this.at);
    if (cp === undefined) throw new Error('unexpected end of pattern');
    this.at += cp > 0xffff ? 2 : 1;
    return cp;
  }

  private alternation(flags: Flags): RegexNode {
    const items: RegexNode[] = [];
    // A `(?i)` holds to the end of its group, across `|`, as in RE2.
    let current = flags;
    for (;;) {
      const { node, flags: after } = this.sequence(current);
      items.push(node);
      current = after;
      if (this.peek() !== '|') break;
      this.at++;
    }
    return items.length === 1 ? (items[0] as RegexNode) : { kind: 'alt', items };
  }

  private sequence(initial: Flags): { node: RegexNode; flags: Flags } {
    let flags = initial;
    const items: RegexNode[] = [];
    while (this.at < this.source.length && this.peek() !== '|' && this.peek() !== ')') {
      const change = this.flagChange();
      if (change) {
        flags = change(flags);
        continue;
      }
      items.push(this.quantified(this.atom(flags)));
    }
    const node: RegexNode = items.length === 1 ? (items[0] as RegexNode) : items.length === 0 ? { kind: 'empty' } : { kind: 'concat', items };
    return { node, flags };
  }

  /** `(?flags)` alone: reads it, if that is what comes, and says how it changes the flags. */
  private flagChange(): ((flags: Flags) => Flags) | undefined {
    if (!this.source.startsWith('(?', this.at)) return undefined;
    const match = /^\(\?([imsU-]*)\)/.exec(this.source.slice(this.at, this.at + 12));
    if (!match) return undefined;
    this.at += match[0].length;
    return parseFlags(match[1] ?? '');
  }

  private quantified(atom: RegexNode): RegexNode {
    let node = atom;
    for (;;) {
      const ch = this.peek();
      let min: number;
      let max: number;
      if (ch === '*' || ch === '+' || ch === '?') {
        this.at++;
        [min, max] = ch === '*' ? [0, Infinity] : ch === '+' ? [1, Infinity] : [0, 1];
      } else if (ch === '{') {
        const match = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.at, this.at + 16));
        if (!match) return node;
        this.at += match[0].length;
        min = Number(match[1]);
        max = match[2] === undefined ? min : match[3] ? Number(match[3]) : Infinity;
        if (max < min || min > 1000 || (max !== Infinity && max > 1000)) throw new Error('bad repetition');
      } else return node;
      // A lazy repetition matches the same strings; only which one is preferred differs.
      if (this.peek() === '?') this.at++;
      node = { kind: 'repeat', item: node, min, max };
    }
  }

  private atom(flags: Flags): RegexNode {
    const ch = this.peek();
    if (ch === '(') return this.group(flags);
    if (ch === '[') return { kind: 'chars', set: this.maybeFold(this.bracket(flags), flags) };
    if (ch === '.') {
      this.at++;
      const all = charSet(asciiRange(0, 0x7f), [[0x80, MAX_CODE_POINT]]);
      if (flags.dotNewline) return { kind: 'chars', set: all };
      const ascii = Uint8Array.from(all.ascii);
      ascii[0x0a] = 0;
      return { kind: 'chars', set: charSet(ascii, all.upper) };
    }
    if (ch === '^' || ch === '$') {
      this.at++;
      return { kind: 'empty' };
    }
    if (ch === '\\') return this.escape(flags);
    if (ch === '*' || ch === '+' || ch === '?' || ch === ')') throw new Error(`unexpected ${ch}`);
    return { kind: 'chars', set: this.maybeFold(single(this.codePoint()), flags) };
  }

  private maybeFold(set: CharSet, flags: Flags): CharSet {
    return flags.fold ? fold(set) : set;
  }

  private group(flags: Flags): RegexNode {
    this.at++;
    let inner = flags;
    if (this.peek() === '?') {
      const rest = this.source.slice(this.at, this.at + 64);
      const named = /^\?P?<[A-Za-z_][A-Za-z0-9_]*>/.exec(rest);
      const scoped = /^\?([imsU-]*):/.exec(rest);
      if (named) this.at += named[0].length;
      else if (scoped) {
        this.at += scoped[0].length;
        inner = parseFlags(scoped[1] ?? '')(flags);
      } else throw new Error('unsupported group');
    }
    const node = this.alternation(inner);
    if (this.peek() !== ')') throw new Error('missing )');
    this.at++;
    return node;
  }

  private escape(flags: Flags): RegexNode {
    this.at++;
    const ch = this.peek();
    if (ch === undefined) throw new Error('trailing backslash');
    if ('bBAz'.includes(ch)) {
      this.at++;
      return { kind: 'empty' };
    }
    if (ch === 'C') {
      this.at++;
      return { kind: 'chars', set: ANY_BYTE };
    }
    if (ch === 'Q') {
      this.at++;
      const end = this.source.indexOf('\\E', this.at);
      const text = this.source.slice(this.at, end === -1 ? undefined : end);
      this.at = end === -1 ? this.source.length : end + 2;
      const items: RegexNode[] = [...text].map((c) => ({ kind: 'chars', set: this.maybeFold(single(c.codePointAt(0) as number), flags) }));
      return items.length === 1 ? (items[0] as RegexNode) : { kind: 'concat', items };
    }
    return { kind: 'chars', set: this.maybeFold(this.classEscape(), flags) };
  }

  /** An escape that stands for one character or a class; `at` is just after the backslash. */
  private classEscape(): CharSet {
    const ch = this.source[this.at] as string;
    this.at++;
    switch (ch) {
      case 'd':
        return charSet(DIGITS);
      case 'D':
        return negate(charSet(DIGITS));
      case 's':
        return charSet(SPACE);
      case 'S':
        return negate(charSet(SPACE));
      case 'w':
        return charSet(WORD);
      case 'W':
        return negate(charSet(WORD));
      case 'a':
        return single(7);
      case 'f':
        return single(12);
      case 't':
        return single(9);
      case 'n':
        return single(10);
      case 'r':
        return single(13);
      case 'v':
        return single(11);
      case 'x':
        return single(this.hex());
      case 'p':
      case 'P':
        return this.property(ch === 'P');
    }
    if (ch >= '0' && ch <= '7') {
      const match = /^[0-7]{0,2}/.exec(this.source.slice(this.at, this.at + 2)) as RegExpExecArray;
      // A lone \1..\7 would be a backreference, which RE2 rejects.
      if (ch !== '0' && match[0].length === 0) throw new Error('backreference');
      this.at += match[0].length;
      return single(parseInt(ch + match[0], 8));
    }
    if (ch.charCodeAt(0) < 0x80 && !/[A-Za-z0-9_]/.test(ch)) return single(ch.charCodeAt(0));
    throw new Error(`unknown escape \\${ch}`);
  }

  private hex(): number {
    const braced = /^\{([0-9A-Fa-f]{1,6})\}/.exec(this.source.slice(this.at, this.at + 8));
    const plain = /^[0-9A-Fa-f]{2}/.exec(this.source.slice(this.at, this.at + 2));
    const match = braced ?? plain;
    if (!match) throw new Error('bad \\x escape');
    this.at += match[0].length;
    const value = parseInt(braced ? (braced[1] as string) : match[0], 16);
    if (value > MAX_CODE_POINT) throw new Error('bad \\x escape');
    return value;
  }

  private property(negated: boolean): CharSet {
    let name: string;
    if (this.peek() === '{') {
      const end = this.source.indexOf('}', this.at);
      if (end === -1) throw new Error('bad \\p');
      name = this.source.slice(this.at + 1, end);
      this.at = end + 1;
    } else name = String.fromCodePoint(this.codePoint());
    let negate_ = negated;
    if (name.startsWith('^')) {
      negate_ = !negate_;
      name = name.slice(1);
    }
    const set = unicodeProperty(name);
    return negate_ ? negate(set) : set;
  }

  private bracket(flags: Flags): CharSet {
    this.at++;
    let negated = false;
    if (this.peek() === '^') {
      negated = true;
      this.at++;
    }
    let set = charSet(new Uint8Array(128));
    let first = true;
    while (this.peek() !== ']' || first) {
      if (this.at >= this.source.length) throw new Error('missing ]');
      first = false;
      const posix = /^\[:(\^?)([a-z]+):\]/.exec(this.source.slice(this.at, this.at + 12));
      if (posix) {
        const members = POSIX[posix[2] as string];
        if (!members) throw new Error('unknown POSIX class');
        this.at += posix[0].length;
        const part = charSet(members);
        set = union(set, posix[1] ? negate(part) : part);
        continue;
      }
      const lo = this.classAtom();
      if (typeof lo !== 'number') {
        set = union(set, lo);
        continue;
      }
      if (this.peek() === '-' && this.source[this.at + 1] !== ']') {
        this.at++;
        const hi = this.classAtom();
        if (typeof hi !== 'number' || hi < lo) throw new Error('bad range');
        set = union(set, rangeSet(lo, hi));
      } else set = union(set, single(lo));
    }
    this.at++;
    // RE2 folds the listed members, then takes the complement.
    const folded = flags.fold ? fold(set) : set;
    return negated ? negate(folded) : folded;
  }

  /** A code point, or a class escape (\d, \pL, ...) inside brackets. */
  private classAtom(): number | CharSet {
    if (this.peek() !== '\\') return this.codePoint();
    this.at++;
    const ch = this.peek();
    if (ch !== undefined && 'dDsSwWpP'.includes(ch)) return this.classEscape();
    const set = this.classEscape();
    const members = [...set.ascii].flatMap((bit, c) => (bit ? [c] : []));
    if (members.length === 1 && set.upper.length === 0) return members[0] as number;
    if (members.length === 0 && set.upper.length === 1 && set.upper[0]?.[0] === set.upper[0]?.[1]) return set.upper[0]?.[0] as number;
    return set;
  }
}

function rangeSet(lo: number, hi: number): CharSet {
  const ascii = lo < 0x80 ? asciiRange(lo, Math.min(hi, 0x7f)) : new Uint8Array(128);
  return charSet(ascii, hi >= 0x80 ? [[Math.max(lo, 0x80), hi]] : []);
}

function parseFlags(text: string): (flags: Flags) => Flags {
  const [on = '', off = ''] = text.split('-');
  if (text.split('-').length > 2) throw new Error('bad flags');
  return (flags) => ({
    fold: off.includes('i') ? false : on.includes('i') ? true : flags.fold,
    dotNewline: off.includes('s') ? false : on.includes('s') ? true : flags.dotNewline,
  });
}

export function parseRegex(source: string): RegexNode {
  return new Parser(source).parse();
}

/** Counts capturing groups: every "(" not escaped, not in a class, and not followed by "?" unless named. */
export function countGroups(source: string): number {
  let count = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      continue;
    }
    if (ch === '[') inClass = true;
    else if (ch === '(') {
      if (source[i + 1] !== '?' || /^\?P?<[A-Za-z_]/.test(source.slice(i + 1, i + 5))) count++;
    }
  }
  return count;
}

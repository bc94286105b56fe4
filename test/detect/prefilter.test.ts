import fc from 'fast-check';
import RE2 from 're2';
import { describe, expect, it } from 'vitest';
import { encodedKeywordFragments } from '../../src/detect/decode/keyword-fragments.js';
import { LiteralAutomaton, LiteralHits } from '../../src/detect/literal-automaton.js';
import { Prefilter } from '../../src/detect/prefilter.js';
import { defaultPackFiles } from '../../src/rules/pack-files.js';
import { loadPacks } from '../../src/rules/rule-pack.js';

const escapeRegex = (text: string): string => text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');

/** Every occurrence as RE2 with flags `iu` sees it (the old gate's semantics), overlapping ones too. */
function occurrences(keyword: string, buf: Buffer): string[] {
  const regex = new RE2(escapeRegex(keyword), 'giu');
  const spans: string[] = [];
  for (let match = regex.exec(buf); match; match = regex.exec(buf)) {
    spans.push(`${match.index}-${match.index + (match[0] as unknown as Buffer).length}`);
    regex.lastIndex = match.index + 1;
  }
  return spans;
}

/** What the automaton of `literals` finds in `text`. */
function literalHits(literals: readonly string[], text: string): LiteralHits {
  const hits = new LiteralHits();
  LiteralAutomaton.build(literals.map((l) => Buffer.from(l.toLowerCase()))).scan(Buffer.from(text), hits);
  return hits;
}

const asPairs = (hits: LiteralHits): string[] => Array.from({ length: hits.length }, (_, i) => `${hits.literal[i]}@${hits.end[i]}`).sort();

/** Every occurrence of every literal, ASCII case folded, as `literal@end`, by indexOf. */
function occurrencesOf(literals: readonly string[], text: string): string[] {
  const expected: string[] = [];
  const lower = text.toLowerCase();
  literals.forEach((l, index) => {
    for (let at = lower.indexOf(l.toLowerCase()); at !== -1; at = lower.indexOf(l.toLowerCase(), at + 1)) expected.push(`${index}@${at + l.length}`);
  });
  return expected.sort();
}

describe('LiteralAutomaton', () => {
  it('rebuilt from its data finds exactly what it found (property)', () => {
    const literal = fc.array(fc.constantFrom('a', 'b', 'c', 'k', 's'), { minLength: 1, maxLength: 6 }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(fc.array(literal, { minLength: 1, maxLength: 20 }), fc.array(fc.constantFrom('a', 'b', 'c', 'K', 's', 'x'), { maxLength: 120 }), (literals, chars) => {
        const built = LiteralAutomaton.build(literals.map((l) => Buffer.from(l)));
        const again = LiteralAutomaton.fromData(JSON.parse(JSON.stringify(built.toData())));
        expect(again).toBeDefined();
        // The binary cache's form: typed arrays, as copies (so nothing is shared with `built`).
        const arrays = built.toArrays();
        const fromArrays = LiteralAutomaton.fromData({ ...arrays, ...Object.fromEntries(['childFirst', 'sibling', 'fail', 'byteIn', 'endingsAt', 'endings'].map((name) => [name, (arrays as unknown as Record<string, Int32Array>)[name]?.slice()])) });
        expect(fromArrays).toBeDefined();
        const hitsOf = (automaton: LiteralAutomaton): string[] => {
          const hits = new LiteralHits();
          automaton.scan(Buffer.from(chars.join('')), hits);
          return Array.from({ length: hits.length }, (_, i) => `${hits.literal[i]}@${hits.end[i]}`);
        };
        expect(hitsOf(again as LiteralAutomaton)).toEqual(hitsOf(built));
        expect(hitsOf(fromArrays as LiteralAutomaton)).toEqual(hitsOf(built));
      }),
      { numRuns: 300 },
    );
  });

  it('rebuilt from its data finds what it found in a buffer read as two halves: the second half starts the longest literal back (property)', () => {
    const literal = fc.array(fc.constantFrom('a', 'b', 'c', 'B'), { minLength: 1, maxLength: 12 }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(fc.array(literal, { minLength: 1, maxLength: 12 }), fc.integer({ min: 4096, max: 9000 }), fc.integer(), (literals, length, seed) => {
        let state = seed >>> 0 || 1;
        const text = Array.from({ length }, () => {
          state ^= state << 13;
          state ^= state >>> 17;
          state ^= state << 5;
          return 'abcABx'[(state >>> 0) % 6];
        }).join('');
        const built = LiteralAutomaton.build(literals.map((l) => Buffer.from(l.toLowerCase())));
        const again = LiteralAutomaton.fromData(JSON.parse(JSON.stringify(built.toData()))) as LiteralAutomaton;
        const hits = new LiteralHits();
        again.scan(Buffer.from(text), hits);
        expect(asPairs(hits)).toEqual(occurrencesOf(literals, text));
      }),
      { numRuns: 100 },
    );
  });

  it('refuses data that is not a well-formed automaton, so no cache entry can make a scan loop or misread', () => {
    const good = LiteralAutomaton.build(['token', 'tok', 'secret'].map((l) => Buffer.from(l))).toData();
    const ints = (text: string): number[] => Array.from(new Int32Array(new Uint8Array(Buffer.from(text, 'base64')).buffer));
    const encoded = (values: number[]): string => Buffer.from(Int32Array.from(values).buffer).toString('base64');
    type IntField = 'fail' | 'sibling' | 'childFirst' | 'endings' | 'endingsAt';
    const set = (name: IntField, index: number, value: number) => ({ ...good, [name]: encoded(ints(good[name]).map((n, i) => (i === index ? value : n))) });
    const fail = ints(good.fail);
    const childFirst = ints(good.childFirst);
    // A state two deep: its failure link must point higher; pointing to itself would loop.
    const deep = childFirst[childFirst[good.root] as number] as number;
    expect(deep).toBeGreaterThan(0);
    const damaged: Record<string, unknown> = {
      'not an object': 'automaton',
      'not base64 of whole Int32s': { ...good, fail: Buffer.from([1, 2, 3]).toString('base64') },
      'arrays of other lengths': { ...good, fail: encoded(fail.slice(1)) },
      'a child out of range': set('childFirst', good.root, childFirst.length + 5),
      'a failure link to "none"': set('fail', deep, 0),
      'a failure link out of range': set('fail', deep, fail.length + 3),
      'a negative failure link': set('fail', deep, -1),
      'a sibling out of range': set('sibling', childFirst[good.root] as number, childFirst.length),
      'a negative child': set('childFirst', deep, -2),
      'a failure link that is not shallower (a cycle)': set('fail', deep, deep),
      'a child list that loops': set('sibling', childFirst[good.root] as number, childFirst[good.root] as number),
      'an ending state without literals': set('endingsAt', 2, ints(good.endingsAt)[1] as number),
      'a literal out of range': set('endings', 0, 99),
      'a missing field': { ...good, byteIn: undefined },
    };
    expect(LiteralAutomaton.fromData(good)).toBeDefined();
    for (const [what, data] of Object.entries(damaged)) expect(LiteralAutomaton.fromData(data), what).toBeUndefined();
    // The same, as the binary cache gives them: typed arrays instead of base64.
    const typed = (value: unknown, name: string): unknown => {
      if (typeof value !== 'string') return value;
      const bytes = new Uint8Array(Buffer.from(value, 'base64'));
      return name === 'byteIn' || bytes.length % 4 !== 0 ? bytes : new Int32Array(bytes.buffer);
    };
    const asArrays = (data: unknown): unknown => (typeof data === 'object' && data !== null ? Object.fromEntries(Object.entries(data).map(([name, value]) => [name, typed(value, name)])) : data);
    expect(LiteralAutomaton.fromData(asArrays(good))).toBeDefined();
    for (const [what, data] of Object.entries(damaged)) expect(LiteralAutomaton.fromData(asArrays(data)), `${what}, as arrays`).toBeUndefined();
  });

  it('reports every occurrence of every literal, overlapping ones too, ASCII case folded (property)', () => {
    const literal = fc.array(fc.constantFrom('a', 'b', 'c', 'B'), { minLength: 1, maxLength: 5 }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(fc.array(literal, { minLength: 1, maxLength: 12 }), fc.array(fc.constantFrom('a', 'b', 'c', 'A', 'B', 'x'), { maxLength: 80 }), (literals, chars) => {
        const text = chars.join('');
        const hits = literalHits(literals, text);
        expect(asPairs(hits)).toEqual(occurrencesOf(literals, text));
      }),
      { numRuns: 500 },
    );
  });

  it('reports the same, in order of end, in a buffer long enough to be read as two halves at once (property)', () => {
    const literal = fc.array(fc.constantFrom('a', 'b', 'c', 'B'), { minLength: 1, maxLength: 12 }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(fc.array(literal, { minLength: 1, maxLength: 12 }), fc.integer({ min: 4096, max: 12_000 }), fc.integer(), (literals, length, seed) => {
        // Text from a small alphabet, so literals occur everywhere, the middle included.
        let state = seed >>> 0 || 1;
        const alphabet = 'abcABx';
        const text = Array.from({ length }, () => {
          state ^= state << 13;
          state ^= state >>> 17;
          state ^= state << 5;
          return alphabet[(state >>> 0) % alphabet.length];
        }).join('');
        const hits = literalHits(literals, text);
        const ends = Array.from(hits.end.subarray(0, hits.length));
        expect(ends).toEqual([...ends].sort((a, b) => a - b));
        expect(asPairs(hits)).toEqual(occurrencesOf(literals, text));
      }),
      { numRuns: 100 },
    );
  });
});

describe('Prefilter', () => {
  it("relies on RE2's case folding joining ASCII letters to no code point but LONG S and KELVIN SIGN", () => {
    const all: string[] = [];
    for (let cp = 0x80; cp <= 0x10ffff; cp++) if (cp < 0xd800 || cp > 0xdfff) all.push(String.fromCodePoint(cp));
    const text = Buffer.from(all.join(''), 'utf8');
    const regex = new RE2('(?i)[a-z]', 'gu');
    const partners = new Set<string>();
    for (let match = regex.exec(text); match; match = regex.exec(text)) partners.add((match[0] as unknown as Buffer).toString('utf8'));
    expect([...partners].map((c) => c.codePointAt(0))).toEqual([0x17f, 0x212a]);
  });

  // sksksksk has too many fold spellings for the automaton: RE2 finds it where LONG S or KELVIN occur.
  const keywords = ['secret', 'key', 'api_key', 'sk_', 'ssss', 'contraseña', 'ключ', 'token', 'kk', 'sksksksk'];
  const pieces = ['sksk', 'ſK', 'secret', 'SECRET', 'ſecret', 'Secret', '\u212aey', 'KEY', 'api_Key', 'SK_', 'ſ', '\u212a', 'ssss', 'SSſS', 'CONTRASEÑA', 'contraseña', 'КЛЮЧ', 'ключ', 'tok', 'en', 'x', ' ', '\n', 'é', 'k', 's'];
  const prefilter = new Prefilter(keywords, []);
  const fromBuilt = new Prefilter(keywords, [], prefilter.automaton());

  it('finds exactly the keywords and occurrences the RE2 iu gate did (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (chosen) => {
        const buf = Buffer.from(chosen.join(''), 'utf8');
        // And one handed the automaton already built, as from the cache: it makes no literal bytes of its own.
        for (const result of [prefilter.scan(buf), fromBuilt.scan(buf)]) {
          keywords.forEach((keyword, index) => {
            const spans = result.keywords.get(index);
            const found = spans ? Array.from({ length: spans.count }, (_, i) => `${spans.starts[i]}-${spans.ends[i]}`).sort() : [];
            expect(found, keyword).toEqual(occurrences(keyword, buf).sort());
          });
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('reports each fragment that occurs as spelled, and none that does not occur at all', () => {
    const fragments = encodedKeywordFragments(['secret', 'password']).map((fragment) => fragment.text);
    const withFragments = new Prefilter(['secret'], fragments);
    const set = new RE2.Set(fragments.map(escapeRegex), 'iu');
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...fragments, ...fragments.map((f) => f.toUpperCase()), 'ſ', 'x', '=', '\n'), { maxLength: 20 }), (chosen) => {
        const buf = Buffer.from(chosen.join(''), 'utf8');
        const reported = withFragments.scan(buf).fragments;
        const spelled = fragments.flatMap((fragment, index) => (buf.includes(fragment) ? [index] : []));
        for (const index of spelled) expect(reported).toContain(index);
        const anyCase = set.match(buf);
        for (const index of reported) expect(anyCase).toContain(index);
        expect([...reported].sort((a, b) => a - b)).toEqual(reported);
      }),
      { numRuns: 300 },
    );
  });

  it("finds the default pack's keywords where the RE2 gate did, on text made of them", () => {
    const packKeywords = [...new Set(loadPacks(defaultPackFiles()).flatMap((spec) => spec.keywords))];
    const pack = new Prefilter(packKeywords, []);
    const words = packKeywords.flatMap((keyword) => [keyword, keyword.toUpperCase(), keyword.replace(/s/g, 'ſ').replace(/k/g, '\u212a')]);
    let seed = 7;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const text = Buffer.from(Array.from({ length: 20000 }, () => (next(3) ? (words[next(words.length)] as string) : ' \n=.'[next(4)])).join(''), 'utf8');
    const result = pack.scan(text);
    packKeywords.forEach((keyword, index) => {
      const spans = result.keywords.get(index);
      const found = spans ? Array.from({ length: spans.count }, (_, i) => `${spans.starts[i]}-${spans.ends[i]}`).sort() : [];
      expect(found, keyword).toEqual(occurrences(keyword, text).sort());
    });
  });
});

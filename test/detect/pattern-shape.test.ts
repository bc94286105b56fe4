import fc from 'fast-check';
import RE2 from 're2';
import { describe, expect, it } from 'vitest';
import { defaultPackFiles } from '../../src/rules/pack-files.js';
import { loadPacks } from '../../src/rules/rule-pack.js';
import { patternShape, WHITESPACE_RUN } from '../../src/detect/pattern-shape.js';
import { parseRegex, type RegexNode } from '../../src/detect/regex-syntax.js';

describe('patternShape', () => {
  it('bounds a token pattern in characters and bytes', () => {
    expect(patternShape('\\b(ghp_[A-Za-z0-9]{36})\\b', ['ghp_'])).toMatchObject({ maxChars: 40, maxBytes: 40, maxNewlines: 0, keywordInEveryMatch: true, leadChars: 0 });
  });

  it('counts the bytes RE2 case folding can reach: k and s fold to KELVIN SIGN and LONG S', () => {
    expect(patternShape('(?i)k', []).maxBytes).toBe(3);
    expect(patternShape('(?i)s', []).maxBytes).toBe(2);
    expect(patternShape('(?i)a', []).maxBytes).toBe(1);
    expect(patternShape('k', []).maxBytes).toBe(1);
    expect(patternShape('.', []).maxBytes).toBe(4);
  });

  it('keeps a (?i) to the end of its group, across |, as RE2 does', () => {
    expect(patternShape('(?:a|(?i)b|k)', []).maxBytes).toBe(3);
    expect(patternShape('(?:a|(?i:b)|k)', []).maxBytes).toBe(1);
  });

  it('counts newlines a match can hold', () => {
    expect(patternShape('a\\s*b', []).maxNewlines).toBe(Infinity);
    expect(patternShape('a[^x]b', []).maxNewlines).toBe(1);
    expect(patternShape('a.b', []).maxNewlines).toBe(0);
    expect(patternShape('(?s)a.b', []).maxNewlines).toBe(1);
    expect(patternShape('(?m)^a$', []).maxNewlines).toBe(0);
    expect(patternShape('a[ \\t]+b', []).maxNewlines).toBe(0);
  });

  it('bounds runs of whitespace separately: unbounded only through them', () => {
    const shape = patternShape('key\\s*=\\s*([a-z]{1,10})', ['key']);
    expect(shape.maxChars).toBeUndefined();
    expect(shape.maxCharsShortSpace).toBe(3 + 2 * (WHITESPACE_RUN - 1) + 1 + 10);
    expect(patternShape('key[a-z]+', ['key']).maxCharsShortSpace).toBeUndefined();
  });

  it('proves a keyword in every match, also across pieces and branch by branch', () => {
    expect(patternShape('(?i:sk)_(?:live|test)_[0-9]{4}', ['sk_live_', 'sk_test_']).keywordInEveryMatch).toBe(true);
    expect(patternShape('(?:(?i:mailgun)[^\\r\\n]{0,80}?|api:)\\b(key-[0-9a-f]{32})\\b', ['mailgun', 'api:key-']).keywordInEveryMatch).toBe(true);
    expect(patternShape('[0-9]{8,10}:AA[a-z]{3}', [':aa']).keywordInEveryMatch).toBe(true);
    // A match spelled splunk_access-token holds neither keyword.
    expect(patternShape('splunk[_-]access[_-]token', ['splunk_access_token', 'splunk-access-token']).keywordInEveryMatch).toBe(false);
    expect(patternShape('(?:tok_)?[a-z]{4}', ['tok_']).keywordInEveryMatch).toBe(false);
    expect(patternShape('tok_[a-z]{4}', []).keywordInEveryMatch).toBe(false);
  });

  it('says how far into a match its keyword may start', () => {
    expect(patternShape('(?i)secret[a-z]{0,40}=([a-z0-9]{8,64})', ['secret']).leadChars).toBe(0);
    expect(patternShape('(?i)(?:_pass|pass\\b)=x', ['pass']).leadChars).toBe(1);
    expect(patternShape('[a-z]{0,5}xy', ['xy']).leadChars).toBe(5);
  });

  it('assumes nothing of syntax it does not know', () => {
    for (const pattern of ['a\\Zb', '(?P=name)', 'a{2,1}', '\\p{NoSuchClass}']) {
      expect(patternShape(pattern, ['a'])).toEqual({
        maxChars: undefined,
        maxBytes: undefined,
        maxCharsShortSpace: undefined,
        maxBytesShortSpace: undefined,
        leadChars: undefined,
        leadCharsShortSpace: undefined,
        maxNewlines: Infinity,
        keywordInEveryMatch: false,
      });
    }
  });

  it('bounds most of the default pack', () => {
    const specs = loadPacks(defaultPackFiles());
    const bounded = specs.filter((spec) => {
      const shape = patternShape(spec.pattern, spec.keywords);
      return shape.keywordInEveryMatch && (shape.maxChars !== undefined || shape.maxCharsShortSpace !== undefined || Number.isFinite(shape.maxNewlines));
    });
    expect(bounded.length / specs.length).toBeGreaterThan(0.9);
  });
});

// Random patterns over a small alphabet, tried at every start of random texts: what RE2 matches
// must stay within what the analysis claims.
const ATOMS = ['a', 'b', 'k', 's', ' ', '\\n', '[^x]', '[^y]', 'é', '\\x{17F}', '[ab]', '[^a]', '[a-z]', '[ \\t\\n]', '\\s', '\\w', '\\W', '.', '(?s:.)', '\\b', '^', '$', '(?m:^)', '(?m:$)', '\\d'];
const QUANTIFIERS = ['', '', '', '', '', '*', '+', '?', '?', '{0,3}', '{2}', '{1,2}', '{1,}', '*?', '{0,40}'];
const KEYWORDS = ['ab', 'ks', 'sk', 'ba', 'a b', 'kk'];

const pattern: fc.Arbitrary<string> = fc.letrec<{ alt: string; seq: string; item: string }>((tie) => ({
  alt: fc.array(tie('seq'), { minLength: 1, maxLength: 3 }).map((seqs) => seqs.join('|')),
  seq: fc.array(tie('item'), { minLength: 1, maxLength: 4 }).map((items) => items.join('')),
  item: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.tuple(fc.constantFrom(...ATOMS, ...KEYWORDS, ...KEYWORDS, ...KEYWORDS), fc.constantFrom(...QUANTIFIERS)).map(([atom, q]) => (q && atom.length > 1 && !atom.startsWith('[') && !atom.startsWith('\\') && !atom.startsWith('(') ? `(?:${atom})${q}` : atom + q)),
    fc.tuple(fc.constantFrom('(?:', '(', '(?i:', '(?i)(?:'), tie('alt'), fc.constantFrom(...QUANTIFIERS)).map(([open, inner, q]) => `${open}${inner})${q}`),
  ),
})).alt;

const TEXT_PIECES = ['a', 'b', 'k', 's', 'K', 'S', '\u017f', '\u212a', 'é', ' ', '\n', '\t', '_', '1', 'ab', 'sk', 'ks', 'a b', 'AB', 'kK', ' '.repeat(WHITESPACE_RUN + 3)];

/** A string the pattern may match (anchors aside), drawn with `next` in [0, 1): so texts hold matches. */
function sample(node: RegexNode, next: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  switch (node.kind) {
    case 'empty':
      return '';
    case 'chars': {
      // Newlines and spaces are where bounds go wrong: drawn more often than their share.
      if (node.set.ascii[0x0a] && next() < 0.3) return '\n';
      if (node.set.ascii[0x20] && next() < 0.3) return ' ';
      const members = [...node.set.ascii].flatMap((bit, c) => (bit ? [String.fromCharCode(c)] : []));
      for (const [lo, hi] of node.set.upper.slice(0, 4)) members.push(String.fromCodePoint(lo), String.fromCodePoint(Math.min(hi, lo + 300)));
      return members.length ? pick(members) : '';
    }
    case 'concat':
      return node.items.map((item) => sample(item, next)).join('');
    case 'alt':
      return sample(pick(node.items), next);
    case 'repeat': {
      const count = node.min + Math.floor(next() * (Math.min(node.max, node.min + 3) - node.min + 1));
      return Array.from({ length: count }, () => sample(node.item, next)).join('');
    }
  }
}

function compiles(source: string): RE2 | undefined {
  try {
    return new RE2(source, 'yu');
  } catch {
    return undefined;
  }
}

describe('patternShape against RE2 (property)', () => {
  it('no match is longer, holds more newlines or lacks a keyword where the analysis says otherwise', () => {
    fc.assert(
      fc.property(pattern, fc.subarray(KEYWORDS, { minLength: 1 }), fc.array(fc.constantFrom(...TEXT_PIECES), { maxLength: 30 }), fc.array(fc.double({ min: 0, max: 0.999, noNaN: true }), { minLength: 1, maxLength: 64 }), (source, keywords, pieces, draws) => {
        const regex = compiles(source);
        fc.pre(regex !== undefined);
        const shape = patternShape(source, keywords);
        let drawn = 0;
        const sampled = sample(parseRegex(source), () => draws[drawn++ % draws.length] as number);
        const at = Math.floor((draws[0] as number) * (pieces.length + 1));
        const text = Buffer.from([...pieces.slice(0, at), sampled, ...pieces.slice(at)].join(''), 'utf8');
        const keywordRegexes = keywords.map((keyword) => new RE2(keyword.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&'), 'giu'));
        for (let start = 0; start <= text.length; start++) {
          (regex as RE2).lastIndex = start;
          const match = (regex as RE2).exec(text);
          if (!match || match.index !== start) continue;
          const bytes = match[0] as unknown as Buffer;
          const chars = [...bytes.toString('utf8')].length;
          const newlines = bytes.filter((byte) => byte === 0x0a).length;
          const longSpace = /[\t\n\v\f\r ]{32,}/.test(bytes.toString('latin1'));
          if (shape.maxBytes !== undefined) expect(bytes.length).toBeLessThanOrEqual(shape.maxBytes);
          if (shape.maxChars !== undefined) expect(chars).toBeLessThanOrEqual(shape.maxChars);
          if (!longSpace && shape.maxBytesShortSpace !== undefined) expect(bytes.length).toBeLessThanOrEqual(shape.maxBytesShortSpace);
          if (!longSpace && shape.maxCharsShortSpace !== undefined) expect(chars).toBeLessThanOrEqual(shape.maxCharsShortSpace);
          expect(newlines).toBeLessThanOrEqual(shape.maxNewlines);
          if (!shape.keywordInEveryMatch) continue;
          // Where keywords start in the match, in characters.
          const starts: number[] = [];
          for (const keywordRegex of keywordRegexes) {
            keywordRegex.lastIndex = 0;
            for (let hit = keywordRegex.exec(bytes); hit; hit = keywordRegex.exec(bytes)) {
              starts.push([...bytes.subarray(0, hit.index).toString('utf8')].length);
              keywordRegex.lastIndex = hit.index + 1;
            }
          }
          expect(starts.length).toBeGreaterThan(0);
          if (shape.leadChars !== undefined) expect(Math.min(...starts)).toBeLessThanOrEqual(shape.leadChars);
          if (!longSpace && shape.leadCharsShortSpace !== undefined) expect(Math.min(...starts)).toBeLessThanOrEqual(shape.leadCharsShortSpace);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

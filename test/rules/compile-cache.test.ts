import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileRules, type CompiledRules } from '../../src/detect/compile.js';
import type { PrefilterResult } from '../../src/detect/prefilter.js';
import type { RuleSpec } from '../../src/model/rule.js';
import { fromEntry, toEntry } from '../../src/rules/compile-cache.js';
import { readBinaryCacheEntry, writeBinaryCacheEntry, type BinaryEntry } from '../../src/util/cache-file.js';
import { tempDir } from '../helpers/temp.js';
import { testRule } from '../helpers/rules.js';

// Keywords with s and k (folded as LONG S and KELVIN SIGN too), one non-ASCII, one of many s and k,
// and enough of them for encoded fragments.
const SPECS: RuleSpec[] = [
  testRule({ id: 'a', pattern: 'sk_live_[a-z0-9]{8}', keywords: ['sk_live_', 'secret'] }),
  testRule({ id: 'b', pattern: 'tok_[a-z]{4}', keywords: ['tok_', 'token'], paths: { include: ['**/*.env'] } }),
  testRule({ id: 'c', pattern: 'ключ=\\w+', keywords: ['ключ'] }),
  testRule({ id: 'd', pattern: 'kskssks\\w+', keywords: ['kskssks'] }),
  testRule({ id: 'e', pattern: '(?P<v>xoxb-\\d+)', keywords: ['xoxb-'], secretGroup: 'v' }),
];

function spans(result: PrefilterResult): string[] {
  const keywords = [...result.keywords].map(([index, s]) => `${index}:${Array.from({ length: s.count }, (_, i) => `${s.starts[i]}-${s.ends[i]}`).join(',')}`);
  return [...keywords.sort(), `fragments:${result.fragments.join(',')}`];
}

/** What the gate finds in `text` with these compiled rules. */
const gate = (compiled: CompiledRules, text: string) => spans(compiled.prefilter.scan(Buffer.from(text, 'utf8')));

describe('compiled rules cache (binary)', () => {
  it('round trip: the entry gives back an automaton, fragments and reaches that find what a fresh compile finds', () => {
    const fresh = compileRules(SPECS);
    const entry = toEntry(fresh);
    expect(entry).toBeDefined();
    const pre = fromEntry(entry as NonNullable<typeof entry>);
    expect(pre?.fragments).toEqual(fresh.fragments);
    const again = compileRules(SPECS, pre);
    expect(again.fromPrecompiled).toBe(true);
    expect(again.rules.map((rule) => rule.reach)).toEqual(fresh.rules.map((rule) => rule.reach));
    const alphabet = ['s', 'S', 'k', 'K', 'ſ', 'K', '_', 'live', 'tok', 'en', 'secret', 'ключ', 'КЛЮЧ', 'xoxb-', 'c2VjcmV0', 'dG9rZW4', ' ', '\n', 'é'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 60 }), (pieces) => {
        const text = pieces.join('');
        expect(gate(again, text)).toEqual(gate(fresh, text));
      }),
      { numRuns: 300 },
    );
  });

  it('gives nothing to trust from a damaged entry: compiling works out again what does not hold, with the same results', () => {
    const reference = compileRules(SPECS);
    const sample = 'secret sk_live_12345678 ſecret tok_abcd ключ KſKſſKſ c2VjcmV0 xoxb-1';
    const dir = tempDir();
    const key = 'f'.repeat(64);
    const good = toEntry(reference) as BinaryEntry;
    /** The entry as written and read back after `edit` (whole: a valid digest, for its key). */
    const damaged = (edit: (entry: { value: Record<string, unknown>; parts: Uint8Array[] }) => void): BinaryEntry => {
      const entry = { value: structuredClone(good.value) as Record<string, unknown>, parts: good.parts.map((part) => Uint8Array.from(part)) };
      edit(entry);
      writeBinaryCacheEntry(dir, 'compiled', key, entry, 8);
      return readBinaryCacheEntry(dir, 'compiled', key) as BinaryEntry;
    };
    const int32View = (part: Uint8Array) => new Int32Array(part.buffer, part.byteOffset, part.byteLength / 4);
    const cases: Record<string, BinaryEntry> = {
      // Every failure link points to the state itself: a scan would never end.
      'a looping automaton': damaged(({ parts }) => {
        const fail = int32View(parts[2] as Uint8Array);
        for (let state = 0; state < fail.length; state++) fail[state] = state;
      }),
      'a child out of range': damaged(({ parts }) => {
        const childFirst = int32View(parts[0] as Uint8Array);
        childFirst[1] = childFirst.length + 5;
      }),
      'an array cut short': damaged(({ parts }) => {
        parts[1] = (parts[1] as Uint8Array).subarray(0, 8);
      }),
      'an array of odd length': damaged(({ parts }) => {
        parts[4] = (parts[4] as Uint8Array).subarray(0, 3);
      }),
      'a part missing': damaged(({ parts }) => void parts.pop()),
      'a fragment encoding unknown': damaged(({ parts }) => {
        (parts[7] as Uint8Array)[0] = 9;
      }),
      'fragments miscounted': damaged(({ value }) => {
        value.fragments = (value.fragments as number) + 1;
      }),
      'a root out of range': damaged(({ value }) => {
        value.root = 1e9;
      }),
      'reaches that are not reaches': damaged(({ value }) => {
        value.reaches = (value.reaches as unknown[]).map(() => ({ kind: 'length', chars: -1 }));
      }),
      'no header': damaged((entry) => {
        entry.value = null as unknown as Record<string, unknown>;
      }),
    };
    for (const [what, entry] of Object.entries(cases)) {
      const compiled = compileRules(SPECS, fromEntry(entry));
      expect(compiled.fromPrecompiled, what).toBe(false);
      expect(gate(compiled, sample), what).toEqual(gate(reference, sample));
    }
  });

  it('reads back from a file exactly the parts written', () => {
    const fresh = compileRules(SPECS);
    const dir = tempDir();
    const entry = toEntry(fresh) as BinaryEntry;
    writeBinaryCacheEntry(dir, 'compiled', 'e'.repeat(64), entry, 8);
    const read = readBinaryCacheEntry(dir, 'compiled', 'e'.repeat(64));
    expect(read?.parts.map((part) => Buffer.from(part).toString('hex'))).toEqual(entry.parts.map((part) => Buffer.from(part).toString('hex')));
    expect(compileRules(SPECS, fromEntry(read as BinaryEntry)).fromPrecompiled).toBe(true);
  });
});

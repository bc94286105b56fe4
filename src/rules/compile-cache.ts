import { endianness } from 'node:os';
import { cacheDir } from '../util/cache-dir.js';
import { CacheKey, readBinaryCacheEntry, writeBinaryCacheEntry, type BinaryEntry } from '../util/cache-file.js';
import { compileRules, type CompiledRules, type Precompiled } from '../detect/compile.js';
import type { KeywordFragment } from '../detect/decode/keyword-fragments.js';
import { storedReach } from '../detect/match-window.js';
import type { AutomatonArrays } from '../detect/literal-automaton.js';
import type { RuleSpec } from '../model/rule.js';

const KIND = 'compiled';
// The modules whose code decides what precompiled data holds.
const MODULES = ['../detect/compile.js', '../detect/prefilter.js', '../detect/literal-automaton.js', '../detect/match-window.js', '../detect/pattern-shape.js', '../detect/regex-syntax.js', '../detect/decode/keyword-fragments.js'];
// One entry per distinct rule set in use (a config's packs, a --rules); old ones go.
const KEPT_ENTRIES = 8;

/**
 * The entry is binary (util/cache-file.ts): the automaton's arrays as their bytes, viewed in place
 * on reading, and the fragments as one text. As JSON with base64 arrays, decoding it took most of
 * a pre-commit scan's rule compiling (715 rules: 38,000 states, 8,200 fragments).
 */
interface Header {
  readonly literals: number;
  readonly root: number;
  readonly firstPlain: number;
  readonly fragments: number;
  /** Per rule, in order (storedReach form). */
  readonly reaches: readonly unknown[];
}

// The parts, in order: the automaton's arrays (see AutomatonArrays), then the fragments' texts
// (one line each, in UTF-8) and their encodings (a byte each).
const INT32_PARTS = ['childFirst', 'sibling', 'fail', 'endingsAt', 'endings'] as const;
const ENCODINGS: readonly KeywordFragment['encoding'][] = ['base64', 'hex'];

function keyOf(specs: readonly RuleSpec[]): string {
  return (
    new CacheKey()
      .add('rules', JSON.stringify(specs.map((spec) => [spec.pattern, spec.keywords])))
      .addModules(import.meta.url, MODULES)
      // Typed arrays are stored in this machine's byte order.
      .add('byte order', endianness())
      .digest()
  );
}

/** The entry for the precompiled data of `compiled`, or undefined when its fragments cannot be stored one a line. */
export function toEntry(compiled: CompiledRules): BinaryEntry | undefined {
  const arrays = compiled.prefilter.automaton().toArrays();
  const texts = compiled.fragments.map((fragment) => fragment.text);
  if (texts.some((text) => text.includes('\n'))) return undefined;
  const header: Header = { literals: arrays.literals, root: arrays.root, firstPlain: arrays.firstPlain, fragments: texts.length, reaches: compiled.rules.map((rule) => storedReach(rule.reach)) };
  const bytes = (array: Int32Array): Uint8Array => new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
  return {
    value: header,
    parts: [...INT32_PARTS.map((name) => bytes(arrays[name])), arrays.byteIn, Buffer.from(texts.join('\n'), 'utf8'), Uint8Array.from(compiled.fragments, (fragment) => ENCODINGS.indexOf(fragment.encoding))],
  };
}

/** An Int32Array over `part`'s bytes, in place when they are aligned for one. */
function int32s(part: Uint8Array): Int32Array | undefined {
  if (part.byteLength % 4 !== 0) return undefined;
  if (part.byteOffset % 4 === 0) return new Int32Array(part.buffer, part.byteOffset, part.byteLength / 4);
  return new Int32Array(part.slice().buffer);
}

/**
 * The precompiled data an entry holds, or undefined when its outline is wrong. compileRules checks
 * the rest (the automaton's structure, each reach) and works out again what is not well formed.
 */
export function fromEntry(entry: BinaryEntry): Precompiled | undefined {
  const header = entry.value as Partial<Header> | null;
  if (typeof header !== 'object' || header === null || !Array.isArray(header.reaches) || !Number.isSafeInteger(header.fragments)) return undefined;
  if (entry.parts.length !== INT32_PARTS.length + 3) return undefined;
  const [childFirst, sibling, fail, endingsAt, endings] = entry.parts.slice(0, INT32_PARTS.length).map(int32s);
  const [byteIn, texts, encodings] = entry.parts.slice(INT32_PARTS.length) as [Uint8Array, Uint8Array, Uint8Array];
  if (!childFirst || !sibling || !fail || !endingsAt || !endings) return undefined;
  const count = header.fragments as number;
  const lines = count === 0 ? [] : Buffer.from(texts.buffer, texts.byteOffset, texts.byteLength).toString('utf8').split('\n');
  if (lines.length !== count || encodings.length !== count) return undefined;
  const fragments: KeywordFragment[] = [];
  for (let i = 0; i < count; i++) {
    const encoding = ENCODINGS[encodings[i] as number];
    if (encoding === undefined) return undefined;
    fragments.push({ text: lines[i] as string, encoding });
  }
  const automaton: AutomatonArrays = { literals: header.literals as number, root: header.root as number, firstPlain: header.firstPlain as number, childFirst, sibling, fail, byteIn, endingsAt, endings };
  return { fragments, automaton, reaches: header.reaches as Precompiled['reaches'] };
}

/**
 * compileRules(), with the precompiled data read from the user's cache when these rules were
 * compiled before. An entry that is missing, damaged or not well formed is written anew; a cache
 * that cannot be read or written only costs the time.
 */
export function compileRulesCached(specs: readonly RuleSpec[]): CompiledRules {
  const dir = cacheDir();
  let key: string | undefined;
  try {
    key = dir === undefined ? undefined : keyOf(specs);
  } catch {
    key = undefined;
  }
  const entry = dir !== undefined && key !== undefined ? readBinaryCacheEntry(dir, KIND, key) : undefined;
  const compiled = compileRules(specs, entry && fromEntry(entry));
  if (dir !== undefined && key !== undefined && !compiled.fromPrecompiled) {
    try {
      const fresh = toEntry(compiled);
      if (fresh) writeBinaryCacheEntry(dir, KIND, key, fresh, KEPT_ENTRIES);
    } catch {
      // The scan stands without its cache entry.
    }
  }
  return compiled;
}

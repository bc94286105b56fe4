import { type Dirent, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileRules, type CompiledRules } from '../../src/detect/compile.js';
import { detect } from '../../src/detect/engine.js';
import type { RuleSpec } from '../../src/model/rule.js';
import { defaultPackFiles } from '../../src/rules/pack-files.js';
import { loadPacks } from '../../src/rules/rule-pack.js';
import { RULES_DIR } from '../../src/util/paths.js';
import { testRule } from '../helpers/rules.js';
import { secretCorpus } from '../helpers/secret-corpus.js';
import { fakeAwsAccessKeyId, fakeDemoToken, fakeGithubToken, randomString } from '../helpers/tokens.js';

/**
 * Windowed matching must find exactly what running every candidate rule over the whole buffer
 * finds (the engine before windows, kept as `windowed: false`): same findings, same order.
 */
function expectSameFindings(compiled: CompiledRules, buf: Buffer, file: string): number {
  const options = { decodeDepth: 2 };
  const windowed = detect(compiled, buf, file, { ...options, windowed: true });
  const whole = detect(compiled, buf, file, { ...options, windowed: false });
  expect(windowed, file).toEqual(whole);
  return whole.length;
}

const packSpecs = loadPacks([...defaultPackFiles(), path.join(RULES_DIR, 'entropy.yaml')]);
const pack = compileRules(packSpecs);
// Group Sets compiled at once rather than after thousands of hits, so short texts go through them.
const packGrouped = compileRules(packSpecs, undefined, 0);

/**
 * Every rule again under another id (as the benchmark's tripled pack has them): each keyword then
 * unlocks a group of rules, anchored or windowed, that one Set gates before any rule runs.
 */
function twice(specs: readonly RuleSpec[]): RuleSpec[] {
  return [...specs, ...specs.map((spec) => ({ ...spec, id: `${spec.id}-again` }))];
}
const packTwice = compileRules(twice(packSpecs), undefined, 0);

/** A deterministic generator, so a failure names text that can be made again. */
function lcg(seed: number): (n: number) => number {
  let state = seed >>> 0 || 1;
  return (n) => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return (state >>> 8) % n;
  };
}

/** Text files of the repository's own node_modules (there after npm ci): real code, up to `cap` bytes. */
function nodeModulesText(cap: number): [string, Buffer][] {
  const root = path.resolve('node_modules');
  const files: [string, Buffer][] = [];
  let total = 0;
  const walk = (dir: string): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    } catch {
      return;
    }
    for (const entry of entries) {
      if (total >= cap) return;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && !entry.isSymbolicLink()) walk(full);
      else if (entry.isFile() && /\.(?:[cm]?js|ts|json|md|ya?ml)$/.test(entry.name) && statSync(full).size < 512 * 1024) {
        const buf = readFileSync(full);
        if (buf.includes(0)) continue;
        files.push([path.relative(root, full), buf]);
        total += buf.length;
      }
    }
  };
  walk(root);
  return files;
}

/** Fake credentials of several rules' shapes, in the ways code writes them. */
function plantedLine(next: (n: number) => number): string {
  const lines = [
    () => `const token = "${fakeGithubToken()}";`,
    () => `AWS_ACCESS_KEY_ID=${fakeAwsAccessKeyId()}`,
    () => `aws_secret_access_key = "${randomString(40)}"`,
    () => `  password: "Pw${randomString(14)}7",`,
    () => `export API_KEY=${randomString(32)}`,
    () => `Authorization: Bearer ${randomString(40)}`,
    () => `"client_secret"  :\n\n      "${randomString(20)}9"`,
    () => `url = "https://admin:${randomString(12)}3@db.internal:5432/app"`,
    () => `dmo = ${fakeDemoToken()}`,
    () => `blob: ${Buffer.from(`password=${randomString(16)}4`).toString('base64')}`,
    () => `password${' '.repeat(700)}= "${randomString(24)}8"`,
    () => `client_secret:\n${' '.repeat(36)}\n    "${randomString(22)}5"`,
  ];
  return (lines[next(lines.length)] as () => string)();
}

function withPlanted(buf: Buffer, next: (n: number) => number, count: number): Buffer {
  const text = buf.toString('utf8');
  const cuts = Array.from({ length: count }, () => next(text.length + 1)).sort((a, b) => a - b);
  let out = '';
  let from = 0;
  for (const cut of cuts) {
    out += `${text.slice(from, cut)}\n${plantedLine(next)}\n`;
    from = cut;
  }
  return Buffer.from(out + text.slice(from), 'utf8');
}

describe('windowed matching finds what whole-buffer matching finds', () => {
  it('on every example and negative of every rule, also with group Sets from the first hit', () => {
    for (const spec of packSpecs) {
      for (const example of [...spec.examples, ...spec.negatives]) {
        expectSameFindings(pack, Buffer.from(example.text, 'utf8'), example.path ?? 'example.txt');
        expectSameFindings(packGrouped, Buffer.from(example.text, 'utf8'), example.path ?? 'example.txt');
      }
    }
  });

  it('on the secret corpus, also with every rule twice', () => {
    for (const [file, text] of Object.entries(secretCorpus().files)) {
      expectSameFindings(pack, Buffer.from(text, 'utf8'), file);
      expectSameFindings(packTwice, Buffer.from(text, 'utf8'), file);
    }
  });

  it('on a few MB of real code with fake credentials planted in it, also with group Sets from the first hit', () => {
    const next = lcg(12);
    const files = nodeModulesText(3 * 1024 * 1024);
    expect(files.length).toBeGreaterThan(20);
    let found = 0;
    for (const [file, buf] of files) {
      const planted = withPlanted(buf, next, 1 + next(4));
      found += expectSameFindings(pack, planted, file);
      expectSameFindings(packGrouped, planted, file);
    }
    // Most planted credentials are found: the comparison is about findings, not about nothing.
    expect(found).toBeGreaterThan(files.length);
  });

  it('on keyword-dense code with fake credentials planted in it, also with every rule twice', () => {
    const next = lcg(34);
    const names = ['token', 'accessToken', 'apiKey', 'secret', 'password', 'auth', 'value', 'user', 'config', 'SECRET_KEY', 'passwd'];
    const shapes = [
      (a: string, b: string) => `const ${a} = await load(${b}, ${next(1000)});`,
      (a: string, b: string) => `  ${a}: process.env.${b.toUpperCase()},`,
      (a: string, b: string) => `if (!${a} || ${b}.length > ${next(90)}) { return null; }`,
      (a: string, b: string) => `// refresh the ${a} before the ${b} expires`,
      (a: string) => `${a} = "${'x'.repeat(next(30))}"`,
    ];
    for (let file = 0; file < 40; file++) {
      const lines: string[] = [];
      for (let i = 0; i < 400; i++) {
        const pick = () => names[next(names.length)] as string;
        lines.push((shapes[next(shapes.length)] as (a: string, b: string) => string)(pick(), pick()));
        if (next(60) === 0) lines.push(plantedLine(next));
      }
      const buf = Buffer.from(lines.join(next(2) ? '\n' : '\r\n'), 'utf8');
      expectSameFindings(pack, buf, `src/file${file}.ts`);
      expectSameFindings(packTwice, buf, `src/file${file}.ts`);
    }
  });
});

// Rules whose matches the edges of a window could change: anchors, word boundaries, lazy and
// greedy runs, alternatives of different lengths, whitespace, lines, a keyword not at the start.
const edgeRules: RuleSpec[] = [
  testRule({ id: 'word', pattern: '\\bedge_[a-z]{4}\\b', keywords: ['edge_'] }),
  testRule({ id: 'line', pattern: '(?m)^key=([a-z0-9]{6,8})$', keywords: ['key='] }),
  testRule({ id: 'text-start', pattern: '^start[a-z]{0,3}', keywords: ['start'] }),
  testRule({ id: 'text-end', pattern: '[a-z]{0,5}mid[0-9]{1,3}$', keywords: ['mid'] }),
  testRule({ id: 'spaced', pattern: '(?i)pass\\s*[:=]\\s*([a-z0-9]{3,10})', keywords: ['pass'] }),
  testRule({ id: 'alternatives', pattern: 'tok(?:en)?[0-9]{2}|token[0-9]{4}', keywords: ['tok'] }),
  testRule({ id: 'lazy-line', pattern: 'aa[a-z ]*?b', keywords: ['aa'] }),
  testRule({ id: 'across-lines', pattern: 'xx[\\s\\S]{0,10}yy', keywords: ['xx'] }),
  testRule({ id: 'boundary-or-q', pattern: '(?:\\b|q)zz[0-9]+', keywords: ['zz'] }),
  testRule({ id: 'greedy-tail', pattern: 'gg[0-9a-z]{2,12}', keywords: ['gg'] }),
  testRule({ id: 'folded', pattern: '(?i)sk[a-z]{3}', keywords: ['sk'] }),
  testRule({ id: 'lead-3', pattern: '[^ \\n]{0,3}kw[0-9]{1,2}', keywords: ['kw'] }),
  testRule({ id: 'two-lines', pattern: 'nn[a-z ]*\\n[a-z ]*\\n[a-z ]*end', keywords: ['nn'] }),
];
const edges = compileRules(edgeRules);
const edgesTwice = compileRules(twice(edgeRules), undefined, 0);
const FILLER = ['a', 'b', 'q', 'z', '0', '7', ' ', '  ', '\n', '\t', '=', ':', '_', 'é', 'ſ', '\u212a', 'x', 'y'];
const HOTS = ['edge_', 'key=', 'start', 'mid', 'pass', 'PASS', 'tok', 'token', 'aa', 'xx', 'yy', 'zz', 'gg', 'sk', 'ſk', 'S\u212a', 'nn', 'end', 'kw', 'kw1', 'ékw', ' '.repeat(40), '\n'.repeat(3)];
// Matches a long run of whitespace or several lines make: where windows are widest.
const SPREAD = [`pass${' '.repeat(100)}:abc123`, `PASS\n${' '.repeat(90)}= x9y8z7`, 'nn a\nbb\nc end', 'nn\n\nend', 'nn a\n\n\nend'];

describe('windowed matching at window edges (property)', () => {
  it('finds the same as whole-buffer matching in long text with keywords here and there', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 30 }), fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.array(fc.constantFrom(...HOTS, ...FILLER, ...SPREAD), { minLength: 1, maxLength: 8 })), { maxLength: 12 }), (seed, plants) => {
        const next = lcg(seed);
        // Filler long enough that windows around the plants cover little of it.
        const filler = Array.from({ length: 600 + next(2000) }, () => FILLER[next(FILLER.length)] as string);
        for (const [where, pieces] of plants) filler.splice(Math.floor(where * filler.length), 0, ...pieces);
        const buf = Buffer.from(filler.join(''), 'utf8');
        expectSameFindings(edges, buf, 'file.txt');
        expectSameFindings(edgesTwice, buf, 'file.txt');
      }),
      { numRuns: 400 },
    );
  });
});

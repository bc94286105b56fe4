import { describe, expect, it } from 'vitest';
import { compileRules } from '../../src/detect/compile.js';
import { PathNames } from '../../src/pipeline/path-names.js';
import { scanNames, type NameItem } from '../../src/pipeline/scan-names.js';
import { testRule } from '../helpers/rules.js';
import { fakeDemoToken } from '../helpers/tokens.js';

const demo = testRule({ id: 'demo', pattern: '\\b(dmo_[A-Za-z0-9]{24})\\b', keywords: ['dmo_'] });
// Context on the line before the secret: a keyword in one item must not vouch for text in the next.
const twoLines = testRule({ id: 'two-lines', pattern: 'BEGIN\\n(dmo_[A-Za-z0-9]{24})', keywords: ['BEGIN'], filters: [] });
// A secret that may span lines, as a private key does.
const block = testRule({ id: 'block', pattern: '(BEGIN[\\s\\S]*?END)', keywords: ['BEGIN'], filters: [] });
const settings = { maxFileSize: 1 << 20, inlineAllow: true };

function found(items: NameItem[], specs = [demo]) {
  return scanNames(compileRules(specs), 'commit-message', items, settings).map(({ item, finding }) => ({
    item: item.path,
    foundIn: finding.foundIn,
    path: finding.path,
    at: [finding.startLine, finding.startColumn, finding.endLine],
    lineText: finding.lineText,
  }));
}

describe('scanNames', () => {
  it('maps each finding back to its item, with lines and columns counted within it (LF, CRLF and lone CR)', () => {
    const [a, b, c] = [fakeDemoToken(), fakeDemoToken(), fakeDemoToken()];
    const items = [
      { text: 'no secret here', path: 'one' },
      { text: `subject\r\n\r\nbody ${a}`, path: 'two' },
      { text: `é ${b}\rafter ${c}`, path: 'three' },
    ];
    expect(found(items)).toEqual([
      { item: 'two', foundIn: 'commit-message', path: 'two', at: [3, 6, 3], lineText: `body ${a}` },
      { item: 'three', foundIn: 'commit-message', path: 'three', at: [1, 3, 1], lineText: `é ${b}` },
      { item: 'three', foundIn: 'commit-message', path: 'three', at: [2, 7, 2], lineText: `after ${c}` },
    ]);
  });

  it('never joins two items in one match: a keyword in one, the secret in the next', () => {
    const token = fakeDemoToken();
    expect(found([{ text: 'BEGIN', path: 'first' }, { text: token, path: 'second' }], [twoLines])).toEqual([]);
    expect(found([{ text: `BEGIN\n${token}`, path: 'whole' }], [twoLines])).toMatchObject([{ item: 'whole', at: [2, 1, 2] }]);
    expect(found([{ text: 'BEGIN', path: 'first' }, { text: 'END', path: 'second' }], [block])).toEqual([]);
    expect(found([{ text: 'BEGIN\nEND', path: 'whole' }], [block])).toMatchObject([{ item: 'whole', at: [1, 1, 2] }]);
  });

  it('leaves to another item what starts before `from` (an archive name before its entry)', () => {
    const [outer, inner] = [fakeDemoToken(), fakeDemoToken()];
    const text = `${outer}.zip!dir/${inner}.txt`;
    expect(found([{ text, path: text, from: outer.length + 5 }]).map((f) => f.at)).toEqual([[1, outer.length + 10, 1]]);
  });

  it('scans many items in one pass: a batch of thousands finds each planted token at its item', () => {
    const tokens = new Map<number, string>([
      [17, fakeDemoToken()],
      [4321, fakeDemoToken()],
    ]);
    const items = Array.from({ length: 5000 }, (_, i) => ({ text: tokens.has(i) ? `msg ${i} ${tokens.get(i)}` : `msg ${i}`, path: String(i) }));
    expect(found(items).map((f) => f.item)).toEqual(['17', '4321']);
  });
});

describe('PathNames', () => {
  it('gives each file its own name to scan and each directory once, allowlisted only when every file below is', () => {
    const names = new PathNames();
    const files = [
      names.file('/work/tree/a/b/one.txt', false, 11),
      names.file('/work/tree/a/b/two.txt', true, 11),
      names.file('/work/tree/a/c/three.txt', true, 11),
      names.file('/work/tree/top.txt', false, 11),
    ];
    expect(files.map((f) => [f.path.slice(f.from), f.allowlisted])).toEqual([
      ['one.txt', false],
      ['two.txt', true],
      ['three.txt', true],
      ['top.txt', false],
    ]);
    // The tree's own directories, never the part of the path the user named (/work/tree).
    expect([...names.directories()].map((d) => [d.path.slice(d.from), d.path, d.allowlisted]).sort()).toEqual([
      ['a', '/work/tree/a', false],
      ['b', '/work/tree/a/b', false],
      ['c', '/work/tree/a/c', true],
    ]);
  });
});

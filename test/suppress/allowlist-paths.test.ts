import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileAllowlist } from '../../src/suppress/allowlist.js';

const BASE = path.resolve('/repo');
const skips = (patterns: string[]) => {
  const allowlist = compileAllowlist({ paths: patterns, regexes: [], lines: [], stopwords: [], contexts: [] }, BASE);
  return (relative: string) => allowlist.skipsFile(path.join(BASE, relative));
};

describe('allowlist.paths, read as .gitignore reads patterns', () => {
  it('a name with no slash matches at any depth, and everything below a directory of that name', () => {
    const docs = skips(['docs']);
    expect(['docs/a.md', 'docs/deep/b.md', 'pkg/docs/c.md', 'docs'].map(docs)).toEqual([true, true, true, true]);
    expect(['documents/a.md', 'src/docs.ts'].map(docs)).toEqual([false, false]);
  });

  it('a wildcard with no slash matches files at any depth', () => {
    const rst = skips(['*.rst']);
    expect(['a.rst', 'guide/b.rst', 'x/y/z/c.rst'].map(rst)).toEqual([true, true, true]);
    expect(rst('a.rst.txt')).toBe(false);
  });

  it('a leading or inner slash anchors to the config directory', () => {
    const anchored = skips(['/build', 'src/gen']);
    expect(['build/out.js', 'src/gen/x.ts', 'src/gen/deep/y.ts'].map(anchored)).toEqual([true, true, true]);
    expect(['lib/build/out.js', 'pkg/src/gen/x.ts'].map(anchored)).toEqual([false, false]);
  });

  it('a trailing slash matches directories only, and globs with ** work as before', () => {
    const dirs = skips(['vendor/', 'test/fixtures/**']);
    expect(['vendor/a.js', 'lib/vendor/b.js', 'test/fixtures/k.pem'].map(dirs)).toEqual([true, true, true]);
    expect(['vendor', 'test/fixtures.ts'].map(dirs)).toEqual([false, false]);
  });

  it('never reaches outside the config directory', () => {
    const allowlist = compileAllowlist({ paths: ['*.env'], regexes: [], lines: [], stopwords: [], contexts: [] }, BASE);
    expect(allowlist.skipsFile(path.resolve('/elsewhere/a.env'))).toBe(false);
  });
});

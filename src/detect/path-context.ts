import type { Finding, FindingLocation } from '../model/finding.js';

/**
 * What kind of place a file is, by its path: tests, documentation or examples. Findings there keep
 * their severity; reports say where they are, and a config may drop them (`allowlist.contexts`).
 */
export type PathContext = 'test' | 'docs' | 'example';
export const PATH_CONTEXTS: readonly PathContext[] = ['test', 'docs', 'example'];

// File names first: a test file in examples/ is a test, a README in tests/ is documentation.
const TEST_FILE = /(?:\.test|_test|\.spec)\.[^/]+$/i;
const DOCS_FILE = /\.(?:md|markdown)$/i;
const DIRECTORIES: ReadonlyMap<string, PathContext> = new Map([
  ['test', 'test'],
  ['tests', 'test'],
  ['__tests__', 'test'],
  ['spec', 'test'],
  ['fixtures', 'test'],
  ['testdata', 'test'],
  ['docs', 'docs'],
  ['doc', 'docs'],
]);

/**
 * The context of a path ("/"-separated; a file inside an archive is `archive!inner/path`, and both
 * parts count), or undefined for ordinary code. Of several directories, the nearest one names it.
 */
export function pathContext(path: string): PathContext | undefined {
  const segments = path.split(/[/\\!]/);
  const name = segments[segments.length - 1] ?? '';
  if (TEST_FILE.test(name)) return 'test';
  if (DOCS_FILE.test(name)) return 'docs';
  for (let i = segments.length - 2; i >= 0; i--) {
    const directory = (segments[i] as string).toLowerCase();
    const context = DIRECTORIES.get(directory);
    if (context) return context;
    if (directory.startsWith('example')) return 'example';
  }
  return undefined;
}

/** A finding's context: that of the file it is in or names; none for commit messages, authors and refs. */
export function findingContext(finding: Pick<Finding, 'path' | 'foundIn'>): PathContext | undefined {
  return finding.foundIn === undefined || finding.foundIn === 'path' ? pathContext(finding.path) : undefined;
}

export function locationContext(location: Pick<FindingLocation, 'path'>): PathContext | undefined {
  return pathContext(location.path);
}

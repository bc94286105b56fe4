import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/cli.js';

const SRC = path.join(REPO_ROOT, 'src');

/** Every .ts file below `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sources(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

const folderOf = (file: string): string => path.relative(SRC, file).split(path.sep)[0] as string;

/** Folder → the folders its modules import (static, dynamic and `new URL` module references). */
function folderImports(): Map<string, Set<string>> {
  const edges = new Map<string, Set<string>>();
  for (const file of sources(SRC)) {
    const from = folderOf(file);
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/(?:from\s+|import\s*\(\s*|new URL\(\s*)'(\.{1,2}\/[^']+)'/g)) {
      const target = path.resolve(path.dirname(file), match[1] as string);
      if (!target.startsWith(SRC + path.sep)) continue;
      const to = folderOf(target);
      if (to !== from) edges.set(from, (edges.get(from) ?? new Set()).add(to));
    }
  }
  return edges;
}

/** A path of imports from `start` back to itself, if there is one. */
function cycleFrom(start: string, edges: Map<string, Set<string>>): string[] | undefined {
  const walk = (at: string, trail: string[]): string[] | undefined => {
    for (const next of edges.get(at) ?? []) {
      if (next === start) return [...trail, next];
      if (!trail.includes(next)) {
        const found = walk(next, [...trail, next]);
        if (found) return found;
      }
    }
    return undefined;
  };
  return walk(start, [start]);
}

describe('src/ folders', () => {
  const edges = folderImports();

  it('import one another in one direction: no cycle between folders', () => {
    const cycles = [...edges.keys()].map((folder) => cycleFrom(folder, edges)).filter((cycle) => cycle !== undefined);
    expect(cycles.map((cycle) => cycle.join(' -> '))).toEqual([]);
  });

  it('keep model/ and util/ at the bottom, and detect/ pure of sources, stages, reports and commands', () => {
    const above = (folder: string) => [...(edges.get(folder) ?? [])].sort();
    expect(above('util')).toEqual([]);
    expect(above('model')).toEqual([]);
    for (const folder of above('detect')) expect(['model', 'util'], `detect imports ${folder}`).toContain(folder);
    // Verification sends secrets over the network: it reads findings and rules, and nothing reaches it from below.
    for (const folder of above('verify')) expect(['model', 'util', 'detect'], `verify imports ${folder}`).toContain(folder);
    for (const folder of ['detect', 'model', 'util', 'sources', 'report']) expect(above(folder), `${folder} imports verify`).not.toContain('verify');
  });

  it('finds the imports it checks (a broken reader would pass the checks above)', () => {
    expect([...(edges.get('commands') ?? [])]).toContain('pipeline');
    expect([...(edges.get('pipeline') ?? [])]).toContain('detect');
  });
});

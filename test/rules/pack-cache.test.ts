import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_MODULES } from '../../src/config/config-cache.js';
import { VALIDATION_MODULES } from '../../src/rules/pack-cache.js';
import { REPO_ROOT } from '../helpers/cli.js';

const RULES = path.join(REPO_ROOT, 'src', 'rules');

/** Our modules a source file imports for their code (type-only imports leave nothing at run time). */
function runtimeImports(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const imports = [...source.matchAll(/^import\s+(?!type\s)[^;]*?from\s+'(\.{1,2}\/[^']+)';/gms)].map((match) => match[1] as string);
  return imports.map((relative) => path.resolve(path.dirname(file), relative.replace(/\.js$/, '.ts')));
}

/** A module and every module of ours it runs, transitively. */
function closure(root: string): string[] {
  const seen = new Set<string>();
  const pending = [root];
  while (pending.length) {
    const file = pending.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    pending.push(...runtimeImports(file));
  }
  return [...seen].sort();
}

const keyed = (relatives: readonly string[], from = RULES) => relatives.map((relative) => path.resolve(from, relative.replace(/\.js$/, '.ts'))).sort();

describe('cache keys', () => {
  it('cover rule-pack.ts and every module of ours it runs, so changing any of them invalidates cached rules', () => {
    expect(closure(path.join(RULES, 'rule-pack.ts'))).toEqual(keyed(VALIDATION_MODULES));
  });

  it('cover config.ts and every module of ours it runs, so changing any of them invalidates cached configs', () => {
    expect(closure(path.join(REPO_ROOT, 'src', 'config', 'config.ts'))).toEqual(keyed(CONFIG_MODULES, path.join(REPO_ROOT, 'src', 'config')));
  });
});

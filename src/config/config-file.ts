import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Config } from './config.js';

// Apart from config.ts, which loads the validator, RE2 and the YAML reader: `staged` with nothing
// staged asks only whether a config applies, a run without one needs only the empty config, and a
// pre-commit hook should not pay for the rest.

export const CONFIG_FILE_NAME = '.secretsift.yaml';

/** The config that applies to a scan rooted at `dir`: its own, or the nearest one above it within the repository. */
export function findConfigFile(dir: string, stopAt?: string): string | undefined {
  let current = path.resolve(dir);
  for (;;) {
    const candidate = path.join(current, CONFIG_FILE_NAME);
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(current);
    if (parent === current || current === stopAt) return undefined;
    current = parent;
  }
}

/** The config of a run that has none. */
export function emptyConfig(baseDir: string): Config {
  return {
    file: undefined,
    baseDir,
    packs: [],
    disable: [],
    override: {},
    allowlist: { paths: [], regexes: [], lines: [], stopwords: [], contexts: [] },
    defaults: {},
  };
}

import { readdirSync } from 'node:fs';
import path from 'node:path';
import { RULES_DIR } from '../util/paths.js';

// Apart from rule-pack.ts, which loads the validator and the YAML reader: a run whose rules come
// from the cache only asks which packs there are.

/** The packs that ship with secretsift and run unless disabled: every rules/*.yaml but opt-in ones. */
export const OPT_IN_PACKS = new Set(['entropy.yaml']);
export function defaultPackFiles(): string[] {
  return readdirSync(RULES_DIR)
    .filter((name) => name.endsWith('.yaml') && !OPT_IN_PACKS.has(name))
    .sort()
    .map((name) => path.join(RULES_DIR, name));
}

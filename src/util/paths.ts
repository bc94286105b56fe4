import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built-in rule packs and the JSON schemas beside them. */
export const RULES_DIR = fileURLToPath(new URL('../../rules/', import.meta.url));

export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

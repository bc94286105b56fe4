import type { Document } from 'yaml';
import { lazyModule } from '../lazy-module.js';

const yaml = lazyModule<typeof import('yaml')>('yaml');
import type { JsonPath } from './json-schema.js';

/** An error in a user-supplied file, located precisely enough to fix without guessing. */
export class InputFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly detail: string,
  ) {
    super(`${file}${line ? `:${line}` : ''}: ${detail}`);
    this.name = 'InputFileError';
  }
}

/** A parsed YAML document that can say on which line any value sits. */
export interface YamlFile {
  file: string;
  value: unknown;
  lineOf(path: JsonPath): number | undefined;
}

// Aliases can expand a small file into a huge document (billion laughs); a rule pack needs few.
const MAX_ALIAS_COUNT = 50;

export function parseYamlFile(file: string, text: string): YamlFile {
  const { LineCounter, parseDocument, isNode } = yaml();
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
  const firstError = doc.errors[0];
  if (firstError) {
    const offset = firstError.pos[0];
    throw new InputFileError(file, lineCounter.linePos(offset).line, firstError.message.split('\n')[0] ?? 'invalid YAML');
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    throw new InputFileError(file, undefined, (error as Error).message);
  }
  return {
    file,
    value,
    lineOf(path) {
      // Walk up until a node with a source range is found (aliases and missing keys have none).
      for (let depth = path.length; depth >= 0; depth--) {
        const node = doc.getIn(path.slice(0, depth), true);
        if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
      }
      return undefined;
    },
  };
}

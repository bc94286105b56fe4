import type { Document } from 'yaml';
import { lazyModule } from './lazy-module.js';

const yaml = lazyModule<typeof import('yaml')>('yaml');
import type { JsonPath } from './json-schema.js';

/** An error in a user-supplied file, located precisely enough to fix without guessing. */
/** A problem at a line of an input file. */
export interface InputProblem {
  readonly line: number | undefined;
  readonly detail: string;
}

// A pack with hundreds of broken rules says enough with this many.
const SHOWN_PROBLEMS = 50;

export class InputFileError extends Error {
  /**
   * `more`: the file's other problems, each said on a line of its own, so that one run shows what
   * to fix rather than one problem at a time.
   */
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly detail: string,
    readonly more: readonly InputProblem[] = [],
  ) {
    const at = (problem: InputProblem) => `${file}${problem.line ? `:${problem.line}` : ''}: ${problem.detail}`;
    const shown = more.slice(0, SHOWN_PROBLEMS - 1).map(at);
    if (more.length > shown.length) shown.push(`${file}: … and ${more.length - shown.length} more`);
    super([at({ line, detail }), ...shown].join('\n'));
    this.name = 'InputFileError';
  }

  /** One error for all of a file's problems (there is at least one). */
  static of(file: string, problems: readonly InputProblem[]): InputFileError {
    const [first, ...rest] = problems as [InputProblem, ...InputProblem[]];
    return new InputFileError(file, first.line, first.detail, rest);
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

/**
 * The parser's own messages quote the text they stumbled on ("Unexpected scalar token in YAML
 * stream: ...", an alias's name), which may be a secret: errors are described by code instead.
 */
const YAML_PROBLEMS: Record<string, string> = {
  ALIAS_PROPS: 'an alias cannot have an anchor or a tag',
  BAD_ALIAS: 'an invalid alias',
  BAD_DIRECTIVE: 'an invalid directive',
  BAD_DQ_ESCAPE: 'an invalid escape sequence in a double-quoted string',
  BAD_INDENT: 'bad indentation',
  BAD_PROP_ORDER: 'an anchor and a tag in the wrong order',
  BAD_SCALAR_START: 'a plain value starting with a reserved character (quote it)',
  BLOCK_AS_IMPLICIT_KEY: 'a nested mapping where a key was expected',
  BLOCK_IN_FLOW: 'a block collection inside a flow collection',
  DUPLICATE_KEY: 'a duplicate key',
  KEY_OVER_1024_CHARS: 'a key longer than 1024 characters',
  MISSING_CHAR: 'a missing character (an unclosed quote, bracket or brace?)',
  MULTILINE_IMPLICIT_KEY: 'a key spread over several lines',
  MULTIPLE_ANCHORS: 'several anchors on one node',
  MULTIPLE_DOCS: 'more than one YAML document',
  MULTIPLE_TAGS: 'several tags on one node',
  NON_STRING_KEY: 'a key that is not a string',
  TAB_AS_INDENT: 'a tab used for indentation',
  TAG_RESOLVE_FAILED: 'an unknown tag',
  UNEXPECTED_TOKEN: 'unexpected text',
};

export function parseYamlFile(file: string, text: string): YamlFile {
  const { LineCounter, parseDocument, isNode } = yaml();
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
  const firstError = doc.errors[0];
  if (firstError) {
    const { line, col } = lineCounter.linePos(firstError.pos[0]);
    throw new InputFileError(file, line, `invalid YAML: ${YAML_PROBLEMS[firstError.code] ?? firstError.code.toLowerCase().replace(/_/g, ' ')} (column ${col})`);
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // "Unresolved alias (...): <name>" or "Excessive alias count ...": keep what comes before any quoted name.
    const kind = (error as Error).message.split(':')[0] ?? '';
    throw new InputFileError(file, undefined, `invalid YAML: ${/^[A-Za-z ,()-]{1,100}$/.test(kind) ? kind.toLowerCase() : 'an alias cannot be resolved'}`);
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

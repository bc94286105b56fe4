import type { CompiledRules } from '../detect/compile.js';
import { detect } from '../detect/engine.js';
import type { Finding, NameKind } from '../model/finding.js';
import { isBefore, lastAtOrBefore, LineIndex, type Position } from '../detect/positions.js';
import { DEFAULT_DECODE_DEPTH, type ScanSettings } from './scan-file.js';

/** A name or message to scan as content, and the path its findings are reported under. */
export interface NameItem {
  readonly text: string;
  readonly path: string;
  /**
   * Where in `text` this item's own part begins: a finding that starts before it belongs to another
   * item (an archive's own path, before the name of a file inside it). Default 0.
   */
  readonly from?: number;
}

/**
 * What detection sees as the path of joined names: no real file is called that, so a rule limited
 * to some files (a lock file's format, say) does not apply to names, while every other rule does.
 */
const PSEUDO_PATHS: Record<NameKind, string> = {
  path: '<file names>',
  'commit-message': '<commit messages>',
  'ref-name': '<ref names>',
  author: '<commit authors>',
};

// Names are short: a batch this size makes one detection pass stand for thousands of them.
const BATCH_BYTES = 4 << 20;
// A line of its own holding a NUL: no rule's context (spaces, "=", quotes) reads through it, so a
// match cannot take its keyword from one item and its secret from the next.
const SEPARATOR = '\n\u0000\n';

/**
 * Scans names and messages with the content rules, many at a time: items are joined into one
 * buffer per batch, and each finding is mapped back to the item it lies in, with positions and
 * context within that item. A secret that would run across two items is in neither and is
 * dropped. Inline allow markers do not apply: a name is not a place to write one.
 */
export class NameScanner<T extends NameItem> {
  private batch: T[] = [];
  private bytes = 0;

  constructor(
    private readonly compiled: () => CompiledRules,
    private readonly kind: NameKind,
    private readonly settings: ScanSettings,
    private readonly onFinding: (item: T, finding: Finding) => void,
  ) {}

  /** Returns whether the batch was scanned (this item with it). */
  add(item: T): boolean {
    this.batch.push(item);
    this.bytes += item.text.length + SEPARATOR.length;
    if (this.bytes < BATCH_BYTES) return false;
    this.flush();
    return true;
  }

  flush(): void {
    const items = this.batch;
    this.batch = [];
    this.bytes = 0;
    if (items.length === 0) return;
    const buf = Buffer.from(items.map((item) => item.text).join(SEPARATOR));
    const findings = detect(this.compiled(), buf, PSEUDO_PATHS[this.kind], { decodeDepth: this.settings.maxDecodeDepth ?? DEFAULT_DECODE_DEPTH });
    if (findings.length === 0) return;
    const firstLines = itemFirstLines(items, buf);
    for (const finding of findings) {
      const at = lastAtOrBefore(firstLines, finding.startLine);
      const item = items[at] as T;
      const nextFirst = firstLines[at + 1] ?? Number.POSITIVE_INFINITY;
      if (finding.endLine >= nextFirst) continue;
      const first = firstLines[at] as number;
      const placed = { ...finding, path: item.path, foundIn: this.kind, startLine: finding.startLine - first + 1, endLine: finding.endLine - first + 1 };
      if (item.from && isBefore({ line: placed.startLine, column: placed.startColumn }, positionIn(item.text, item.from))) continue;
      this.onFinding(item, placed);
    }
  }
}

/** The buffer line each item starts on, counted as detection counts lines (LF, CRLF or a lone CR). */
function itemFirstLines(items: readonly NameItem[], buf: Buffer): number[] {
  const lines = new LineIndex(buf);
  const firstLines: number[] = [];
  let offset = 0;
  for (const item of items) {
    firstLines.push(lines.position(offset).line);
    offset += Buffer.byteLength(item.text) + SEPARATOR.length;
  }
  return firstLines;
}

/** Line and column of a string index, counted as detection counts them. */
function positionIn(text: string, index: number): Position {
  return new LineIndex(Buffer.from(text)).position(Buffer.byteLength(text.slice(0, index)));
}

/** Scans a list of names in one go. */
export function scanNames<T extends NameItem>(compiled: CompiledRules, kind: NameKind, items: Iterable<T>, settings: ScanSettings): { item: T; finding: Finding }[] {
  const found: { item: T; finding: Finding }[] = [];
  const scanner = new NameScanner<T>(() => compiled, kind, settings, (item, finding) => found.push({ item, finding }));
  for (const item of items) scanner.add(item);
  scanner.flush();
  return found;
}

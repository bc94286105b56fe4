import type { CompiledRules } from '../detect/compile.js';
import type { Finding } from '../model/finding.js';
import type { ContentItem, Draft, ItemRef, Stage } from '../model/occurrence.js';
import type { FileOutcome } from '../model/outcome.js';
import type { ScanSettings } from './scan-file.js';

/** What a source may use of the scan under way: the rules (compiled on first use) and settings. */
export interface ScanContext {
  compiled(): CompiledRules;
  readonly settings: ScanSettings;
}

/**
 * Where content comes from: a work tree, standard input, git history, the index. The pipeline
 * scans what `items` gives, on one pool, and tells the source each item's outcome; `finish` then
 * adds what the source finds itself (secrets in names, provenance, errors) before the stages run.
 */
export interface Source {
  items(scan: ScanContext): AsyncIterable<ContentItem>;
  /** An item's outcome (an archive gives one per file inside). */
  observe?(item: ItemRef, outcome: FileOutcome): void;
  finish?(draft: Draft, scan: ScanContext): Draft | Promise<Draft>;
  /** Ends what the source started (a git process), whether the scan finished or not. */
  close?(): Promise<void>;
  /** Drops what is out of the scan's scope before suppression (staged: lines the change does not touch). */
  readonly scope?: Stage;
  /** Turns occurrences into findings (history: grouped, with provenance); each as found when absent. */
  readonly enrich?: Stage;
  /** For a progress display: how many items it has announced so far, and anything worth saying beside. */
  progress?(): { total: number; detail?: string };
  /** How reports order this source's findings. */
  readonly order: (a: Finding, b: Finding) => number;
}

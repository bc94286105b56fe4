import { availableParallelism } from 'node:os';
import type { CompiledRules } from '../detect/compile.js';
import type { FileRef } from '../model/content.js';
import type { Finding } from '../model/finding.js';
import type { Draft, ItemRef, Occurrence, Stage } from '../model/occurrence.js';
import type { FileOutcome } from '../model/outcome.js';
import type { ScanError, ScanResult } from '../model/scan-result.js';
import { emptyStats } from '../model/scan-stats.js';
import type { RuleSpec } from '../model/rule.js';
import { compileRulesCached } from '../rules/compile-cache.js';
import { BlobFeeder } from './blob-feeder.js';
import type { ScanProgress } from './progress.js';
import type { BatchResult } from './scan-batch.js';
import type { ScanSettings } from './scan-file.js';
import type { ScanPool } from './scan-pool.js';
import type { ScanContext, Source } from './source.js';

// Measured on a 2-vCPU machine (docs/ARCHITECTURE.md, Threads): a worker beside the main thread
// made 200 MB of code 1.5x faster but 45 MB of node_modules slower (it starts, compiles and warms
// up its own regexes, and the two threads slow each other down); below this, one thread scans.
const MIN_FILES_FOR_WORKERS = 64;
const MIN_BYTES_FOR_WORKERS = 64 << 20;

export interface PipelineRequest {
  specs: RuleSpec[];
  settings: ScanSettings;
  /** Worker threads beside the main thread, which scans too; 0 scans on the main thread alone. Default: one per core but one, when there is enough work. */
  threads?: number | undefined;
  /** Called after each file of a listing, for a progress display. */
  onProgress?: (progress: ScanProgress) => void;
}

/**
 * Scans what `source` gives on one pool, collects every outcome, lets the source add what it
 * finds itself, then runs `stages` in order (suppress, enrich, verify) and returns the result.
 */
export async function runPipeline(source: Source, request: PipelineRequest, stages: readonly Stage[]): Promise<ScanResult> {
  const startedAt = performance.now();
  const collector = new Collector(source, request.onProgress);
  const scanning = new Scanning(request, collector);
  try {
    // Blobs go to the pool once they prove many, synchronously: its code is loaded first, unless
    // the run scans on the main thread alone (a pre-commit scan, which never loads it).
    if (request.threads !== 0) await scanning.loadPool();
    for await (const item of source.items(scanning)) {
      switch (item.kind) {
        case 'files':
          await scanning.files(item.files);
          break;
        case 'blob':
          await scanning.blob(item.oid, item.path, item.data);
          collector.blobDone();
          break;
        case 'stream': {
          // Streamed in chunks, never held whole: standard input may be endless (/dev/urandom).
          const { scanStream } = await import('./scan-stdin.js');
          for (const outcome of await scanStream(scanning.compiled(), item.stream, item.path, request.settings)) collector.add({ kind: 'file', path: item.path }, outcome);
          break;
        }
        case 'outcome':
          collector.add({ kind: 'file', path: item.outcome.path }, item.outcome);
      }
    }
    await scanning.finish();
    let draft = collector.draft();
    if (source.finish) draft = await source.finish(draft, scanning);
    for (const stage of stages) draft = await stage.run(draft);
    return finalize(draft, source.order, startedAt);
  } finally {
    await Promise.all([scanning.close(), source.close?.()]);
  }
}

/** The scan under way: rules compiled on first use, and the one pool, started when work needs it. */
class Scanning implements ScanContext {
  readonly settings: ScanSettings;
  private compiledRules: CompiledRules | undefined;
  private pool: ScanPool | undefined;
  private pools: typeof import('./scan-pool.js') | undefined;
  private blobs: BlobFeeder | undefined;

  constructor(
    private readonly request: PipelineRequest,
    private readonly collector: Collector,
  ) {
    this.settings = request.settings;
  }

  compiled = (): CompiledRules => (this.compiledRules ??= compileRulesCached(this.request.specs));

  /** The pool's code (and node:worker_threads), loaded by the runs that use it. */
  async loadPool(): Promise<void> {
    this.pools ??= await import('./scan-pool.js');
  }

  /** Files of a listing, in batches of about equal bytes: on workers too when there are enough. */
  async files(files: readonly FileRef[]): Promise<void> {
    this.collector.expect(files.length);
    const [{ fileBatches, inOrderBatches }] = await Promise.all([import('./file-batches.js'), this.loadPool()]);
    const wanted = this.request.threads ?? availableParallelism() - 1;
    const sized = wanted > 0 && (this.request.threads !== undefined || files.length >= MIN_FILES_FOR_WORKERS);
    const { batches, bytes } = sized ? await fileBatches(files, wanted + 1) : { batches: inOrderBatches(files), bytes: 0 };
    const pool = this.poolWith(this.request.threads !== undefined || bytes >= MIN_BYTES_FOR_WORKERS ? wanted : 0);
    for (const batch of batches) pool.submit(batch);
    await pool.drain();
  }

  /** A blob already read: scanned here until the blobs prove many, then on the pool. */
  blob(oid: string, path: string, data: Buffer): void | Promise<void> {
    // Measured on 2 cores: one worker beside the reading thread beat both zero and two. With none
    // the main thread scans every blob as it comes, never copying it into an arena.
    const workers = this.request.threads ?? Math.max(1, availableParallelism() - 1);
    this.blobs ??= new BlobFeeder(this.compiled, this.settings, workers > 0 ? () => this.poolWith(workers) : undefined, this.collector.addBlob);
    return this.blobs.scan(oid, path, data);
  }

  async finish(): Promise<void> {
    await this.blobs?.finish();
    await this.pool?.drain();
  }

  async close(): Promise<void> {
    await this.pool?.close();
  }

  private poolWith(workers: number): ScanPool {
    if (!this.pools) throw new Error('the scan pool is started before its code is loaded');
    return (this.pool ??= new this.pools.ScanPool({ specs: this.request.specs, settings: this.settings }, workers, this.compiled, this.collector.addBatch));
  }
}

/** Gathers outcomes into occurrences, counts and errors, telling the source each outcome. */
class Collector {
  private readonly occurrences: Occurrence[] = [];
  private readonly stats = emptyStats();
  private readonly errors: ScanError[] = [];
  private readonly warnings: ScanError[] = [];
  private done = 0;
  private total = 0;

  constructor(
    private readonly source: Source,
    private readonly onProgress: ((progress: ScanProgress) => void) | undefined,
  ) {}

  expect(files: number): void {
    this.total += files;
  }

  /** A blob handed to the scanners: progress counts blobs, out of what the source has listed. */
  blobDone(): void {
    if (!this.onProgress) return;
    const announced = this.source.progress?.();
    this.done++;
    this.onProgress({ done: this.done, total: Math.max(this.done, announced?.total ?? 0), bytes: this.stats.bytes, ...(announced?.detail && { detail: announced.detail }) });
  }

  addBatch = (result: BatchResult): void => {
    if (result.kind === 'blobs') {
      for (const { oid, blobPath, outcome } of result.outcomes) this.add({ kind: 'blob', oid, path: blobPath }, outcome);
      return;
    }
    // One file may give several outcomes (one per file inside an archive); progress counts files.
    for (const outcomes of result.outcomes) {
      for (const outcome of outcomes) this.add({ kind: 'file', path: outcome.path }, outcome);
      this.onProgress?.({ done: ++this.done, total: this.total, bytes: this.stats.bytes });
    }
  };

  addBlob = (oid: string, blobPath: string, outcome: FileOutcome): void => this.add({ kind: 'blob', oid, path: blobPath }, outcome);

  add(item: ItemRef, outcome: FileOutcome): void {
    this.source.observe?.(item, outcome);
    switch (outcome.kind) {
      case 'skipped':
        this.stats.skipped[outcome.reason]++;
        if (outcome.message !== undefined) this.warnings.push({ path: outcome.path, message: outcome.message });
        return;
      case 'error':
        this.errors.push({ path: outcome.path, message: outcome.message, ...(outcome.object !== undefined && { object: outcome.object }) });
        return;
      case 'scanned': {
        this.stats.files++;
        this.stats.bytes += outcome.bytes;
        // A file inside an archive blob: its place within the archive, for every path the blob had.
        const from: Occurrence['from'] = item.kind === 'file' ? { kind: 'file' } : { kind: 'blob', oid: item.oid, ...(outcome.path.length > item.path.length && { inner: outcome.path.slice(item.path.length) }) };
        for (const finding of outcome.inlineAllowed) this.occurrences.push({ finding, from, inline: true });
        for (const finding of outcome.findings) this.occurrences.push({ finding, from });
      }
    }
  }

  draft(): Draft {
    return { occurrences: this.occurrences, suppressedOccurrences: [], findings: [], suppressed: [], stats: this.stats, errors: this.errors, warnings: this.warnings };
  }
}

function byPath(a: ScanError, b: ScanError): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

/** Sorted, counted, timed; occurrences no stage turned into findings are reported as found. */
function finalize(draft: Draft, order: (a: Finding, b: Finding) => number, startedAt: number): ScanResult {
  const findings = [...draft.findings, ...draft.occurrences.map((occurrence) => occurrence.finding)].sort(order);
  const suppressed = [...draft.suppressed, ...draft.suppressedOccurrences.map(({ occurrence, reason }) => ({ finding: occurrence.finding, reason }))].sort((a, b) => order(a.finding, b.finding));
  const stats = { ...draft.stats, suppressed: { inline: 0, allowlist: 0, baseline: 0 }, durationMs: Math.round(performance.now() - startedAt) };
  for (const { reason } of suppressed) stats.suppressed[reason]++;
  return {
    findings,
    suppressed,
    stats,
    errors: [...draft.errors].sort(byPath),
    warnings: [...draft.warnings].sort(byPath),
    ...(draft.fingerprintKey !== undefined && { fingerprintKey: draft.fingerprintKey }),
  };
}

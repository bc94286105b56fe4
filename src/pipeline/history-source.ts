import path from 'node:path';
import { compareHistoryFindings, groupHistoryFindings, type BlobFinding, type Provenance } from '../enrich/group-history.js';
import type { ContentItem, Draft, ItemRef, Occurrence, Stage } from '../model/occurrence.js';
import type { FileOutcome } from '../model/outcome.js';
import { findIntroductions, type Introduction } from '../sources/git-attribution.js';
import { blobsAtTips } from '../sources/git-exposure.js';
import { countCommits, listBlobs, listMissingTrees, type GitRepo, type HistorySelection } from '../sources/git-history.js';
import { GitObjectReader, type ObjectResult } from '../sources/git-objects.js';
import { AsyncQueue } from '../util/async-queue.js';
import { ownsObject, ownsSharedNames, type Shard } from '../util/shard.js';
import type { BlobCache } from './blob-cache.js';
import { HistoryNames } from './history-names.js';
import { nameOccurrences } from './path-names.js';
import type { ScanContext, Source } from './source.js';

// Object requests queued ahead of git: enough to keep it busy, bounded so memory stays flat.
const HIGH_WATER = 4096;
const LOW_WATER = 1024;
// Blobs read but not yet scanned: past this git's output is paused until the scanners catch up.
const READ_AHEAD = 256;

/** Spreading one history over machines, and not reading again what is known clean. */
export interface HistoryScope {
  /** Read only the blobs whose id falls in this part; names, messages and refs are the first part's. */
  readonly shard?: Shard | undefined;
  readonly blobCache?: BlobCache | undefined;
}

/**
 * Every unique blob of the selected commits, once, read through one `git cat-file --batch`; then
 * the names history holds (paths, commit messages, authors, refs) and, for the few blobs with
 * findings, their provenance: the commit and path that introduced each, and whether a ref tip
 * still holds it. Its `enrich` stage groups a secret's occurrences into one finding with them.
 */
export class HistorySource implements Source {
  readonly order = compareHistoryFindings;
  private readonly reader: GitObjectReader;
  private names: HistoryNames | undefined;
  private provenance: Provenance | undefined;
  private readonly commits: Promise<number>;
  private readonly missingTrees: Promise<string[]>;
  private commitTexts: Promise<string | undefined> | undefined;
  private listed = 0;
  private commitCount: number | undefined;
  /** Blobs read this run, and whether every outcome of each was a clean scan of the blob itself. */
  private readonly cleanness = new Map<string, { path: string; bytes: number; clean: boolean }>();
  /** Whether this run scans the names, messages, refs and missing trees: without shards, or as the first. */
  private readonly ownsNames: boolean;

  /** `skipsFile`: paths not to read (the allowlist's paths, the baseline file); their names are still scanned. */
  constructor(
    private readonly repo: GitRepo,
    private readonly selection: HistorySelection,
    private readonly skipsFile: (absPath: string) => boolean,
    private readonly now = new Date(),
    private readonly spread: HistoryScope = {},
  ) {
    this.ownsNames = ownsSharedNames(spread.shard);
    this.commits = countCommits(repo, selection);
    this.commits.then((count) => (this.commitCount = count)).catch(() => undefined);
    // Missing trees hide the blobs below them from listBlobs: a walk of their own finds them.
    this.missingTrees = listMissingTrees(repo, selection);
    this.missingTrees.catch(() => undefined);
    this.reader = new GitObjectReader(repo.dir);
  }

  items(scan: ScanContext): AsyncIterable<ContentItem> {
    const names = (this.names = new HistoryNames(scan.compiled, scan.settings));
    // Messages and authors are read beside the blobs; a failure is reported with the other errors.
    this.commitTexts = (this.ownsNames ? names.commits(this.repo, this.selection) : Promise.resolve()).then(
      () => undefined,
      (error: unknown) => (error instanceof Error ? error.message : String(error)),
    );
    const read = new AsyncQueue<ContentItem>(READ_AHEAD, READ_AHEAD / 4, () => this.reader.pause(), () => this.reader.resume());
    void this.list(read, names, scan.settings.maxFileSize).then(
      () => read.end(),
      (error: unknown) => read.fail(error),
    );
    return read;
  }

  /** Lists blobs and asks git for each, pausing the listing while too many requests are queued. */
  private async list(read: AsyncQueue<ContentItem>, names: HistoryNames, maxBytes: number): Promise<void> {
    const root = this.repo.workTree ?? this.repo.dir;
    let waiting: (() => void) | undefined;
    const deliver = (blobPath: string) => (result: ObjectResult) => {
      read.push(asItem(blobPath, result));
      if (waiting && this.reader.pending < LOW_WATER) {
        waiting();
        waiting = undefined;
      }
    };
    const { shard, blobCache } = this.spread;
    for await (const { blobs, missing } of listBlobs(this.repo, this.selection)) {
      for (const oid of missing) if (ownsObject(shard, oid)) read.push({ kind: 'outcome', outcome: { kind: 'error', path: oid, message: 'object missing from the repository', object: oid } });
      for (const blob of blobs) {
        const allowlisted = this.skipsFile(path.join(root, blob.path));
        if (this.ownsNames) names.blob(blob.oid, blob.path, allowlisted);
        if (!ownsObject(shard, blob.oid)) continue;
        const cleanBytes = allowlisted ? undefined : blobCache?.knownClean(blob.oid, blob.path);
        if (allowlisted) read.push({ kind: 'outcome', outcome: { kind: 'skipped', path: blob.path, reason: 'allowlisted' } });
        // Counted as scanned, with its size: a cached run's report is the same as a full one's.
        else if (cleanBytes !== undefined) read.push({ kind: 'outcome', outcome: { kind: 'scanned', path: blob.path, bytes: cleanBytes, findings: [], inlineAllowed: [] } });
        else {
          this.listed++;
          this.reader.request({ oid: blob.oid, maxBytes, deliver: deliver(blob.path) });
        }
      }
      if (this.reader.pending > HIGH_WATER) await new Promise<void>((resolve) => (waiting = resolve));
    }
    await this.reader.drained();
  }

  progress(): { total: number; detail?: string } {
    return { total: this.listed, ...(this.commitCount !== undefined && { detail: `${this.commitCount} commits` }) };
  }

  /** A file found inside an archive blob: its place within the archive is remembered for every path the blob had. */
  observe(item: ItemRef, outcome: FileOutcome): void {
    if (item.kind !== 'blob') return;
    if (outcome.path.length > item.path.length) this.names?.archiveEntry(item.oid, item.path, outcome.path);
    if (this.spread.blobCache) this.noteCleanness(item, outcome);
  }

  /** Clean: one outcome, a whole scan of the blob itself (not an archive's entries) with nothing found, not even an allowed secret. */
  private noteCleanness(item: ItemRef & { kind: 'blob' }, outcome: FileOutcome): void {
    const clean = outcome.kind === 'scanned' && outcome.path === item.path && outcome.findings.length === 0 && outcome.inlineAllowed.length === 0;
    const seen = this.cleanness.get(item.oid);
    if (seen) seen.clean = false;
    else this.cleanness.set(item.oid, { path: item.path, bytes: outcome.kind === 'scanned' ? outcome.bytes : 0, clean });
  }

  async finish(draft: Draft): Promise<Draft> {
    const names = this.names as HistoryNames;
    const errors = [...draft.errors];
    const stats = { ...draft.stats, skipped: { ...draft.stats.skipped } };
    const missingTrees = await this.missingTrees;
    if (this.ownsNames) for (const oid of missingTrees) errors.push({ path: oid, message: 'tree missing from the repository: the files below it were not scanned', object: oid });
    const commitsFailed = await this.commitTexts;
    if (commitsFailed !== undefined) errors.push({ path: '<commit messages>', message: commitsFailed });
    stats.skipped['too-large'] += names.truncatedMessages;

    const blobs = new Set<string>();
    for (const { from } of draft.occurrences) if (from.kind === 'blob') blobs.add(from.oid);
    for (const oid of names.blobs()) blobs.add(oid);
    const unread = new Set(errors.map((error) => error.object));
    const [introductions, exposedAt] = await Promise.all([
      // A commit git log cannot diff (its tree is missing) stops the walk: the findings stand, unattributed.
      findIntroductions(this.repo, this.selection, blobs).catch((error: unknown) => {
        errors.push({ path: this.repo.dir, message: `the commits that introduced the findings are not known: ${error instanceof Error ? error.message : String(error)}` });
        return new Map<string, Introduction[]>();
      }),
      blobsAtTips(this.reader, this.selection.tips, blobs, (oid) => {
        if (!unread.has(oid)) errors.push({ path: oid, message: 'object unreadable: which refs still hold the findings is not known', object: oid });
        unread.add(oid);
      }),
    ]);
    this.provenance = { introductions, exposedAt, now: this.now };
    const inNames = nameOccurrences(names.results(this.provenance, this.ownsNames ? this.selection.tips : []));
    const failed = new Set(errors.map((error) => error.object).filter((oid) => oid !== undefined));
    for (const [oid, { path: blobPath, bytes, clean }] of this.cleanness) if (clean && !failed.has(oid)) this.spread.blobCache?.clean(oid, blobPath, bytes);
    stats.commits = await this.commits;
    return { ...draft, occurrences: [...draft.occurrences, ...inNames], errors, stats };
  }

  async close(): Promise<void> {
    await this.reader.close().catch(() => undefined);
  }

  /** Groups each secret's blob occurrences into one finding, shown where it was introduced; names are placed already. */
  readonly enrich: Stage = {
    name: 'history provenance',
    run: (draft) => {
      const provenance = this.provenance as Provenance;
      const group = (occurrences: readonly Occurrence[]) => groupHistoryFindings(occurrences.map(blobFinding).filter((found) => found !== undefined), provenance);
      const placed = (occurrences: readonly Occurrence[]) => occurrences.filter((occurrence) => occurrence.from.kind !== 'blob').map((occurrence) => occurrence.finding);
      const suppressed = draft.suppressedOccurrences;
      const byReason = (['inline', 'allowlist', 'baseline'] as const).flatMap((reason) => {
        const these = suppressed.filter((entry) => entry.reason === reason).map((entry) => entry.occurrence);
        return [...group(these), ...placed(these)].map((finding) => ({ finding, reason }));
      });
      return {
        ...draft,
        occurrences: [],
        suppressedOccurrences: [],
        findings: [...draft.findings, ...group(draft.occurrences), ...placed(draft.occurrences)],
        suppressed: [...draft.suppressed, ...byReason],
      };
    },
  };
}

function blobFinding({ finding, from }: Occurrence): BlobFinding | undefined {
  return from.kind === 'blob' ? { oid: from.oid, finding, ...(from.inner && { inner: from.inner }) } : undefined;
}

function asItem(blobPath: string, result: ObjectResult): ContentItem {
  if (result.kind === 'content') return { kind: 'blob', oid: result.oid, path: blobPath, data: result.data };
  if (result.kind === 'too-large') return { kind: 'outcome', outcome: { kind: 'skipped', path: blobPath, reason: 'too-large' } };
  const message = result.kind === 'missing' ? 'object missing from the repository' : result.message;
  return { kind: 'outcome', outcome: { kind: 'error', path: `${blobPath} (${result.oid})`, message, object: result.oid } };
}

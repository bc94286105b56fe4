import path from 'node:path';
import { availableParallelism } from 'node:os';
import type { CompiledRules } from '../detect/compile.js';
import { compileRulesCached } from '../rules/compile-cache.js';
import type { RuleSpec } from '../model/rule.js';
import { findIntroductions, type Introduction } from '../sources/git-attribution.js';
import { blobsAtTips } from '../sources/git-exposure.js';
import { countCommits, listBlobs, listMissingTrees, type GitRepo, type HistorySelection } from '../sources/git-history.js';
import { GitObjectReader, type ObjectResult } from '../sources/git-objects.js';
import type { CompiledAllowlist } from '../suppress/allowlist.js';
import { dropContextLocations } from '../suppress/history-contexts.js';
import type { Suppressed } from '../model/suppression.js';
import { createBlobScanner } from './blob-scanner.js';
import type { BlobOutcome } from './scan-batch.js';
import { compareHistoryFindings, groupHistoryFindings, type BlobFinding } from '../enrich/group-history.js';
import { HistoryNames } from './history-names.js';
import type { ScanError, ScanResult } from '../model/scan-result.js';
import type { ScanSettings } from './scan-file.js';
import { emptyStats } from '../model/scan-stats.js';

export interface HistoryRequest {
  repo: GitRepo;
  selection: HistorySelection;
  specs: RuleSpec[];
  settings: ScanSettings;
  allowlist: CompiledAllowlist;
  /** Worker threads for detection; 0 keeps it on the main thread. Default: one per core but one, which parses git's output. */
  threads?: number;
  /** The scan's clock, for how long secrets have been exposed. */
  now?: Date;
}

// Object requests queued ahead of git: enough to keep it busy, bounded so memory stays flat.
const HIGH_WATER = 4096;
const LOW_WATER = 1024;

/**
 * Scans every unique blob of the selected commits once, then attaches provenance to the few with
 * findings: the commit and path that introduced each, and whether a ref tip still holds it.
 */
export async function runHistory(request: HistoryRequest): Promise<ScanResult> {
  const startedAt = performance.now();
  const { repo, selection, settings, allowlist } = request;
  const stats = emptyStats();
  const errors: ScanError[] = [];
  const found: BlobFinding[] = [];
  const suppressedFound: { item: BlobFinding; reason: Suppressed['reason'] }[] = [];
  const commits = countCommits(repo, selection);
  // Missing trees hide the blobs below them from listBlobs: a walk of their own finds them.
  const missingTrees = listMissingTrees(repo, selection);
  missingTrees.catch(() => undefined);
  const reader = new GitObjectReader(repo.dir);
  const root = repo.workTree ?? repo.dir;
  let compiled: CompiledRules | undefined;
  const compiledRules = (): CompiledRules => (compiled ??= compileRulesCached(request.specs));
  const names = new HistoryNames(compiledRules, settings, allowlist);
  // Messages and authors are read beside the blobs; a failure is reported with the other errors.
  const commitTexts = names.commits(repo, selection).then(
    () => undefined,
    (error: unknown) => (error instanceof Error ? error.message : String(error)),
  );

  const collect = ({ oid, blobPath, outcome }: BlobOutcome): void => {
    // A file inside an archive blob: remember its place within the archive for every path the blob had.
    const inner = outcome.path.length > blobPath.length ? { inner: outcome.path.slice(blobPath.length) } : {};
    if (inner.inner) names.archiveEntry(oid, blobPath, outcome.path);
    switch (outcome.kind) {
      case 'skipped':
        stats.skipped[outcome.reason]++;
        return;
      case 'error':
        errors.push({ path: outcome.path, message: outcome.message });
        return;
      case 'scanned':
        stats.files++;
        stats.bytes += outcome.bytes;
        for (const finding of outcome.inlineAllowed) suppressedFound.push({ item: { oid, finding, ...inner }, reason: 'inline' });
        for (const finding of outcome.findings) {
          if (allowlist.allowsValue(finding)) suppressedFound.push({ item: { oid, finding, ...inner }, reason: 'allowlist' });
          else found.push({ oid, finding, ...inner });
        }
    }
  };
  // Measured on 2 cores: one worker beside the reading thread beat both zero and two.
  const threads = request.threads ?? Math.max(1, availableParallelism() - 1);
  const scanner = createBlobScanner({ specs: request.specs, settings }, compiledRules, threads, reader, collect);

  let waiting: (() => void) | undefined;
  const deliver = (blobPath: string) => (result: ObjectResult) => {
    if (result.kind === 'content') scanner.scan(result.oid, blobPath, result.data);
    else if (result.kind === 'too-large') stats.skipped['too-large']++;
    else errors.push({ path: `${blobPath} (${result.oid})`, message: result.kind === 'missing' ? 'object missing from the repository' : result.message, object: result.oid });
    if (waiting && reader.pending < LOW_WATER) {
      waiting();
      waiting = undefined;
    }
  };

  try {
    for await (const { blobs, missing } of listBlobs(repo, selection)) {
      for (const oid of missing) errors.push({ path: oid, message: 'object missing from the repository', object: oid });
      for (const blob of blobs) {
        const allowlisted = allowlist.skipsFile(path.join(root, blob.path));
        names.blob(blob.oid, blob.path, allowlisted);
        if (allowlisted) stats.skipped.allowlisted++;
        else reader.request({ oid: blob.oid, maxBytes: settings.maxFileSize, deliver: deliver(blob.path) });
      }
      if (reader.pending > HIGH_WATER) await new Promise<void>((resolve) => (waiting = resolve));
    }
    await reader.drained();
    await scanner.finish();
    for (const oid of await missingTrees) errors.push({ path: oid, message: 'tree missing from the repository: the files below it were not scanned', object: oid });
    const commitsFailed = await commitTexts;
    if (commitsFailed !== undefined) errors.push({ path: '<commit messages>', message: commitsFailed });
    stats.skipped['too-large'] += names.truncatedMessages;

    const blobs = new Set([...found, ...suppressedFound.map(({ item }) => item)].map(({ oid }) => oid));
    for (const oid of names.blobs()) blobs.add(oid);
    const unread = new Set(errors.map((error) => error.object));
    const [introductions, exposedAt] = await Promise.all([
      // A commit git log cannot diff (its tree is missing) stops the walk: the findings stand, unattributed.
      findIntroductions(repo, selection, blobs).catch((error: unknown) => {
        errors.push({ path: repo.dir, message: `the commits that introduced the findings are not known: ${error instanceof Error ? error.message : String(error)}` });
        return new Map<string, Introduction[]>();
      }),
      blobsAtTips(reader, selection.tips, blobs, (oid) => {
        if (!unread.has(oid)) errors.push({ path: oid, message: 'object unreadable: which refs still hold the findings is not known', object: oid });
        unread.add(oid);
      }),
    ]);
    const provenance = { introductions, exposedAt, now: request.now ?? new Date() };
    const inNames = names.results(provenance, selection.tips);
    const inContent = dropContextLocations(groupHistoryFindings(found, provenance), allowlist.dropsContext);
    const findings = [...inContent.kept, ...inNames.findings].sort(compareHistoryFindings);
    const suppressed: Suppressed[] = [...inNames.suppressed, ...inContent.dropped.map((finding) => ({ finding, reason: 'allowlist' as const }))];
    stats.suppressed.allowlist += inNames.suppressed.length + inContent.dropped.length;
    for (const reason of ['inline', 'allowlist'] as const) {
      const items = suppressedFound.filter((entry) => entry.reason === reason).map(({ item }) => item);
      const grouped = groupHistoryFindings(items, provenance);
      for (const finding of grouped) suppressed.push({ finding, reason });
      stats.suppressed[reason] += grouped.length;
    }
    suppressed.sort((a, b) => compareHistoryFindings(a.finding, b.finding));
    stats.commits = await commits;
    stats.durationMs = Math.round(performance.now() - startedAt);
    return { findings, suppressed, stats, errors };
  } finally {
    await reader.close().catch(() => undefined);
  }
}

import type { CompiledRules } from '../detect/compile.js';
import type { CommitInfo, Finding, NameKind } from '../model/finding.js';
import type { Introduction } from '../sources/git-attribution.js';
import type { GitRepo, HistorySelection, Tip } from '../sources/git-history.js';
import { listCommitTexts } from '../sources/git-messages.js';
import { groupHistoryFindings, type Provenance } from '../enrich/group-history.js';
import { pathName, PathNames } from './path-names.js';
import { NameScanner, scanNames, type NameItem } from './scan-names.js';
import type { ScanSettings } from './scan-file.js';

interface Named extends NameItem {
  readonly allowlisted: boolean;
}

/** A blob path, or the path of a file inside an archive blob (`blobPath!inner`). */
interface BlobPathName extends Named {
  /** The path the blob itself had: the one its introductions name. */
  readonly blobPath?: string;
}

/** A name with a finding, and the occurrences of the name seen (blobs at a path, commits by an author). */
interface Hit<T extends Named, O> {
  readonly item: T;
  readonly finding: Finding;
  readonly occurrences: O[];
}

type Pending<T, O> = T & { readonly occurrences: O[] };

/**
 * Scans each distinct name once, however often history repeats it (a path in every version of a
 * file, an author in every commit), and adds each later occurrence of a name with a finding to it.
 */
class DistinctNames<T extends Named, O> {
  private readonly scanned = new Set<string>();
  /** Names handed to the scanner and not yet scanned: their occurrences still gather here. */
  private pending = new Map<string, Pending<T, O>>();
  /** Name → its occurrences, once a finding is known in it. */
  private readonly found = new Map<string, O[]>();
  private readonly hits: Hit<T, O>[] = [];
  private readonly scanner: NameScanner<Pending<T, O>>;

  constructor(
    compiled: () => CompiledRules,
    kind: NameKind,
    settings: ScanSettings,
    /** How an occurrence joins a name's list: every one by default. */
    private readonly keep: (list: O[], occurrence: O) => void = (list, occurrence) => list.push(occurrence),
  ) {
    this.scanner = new NameScanner<Pending<T, O>>(compiled, kind, settings, (item, finding) => {
      this.found.set(item.path, item.occurrences);
      this.hits.push({ item, finding, occurrences: item.occurrences });
    });
  }

  add(item: T, occurrence: O): void {
    const list = this.pending.get(item.path)?.occurrences ?? this.found.get(item.path);
    if (list) return this.keep(list, occurrence);
    if (this.scanned.has(item.path)) return;
    this.scanned.add(item.path);
    const next = { ...item, occurrences: [] as O[] };
    this.keep(next.occurrences, occurrence);
    this.pending.set(item.path, next);
    if (this.scanner.add(next)) this.pending.clear();
  }

  seen(name: string): boolean {
    return this.scanned.has(name);
  }

  finish(): Hit<T, O>[] {
    this.scanner.flush();
    this.pending.clear();
    return this.hits;
  }
}

function earlier(a: CommitInfo, b: CommitInfo): boolean {
  return Date.parse(a.date) < Date.parse(b.date);
}

/** A finding in a name, and whether the allowlist passes over the path it was found at. */
export interface NameFinding {
  readonly finding: Finding;
  readonly allowlisted: boolean;
}

/**
 * Secrets in what history names rather than holds: blob paths (and the names of files inside
 * archive blobs), commit messages, authors' names and emails, and the names of the scanned refs.
 */
export class HistoryNames {
  private readonly pathNames = new PathNames();
  private readonly paths: DistinctNames<BlobPathName, string>;
  private readonly authors: DistinctNames<Named, CommitInfo>;
  private readonly messages: Finding[] = [];
  private readonly messageScanner: NameScanner<NameItem & { readonly commit: CommitInfo }>;
  /** Commit messages over the size limit, scanned only up to it. */
  truncatedMessages = 0;

  constructor(
    private readonly compiled: () => CompiledRules,
    private readonly settings: ScanSettings,
  ) {
    this.paths = new DistinctNames(compiled, 'path', settings);
    // An author's finding is placed at their earliest commit.
    this.authors = new DistinctNames(compiled, 'author', settings, (list, commit) => {
      if (!list[0] || earlier(commit, list[0])) list[0] = commit;
    });
    this.messageScanner = new NameScanner(compiled, 'commit-message', settings, (item, finding) => this.messages.push({ ...finding, commit: item.commit }));
  }

  /** A blob as the listing gave it. */
  blob(oid: string, blobPath: string, allowlisted: boolean): void {
    this.paths.add(this.pathNames.file(blobPath, allowlisted), oid);
  }

  /** A file found inside an archive blob, at `entryPath` (`blobPath!inner`). */
  archiveEntry(oid: string, blobPath: string, entryPath: string): void {
    this.paths.add({ ...pathName(entryPath, false, blobPath.length + 1), blobPath }, oid);
  }

  /** Reads and scans every selected commit's message and author. */
  async commits(repo: GitRepo, selection: HistorySelection): Promise<void> {
    for await (const batch of listCommitTexts(repo, selection, this.settings.maxFileSize)) {
      for (const { commit, body, truncated } of batch) {
        if (truncated) this.truncatedMessages++;
        this.messageScanner.add({ text: body, path: commit.sha, commit });
        const ident = `${commit.author} <${commit.email}>`;
        this.authors.add({ text: ident, path: ident, allowlisted: false }, commit);
      }
    }
  }

  /** Blobs whose path holds a secret: the commits that put them there are wanted. */
  blobs(): Set<string> {
    return new Set(this.paths.finish().flatMap((hit) => hit.occurrences));
  }

  /**
   * Every finding, once `provenance` knows the blobs `blobs()` named. A path is shown at the
   * earliest commit that put one of its blobs there; whether it is still exposed is judged by its
   * blobs, at whatever path a ref tip holds them.
   */
  results(provenance: Provenance, tips: readonly Tip[]): NameFinding[] {
    const out: NameFinding[] = [];
    for (const { item, finding, occurrences } of this.paths.finish()) {
      const blobPath = item.blobPath ?? item.path;
      const inner = item.path.slice(blobPath.length);
      const introductions = new Map<string, Introduction[]>();
      for (const oid of occurrences) introductions.set(oid, (provenance.introductions.get(oid) ?? []).filter((intro) => intro.path === blobPath));
      const [placed] = groupHistoryFindings(
        occurrences.map((oid) => ({ oid, finding, ...(inner && { inner }) })),
        { ...provenance, introductions },
      );
      // Each blob of the path is a location of the same name: the earliest stands for them all.
      const first = placed?.locations?.[0];
      out.push({ finding: placed && first ? { ...placed, locations: [first] } : finding, allowlisted: item.allowlisted });
    }
    const directories = this.pathNames.directories((dir) => this.paths.seen(dir));
    for (const { item, finding } of scanNames(this.compiled(), 'path', directories, this.settings)) out.push({ finding, allowlisted: item.allowlisted });
    this.messageScanner.flush();
    for (const finding of this.messages) out.push({ finding, allowlisted: false });
    for (const { finding, occurrences } of this.authors.finish()) {
      const [commit] = occurrences;
      out.push({ finding: commit ? { ...finding, path: commit.sha, commit } : finding, allowlisted: false });
    }
    const refs = [...new Set(tips.map((tip) => tip.ref))].map((ref) => ({ text: ref, path: ref }));
    for (const { finding } of scanNames(this.compiled(), 'ref-name', refs, this.settings)) out.push({ finding, allowlisted: false });

    return out;
  }
}

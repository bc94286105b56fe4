import type { CommitInfo } from '../model/finding.js';
import { type GitRepo, type HistorySelection, isEmpty, revListArgs, revListInput } from './git-history.js';
import { streamGit } from './git-process.js';

/** A commit that put a blob at a path: it is in the commit's tree there and was not in its parents'. */
export interface Introduction {
  readonly commit: CommitInfo;
  readonly path: string;
  /** Position in a parents-first walk: breaks ties between equal author dates. */
  readonly order: number;
}

const COMMIT_MARK = '\x01';
// Fields are NUL-separated; -z makes git NUL-separate raw entries and paths too.
const FORMAT = `--format=${COMMIT_MARK}%H%x00%an%x00%ae%x00%aI%x00%s`;

/**
 * Finds, for each blob of interest, every (commit, path) that introduced it, walking the selected
 * commits parents first. Reads only tree differences (`--raw`), never file contents. Merges use
 * combined output, so a blob a merge itself made (a conflict resolution) is attributed to it,
 * while one it merely brought in stays with the side-branch commit that made it.
 */
export async function findIntroductions(repo: GitRepo, selection: HistorySelection, blobs: ReadonlySet<string>): Promise<Map<string, Introduction[]>> {
  const found = new Map<string, Introduction[]>();
  if (blobs.size === 0 || isEmpty(selection)) return found;
  const args = ['log', FORMAT, '-z', '--raw', '--no-abbrev', '--no-renames', '-c', '--root', '--reverse', '--topo-order', '--no-textconv', '--no-ext-diff', ...revListArgs(selection)];
  const git = streamGit(repo.dir, args, revListInput(selection));
  const parser = new RawLogParser((commit, oid, path, order) => {
    if (!blobs.has(oid)) return;
    let list = found.get(oid);
    if (!list) found.set(oid, (list = []));
    list.push({ commit, path, order });
  });
  for await (const chunk of git.stdout) parser.push(chunk);
  parser.end();
  await git.finished();
  return found;
}

type Entry = (commit: CommitInfo, oid: string, path: string, order: number) => void;

/** Token-by-token parser of `git log -z --raw` with our format: commit fields, then raw entry/path pairs. */
class RawLogParser {
  private rest: Buffer | undefined;
  private fields: string[] = [];
  private commit: CommitInfo | undefined;
  private order = 0;
  /** The result blob of the raw entry whose path comes next. */
  private pendingOid: string | undefined;

  constructor(private readonly onEntry: Entry) {}

  push(chunk: Buffer): void {
    const data = this.rest ? Buffer.concat([this.rest, chunk]) : chunk;
    let start = 0;
    for (let end = data.indexOf(0, start); end !== -1; end = data.indexOf(0, start)) {
      this.token(data.toString('utf8', start, end));
      start = end + 1;
    }
    this.rest = start < data.length ? data.subarray(start) : undefined;
  }

  end(): void {
    if (this.rest) this.token(this.rest.toString('utf8'));
    this.rest = undefined;
  }

  private token(raw: string): void {
    if (this.fields.length > 0) {
      this.fields.push(raw);
      if (this.fields.length === 5) this.startCommit(this.fields);
      return;
    }
    if (this.pendingOid !== undefined) {
      if (this.commit) this.onEntry(this.commit, this.pendingOid, raw, this.order);
      this.pendingOid = undefined;
      return;
    }
    const text = raw.startsWith('\n') ? raw.slice(1) : raw;
    if (text.startsWith(COMMIT_MARK)) this.fields = [text.slice(1)];
    else if (text.startsWith(':')) this.pendingOid = resultOid(text) ?? '';
  }

  private startCommit([sha = '', author = '', email = '', date = '', message = '']: string[]): void {
    this.fields = [];
    this.order++;
    this.commit = { sha, author, email, date, message };
  }
}

/**
 * The blob a raw entry leaves at its path: for a commit with N parents the entry has N+1 modes,
 * N+1 ids and a status; the last id is the result. Deletions and submodules (gitlinks) give none.
 */
function resultOid(header: string): string | undefined {
  const parents = header.match(/^:+/)?.[0].length ?? 1;
  const parts = header.slice(parents).split(' ');
  const mode = parts[parents];
  const oid = parts[2 * parents + 1];
  if (!oid || /^0+$/.test(oid) || mode === '160000') return undefined;
  return oid;
}

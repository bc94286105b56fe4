import { randomBytes } from 'node:crypto';
import type { CommitInfo } from '../model/finding.js';
import { type GitRepo, type HistorySelection, isEmpty, revListArgs, revListInput } from './git-history.js';
import { streamGit } from './git-process.js';

/** A selected commit's own text: who wrote it and everything it says. */
export interface CommitText {
  /** Subject as `CommitInfo.message` holds it, author and date. */
  readonly commit: CommitInfo;
  /** The whole message, subject and body; cut at the size limit. */
  readonly body: string;
  /** The message was longer than the limit: only its start is in `body`. */
  readonly truncated: boolean;
}

const FIELDS = 6;

/**
 * Streams the message and author of every selected commit (the commits whose blobs `listBlobs`
 * reads), in batches. A record ends with a marker drawn at random for this run: a message may hold
 * any bytes, NULs included, but cannot guess the marker, so it cannot forge or swallow a record.
 * A message over `maxBytes` is cut there, so a hostile one cannot fill memory.
 */
export async function* listCommitTexts(repo: GitRepo, selection: HistorySelection, maxBytes: number): AsyncGenerator<CommitText[]> {
  if (isEmpty(selection)) return;
  const marker = `\x01secretsift-${randomBytes(12).toString('hex')}\x01`;
  // %B last: fields before it are git's own (ids, dates) or ident parts, which hold no NUL.
  const format = `--format=%H%x00%aI%x00%an%x00%ae%x00%s%x00%B%x00${marker}`;
  // UTF-8 whatever i18n.logOutputEncoding says: a repository must not turn the NULs we split on into pairs of bytes.
  const args = ['log', format, '-z', '--encoding=UTF-8', '--no-notes', '--no-show-signature', ...revListArgs(selection)];
  const git = streamGit(repo.dir, args, revListInput(selection));
  const parser = new RecordParser(Buffer.from(`\0${marker}\0`), maxBytes);
  for await (const chunk of git.stdout) {
    const records = parser.push(chunk);
    if (records.length) yield records.map(toCommitText);
  }
  const last = parser.end();
  if (last.length) yield last.map(toCommitText);
  await git.finished();
}

export interface RawRecord {
  data: Buffer;
  truncated: boolean;
}

function toCommitText({ data, truncated }: RawRecord): CommitText {
  const fields: string[] = [];
  let start = 0;
  for (let i = 0; i < FIELDS - 1; i++) {
    const end = data.indexOf(0, start);
    if (end === -1) break;
    fields.push(data.toString('utf8', start, end));
    start = end + 1;
  }
  const [sha = '', date = '', author = '', email = '', subject = ''] = fields;
  // git ends %B with a newline; trimmed by hand, as a regex would be quadratic on a run of them.
  let end = data.length;
  while (end > start && data[end - 1] === 0x0a) end--;
  const body = data.toString('utf8', Math.min(start, end), end);
  return { commit: { sha, author, email, date, message: subject }, body, truncated };
}

/** Splits git's output at a delimiter, which may straddle chunks, keeping at most `maxBytes` of any record. */
export class RecordParser {
  private parts: Buffer[] = [];
  private kept = 0;
  private truncated = false;
  private tail: Buffer | undefined;

  constructor(
    private readonly delimiter: Buffer,
    private readonly maxBytes: number,
  ) {}

  push(chunk: Buffer): RawRecord[] {
    const data = this.tail ? Buffer.concat([this.tail, chunk]) : chunk;
    this.tail = undefined;
    const records: RawRecord[] = [];
    let start = 0;
    for (let end = data.indexOf(this.delimiter, start); end !== -1; end = data.indexOf(this.delimiter, start)) {
      this.keep(data.subarray(start, end));
      records.push(this.take());
      start = end + this.delimiter.length;
    }
    // The delimiter may straddle chunks: hold back what could be its start.
    const holdFrom = Math.max(start, data.length - (this.delimiter.length - 1));
    this.keep(data.subarray(start, holdFrom));
    if (holdFrom < data.length) this.tail = Buffer.from(data.subarray(holdFrom));
    return records;
  }

  end(): RawRecord[] {
    if (this.tail) this.keep(this.tail);
    this.tail = undefined;
    const rest = this.take();
    return rest.data.toString('utf8').trim() ? [rest] : [];
  }

  private keep(piece: Buffer): void {
    const room = this.maxBytes - this.kept;
    if (piece.length > room) this.truncated = true;
    const kept = piece.length > room ? piece.subarray(0, Math.max(0, room)) : piece;
    if (kept.length === 0) return;
    // Copied: a view would keep git's whole chunk alive with it.
    this.parts.push(Buffer.from(kept));
    this.kept += kept.length;
  }

  private take(): RawRecord {
    const record = { data: Buffer.concat(this.parts), truncated: this.truncated };
    this.parts = [];
    this.kept = 0;
    this.truncated = false;
    return record;
  }
}

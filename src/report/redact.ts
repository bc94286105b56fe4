import type { Finding } from '../model/finding.js';
import { randomRuns, type Span } from './random-runs.js';

/**
 * Enough of a secret to recognise it, never enough to use it: a short prefix (most tokens start
 * with their type, like "ghp_") and the length.
 */
export function redact(secret: string): string {
  const chars = [...secret];
  const visible = Math.min(4, Math.floor(chars.length / 4));
  return `${chars.slice(0, visible).join('')}****(${chars.length})`;
}

/** What a masked stretch that no rule reported shows: only its length. */
function hidden(length: number): string {
  return `****(${length})`;
}

/** A stretch of text to show as something else. */
interface Cut extends Span {
  readonly shown: string;
}

type SecretSource = Pick<Finding, 'secret' | 'decoded'>;

/** Each text a found secret may appear as, with what it is shown as: whole, each line of a multi-line one, the encoded text it was decoded from. */
function piecesOf(finding: SecretSource, minLength: number, add: (piece: string, shown: string) => void): void {
  const shown = redact(finding.secret);
  const take = (piece: string, as: string): void => {
    if (piece.length >= minLength) add(piece, as);
  };
  take(finding.secret, shown);
  for (const line of finding.secret.split(/\r?\n|\r/)) take(line.trim(), shown);
  if (finding.decoded) take(finding.decoded.encodedText, `<${finding.decoded.chain.join('>')}:${shown}>`);
}

// Pieces are looked up by their first characters: shorter ones could match almost anywhere.
const KEY_LENGTH = 4;

/**
 * Finds every found secret in a text in one pass, however many secrets a report holds: at each
 * position, the pieces starting with the next KEY_LENGTH characters are tried by length, longest
 * first (a secret that contains another is masked whole), each with one lookup. Built in time
 * linear in the pieces' total length: deduplicated by a Map, lengths sorted once per key.
 */
class SecretFinder {
  private readonly shownOf = new Map<string, string>();
  private readonly lengthsOf = new Map<string, number[]>();

  constructor(findings: Iterable<SecretSource>) {
    const lengths = new Map<string, Set<number>>();
    for (const finding of findings) {
      piecesOf(finding, KEY_LENGTH, (piece, shown) => {
        if (this.shownOf.has(piece)) return;
        this.shownOf.set(piece, shown);
        const key = piece.slice(0, KEY_LENGTH);
        let set = lengths.get(key);
        if (!set) lengths.set(key, (set = new Set()));
        set.add(piece.length);
      });
    }
    for (const [key, set] of lengths) this.lengthsOf.set(key, [...set].sort((a, b) => b - a));
  }

  get empty(): boolean {
    return this.shownOf.size === 0;
  }

  cuts(text: string): Cut[] {
    const cuts: Cut[] = [];
    if (this.empty) return cuts;
    for (let at = 0; at + KEY_LENGTH <= text.length; ) {
      const lengths = this.lengthsOf.get(text.slice(at, at + KEY_LENGTH));
      const cut = lengths && this.longestAt(text, at, lengths);
      if (cut) {
        cuts.push(cut);
        at = cut.end;
      } else at++;
    }
    return cuts;
  }

  private longestAt(text: string, at: number, lengths: readonly number[]): Cut | undefined {
    for (const length of lengths) {
      if (at + length > text.length) continue;
      const shown = this.shownOf.get(text.slice(at, at + length));
      if (shown !== undefined) return { start: at, end: at + length, shown };
    }
    return undefined;
  }
}

/** Every occurrence of one finding's secret, at any length (the report-wide finder skips very short ones). */
function ownCuts(text: string, finding: SecretSource): Cut[] {
  const cuts: Cut[] = [];
  piecesOf(finding, 1, (piece, shown) => {
    for (let at = text.indexOf(piece); at !== -1; at = text.indexOf(piece, at + piece.length)) cuts.push({ start: at, end: at + piece.length, shown });
  });
  return cuts;
}

/** In order, not overlapping: of two that overlap, the one starting first (the longer on a tie) stays. */
function disjoint(cuts: Cut[]): Cut[] {
  cuts.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Cut[] = [];
  for (const cut of cuts) if (cut.start >= (kept[kept.length - 1]?.end ?? 0)) kept.push(cut);
  return kept;
}

/** `text` with each cut shown as it says; cuts are in order and do not overlap. */
function render(text: string, cuts: readonly Cut[]): string {
  if (cuts.length === 0) return text;
  let out = '';
  let copied = 0;
  for (const cut of cuts) {
    out += text.slice(copied, cut.start) + cut.shown;
    copied = cut.end;
  }
  return out + text.slice(copied);
}

/** Found secrets cut out, and then whatever else could be a secret (see random-runs.ts). */
function maskContext(text: string, secrets: Cut[]): string {
  const random = randomRuns(text, secrets).map((span): Cut => ({ ...span, shown: hidden(span.end - span.start) }));
  return render(text, random.length ? [...secrets, ...random].sort((a, b) => a.start - b.start) : secrets);
}

/** Masks the secrets of a report in a text: a line may hold several, a commit message may quote one. */
export type SecretMask = (text: string) => string;

/** A mask for every secret of these findings: whole, each line of a multi-line one, and the encoded text it was decoded from. */
export function secretMask(findings: Iterable<SecretSource>): SecretMask {
  const finder = new SecretFinder(findings);
  return finder.empty ? (text) => text : (text) => render(text, finder.cuts(text));
}

/** How a report shows secrets: decided once per report, the same in every format. */
export interface Redaction {
  /** The secret itself: redacted unless the user asked to see it. */
  secret(finding: Pick<Finding, 'secret'>): string;
  /** The finding's context line: every secret the report holds masked, and anything else that could be one. */
  line(finding: Pick<Finding, 'lineText' | 'secret' | 'decoded'>): string;
  /** A name from the scanned repository (a path, a ref, an author, an email) with the report's secrets masked. */
  text(value: string): string;
  /** Free text from the scanned repository (a commit message): masked as a context line is. */
  message(value: string): string;
}

const SHOW_ALL: Redaction = { secret: (finding) => finding.secret, line: (finding) => finding.lineText, text: (value) => value, message: (value) => value };

export function redaction(report: { findings: readonly Finding[]; suppressed: readonly { finding: Finding }[] }, showSecrets: boolean): Redaction {
  if (showSecrets) return SHOW_ALL;
  // Suppressed findings count too: their secrets may share a line or a message with reported ones.
  const finder = new SecretFinder([...report.findings, ...report.suppressed.map(({ finding }) => finding)]);
  return {
    secret: (finding) => redact(finding.secret),
    line: (finding) => maskContext(finding.lineText, disjoint([...ownCuts(finding.lineText, finding), ...finder.cuts(finding.lineText)])),
    text: (value) => render(value, finder.cuts(value)),
    message: (value) => maskContext(value, finder.cuts(value)),
  };
}

/** A finding's context line as reports show it, knowing of no other finding: its own secret and anything else that could be one masked. */
export function redactedLine(finding: Pick<Finding, 'lineText' | 'secret' | 'decoded'>): string {
  return maskContext(finding.lineText, disjoint(ownCuts(finding.lineText, finding)));
}

/**
 * Control characters and escape sequences from scanned content must not drive the terminal, and a
 * newline in a path or commit message must not start a fake output line. Tabs are harmless: they stay.
 */
export function neutralise(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

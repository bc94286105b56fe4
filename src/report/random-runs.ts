import { shannonEntropy } from '../detect/entropy.js';
import { isTokenChar } from '../detect/token-chars.js';
import { letterPairScore } from './letter-pairs.js';

/**
 * The parts of a context line that could be secrets no rule reported: the AWS secret key beside a
 * reported key id, the rest of a key a rule stopped short of. A context line shows only text that
 * cannot be a secret, so every token-like stretch of MIN_RANDOM_RUN characters or more is masked
 * unless it reads as words (identifiers, paths, prose) or is too repetitive to be a key.
 *
 * A run of token characters (see token-chars.ts) is cut into segments at punctuation other than
 * `_` and `-`; segments that read as words separate the stretches judged. A random key may hold a
 * short word by chance, so a stretch is judged with a short word inside it when together they still
 * do not read as words.
 */

/** Shorter stretches are left alone: too short to tell from words, and shorter than keys worth hiding. */
export const MIN_RANDOM_RUN = 16;
/**
 * Below this a stretch is repetition (`----`, `0000`, `abab…`), not a key. Rules ask 3 to 4.5 bits
 * of a whole value (the generic ones 3), but one random hex string of 16 characters in seven falls
 * below 3 and one in five hundred below 2.5: a context line must hide those too. Entropy cannot
 * tell identifiers (3.5 to 4 bits) from random text (3.2 to 4.8) anyway: reading as words does.
 */
export const MIN_RANDOM_ENTROPY = 2.5;
/**
 * A run that touches a found secret may be the rest of it (a rule stopped at a character its
 * pattern does not allow): masked from this length if it does not read as words. Shorter rests
 * show less than any 8-character piece of a key.
 */
export const MIN_SECRET_REST = 8;
// A word of up to this many characters inside a random stretch may be there by chance: the stretch
// is judged with it. A longer one is no accident.
const MAX_CHANCE_WORD = 7;
// Words: at least this share of the letters and digits lies in letter pieces of three or more...
const MIN_LETTER_SHARE = 0.75;
// ...whose letter pairs score at least this on average (random letters: about -2.7; words: above 0).
const MIN_PAIR_SCORE = 0;

// Punctuation that structures no code but fills passwords and generated keys: next to a masked
// stretch it is part of it, so a key's symbols beside a chance word do not show with it.
const KEY_PUNCTUATION = new Set('!#$%&*+@^|~?');
// Pieces of identifiers: "getHTTPServer2" is get, HTTP, Server, 2.
const PIECES = /[A-Z]{2,}(?![a-z])|[A-Z]?[a-z]+|[A-Z]|[0-9]+/g;
// `_` and `-` join words and sit inside keys: they do not end a segment.
const SEGMENTS = /[A-Za-z0-9_-]+/g;

export interface Span {
  readonly start: number;
  readonly end: number;
}

/**
 * Spans of `text` to mask, in order and not overlapping. `known` are spans already masked (found
 * secrets, in order): runs end at them, and a run touching one is judged as a possible rest of it.
 */
export function randomRuns(text: string, known: readonly Span[] = []): Span[] {
  const spans: Span[] = [];
  let next = 0;
  for (let at = 0; at < text.length; ) {
    while (next < known.length && (known[next] as Span).end <= at) next++;
    const cut = known[next];
    if (cut && cut.start <= at) {
      at = cut.end;
      continue;
    }
    if (!isTokenChar(text.charCodeAt(at))) {
      at++;
      continue;
    }
    const limit = cut ? cut.start : text.length;
    let end = at + 1;
    while (end < limit && isTokenChar(text.charCodeAt(end))) end++;
    const touchesSecret = known.some((span) => span.end === at || span.start === end);
    judgeRun(text.slice(at, end), at, touchesSecret, spans);
    at = end;
  }
  return spans;
}

function judgeRun(run: string, offset: number, touchesSecret: boolean, out: Span[]): void {
  if (touchesSecret && run.length >= MIN_SECRET_REST && !readsAsWords(run)) {
    out.push({ start: offset, end: offset + run.length });
    return;
  }
  if (run.length < MIN_RANDOM_RUN) return;
  for (const stretch of stretches(run)) {
    const piece = run.slice(stretch.start, stretch.end);
    if (piece.length >= MIN_RANDOM_RUN && shannonEntropy(piece) >= MIN_RANDOM_ENTROPY && !readsAsWords(piece)) {
      let { start, end } = stretch;
      while (start > 0 && KEY_PUNCTUATION.has(run[start - 1] as string)) start--;
      while (end < run.length && KEY_PUNCTUATION.has(run[end] as string)) end++;
      out.push({ start: offset + start, end: offset + end });
    }
  }
}

/** Maximal stretches of segments that do not read as words, each joined across a short word when the whole still does not. */
function stretches(run: string): Span[] {
  const found: Span[] = [];
  let open: { start: number; end: number } | undefined;
  // A short word between two stretches, waiting to see whether a second stretch follows.
  let word: Span | undefined;
  for (const match of run.matchAll(SEGMENTS)) {
    const start = match.index;
    const end = start + match[0].length;
    if (match[0].length >= 3 && readsAsWords(match[0])) {
      if (open && !word && match[0].length <= MAX_CHANCE_WORD) {
        word = { start, end };
        continue;
      }
      if (open) found.push(open);
      open = undefined;
      word = undefined;
      continue;
    }
    if (open && word) {
      const joined = { start: open.start, end };
      if (!readsAsWords(run.slice(joined.start, joined.end))) {
        open = joined;
        word = undefined;
        continue;
      }
      found.push(open);
      open = { start, end };
      word = undefined;
      continue;
    }
    if (open) open.end = end;
    else open = { start, end };
  }
  if (open) found.push(open);
  return found;
}

/** Whether text is mostly letter pieces whose letter pairs are those of words. */
export function readsAsWords(text: string): boolean {
  let alnum = 0;
  let inWords = 0;
  let score = 0;
  let pairs = 0;
  for (const [piece] of text.matchAll(PIECES)) {
    alnum += piece.length;
    // Two letters make a word too easily by chance ("Wc", "es" in a random key): pieces of three or more count.
    if (piece.length < 3 || isDigit(piece.charCodeAt(0))) continue;
    inWords += piece.length;
    for (let i = 0; i + 1 < piece.length; i++) score += letterPairScore(piece.charCodeAt(i), piece.charCodeAt(i + 1));
    pairs += piece.length - 1;
  }
  return pairs > 0 && inWords >= MIN_LETTER_SHARE * alnum && score >= MIN_PAIR_SCORE * pairs;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/**
 * The pieces of a keyword's encoded forms that do not depend on its neighbours. A base64 encoding
 * shifts with the keyword's offset modulo 3, so each alignment gives its own fragment. Added to the
 * keyword gate, they tell at no extra pass whether a buffer may hold an encoded secret.
 */
const MIN_KEYWORD_LENGTH = 4;
const MIN_FRAGMENT_LENGTH = 4;
// Eight characters tell as well as all of them that an encoded keyword may be here (the decoder
// reads the whole run around an occurrence anyway); longer fragments only add states to the
// gate's automaton: with 715 rules, 85,000 states in all instead of 37,000.
const MAX_FRAGMENT_LENGTH = 8;

function base64Fragments(literal: Buffer): string[] {
  const fragments: string[] = [];
  for (let align = 0; align < 3; align++) {
    const encoded = Buffer.concat([Buffer.alloc(align), literal]).toString('base64');
    // Characters whose six bits all come from the literal: independent of what surrounds it.
    const fragment = encoded.slice(Math.ceil((8 * align) / 6), Math.floor((8 * (align + literal.length)) / 6)).slice(0, MAX_FRAGMENT_LENGTH);
    if (fragment.length >= MIN_FRAGMENT_LENGTH) fragments.push(fragment);
    const urlSafe = fragment.replace(/\+/g, '-').replace(/\//g, '_');
    if (urlSafe !== fragment && urlSafe.length >= MIN_FRAGMENT_LENGTH) fragments.push(urlSafe);
  }
  return fragments;
}

export interface KeywordFragment {
  readonly text: string;
  readonly encoding: 'base64' | 'hex';
}

/** Encoded forms of (lower-case) keywords, as they would appear in lower or upper case. */
export function encodedKeywordFragments(keywords: Iterable<string>): KeywordFragment[] {
  const fragments = new Map<string, KeywordFragment>();
  for (const keyword of keywords) {
    if (keyword.length < MIN_KEYWORD_LENGTH) continue;
    for (const variant of new Set([keyword, keyword.toUpperCase()])) {
      const bytes = Buffer.from(variant, 'utf8');
      for (const text of base64Fragments(bytes)) fragments.set(text.toLowerCase(), { text, encoding: 'base64' });
      // The gate is case-insensitive, so one hex spelling covers both.
      const hex = bytes.toString('hex').slice(0, MAX_FRAGMENT_LENGTH);
      fragments.set(hex, { text: hex, encoding: 'hex' });
    }
  }
  return [...fragments.values()];
}

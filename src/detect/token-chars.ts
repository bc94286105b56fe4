/**
 * The characters a token may be made of: printable ASCII but quotes, `,` `;`, brackets and the
 * backslash, which delimit values in code and config rather than appear in them. Parentheses and
 * the other punctuation stay in: generated keys (Django's, passwords) use them. Whatever is not a
 * token character ends a token, so context clipped there never cuts one in two.
 */
const DELIMITERS = '"\'`,;<>[]{}\\';

const TOKEN = new Uint8Array(128);
for (let code = 0x21; code < 0x7f; code++) TOKEN[code] = 1;
for (const ch of DELIMITERS) TOKEN[ch.charCodeAt(0)] = 0;

/** Whether a UTF-16 code unit (or a byte: UTF-8 multi-byte sequences are never token characters) may be part of a token. */
export function isTokenChar(code: number): boolean {
  return code < 128 && TOKEN[code] === 1;
}

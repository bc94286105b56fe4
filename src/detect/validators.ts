/**
 * Offline structure checks a candidate must pass before it is reported. A rule names one with
 * `validate:`; the algorithms live here because data cannot express them.
 */
export type Validator = (secret: string) => boolean;

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

const CRC32_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(text: string): number {
  let crc = 0xffffffff;
  for (const byte of Buffer.from(text, 'utf8')) crc = (CRC32_TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

export function base62(value: number, width: number): string {
  let out = '';
  let rest = value;
  while (rest > 0) {
    out = BASE62[rest % 62] + out;
    rest = Math.floor(rest / 62);
  }
  return out.padStart(width, '0');
}

/**
 * GitHub's and npm's token format: prefix "xxx_", 30 random base62 characters, then the CRC32 of
 * the random part in 6 base62 characters. A typo or a made-up string fails it.
 */
export function base62Crc32Token(secret: string): boolean {
  const body = secret.slice(secret.indexOf('_') + 1);
  if (body.length !== 36) return false;
  return base62(crc32(body.slice(0, 30)), 6) === body.slice(30);
}

export function decodeBase64UrlJson(part: string): unknown {
  try {
    const text = Buffer.from(part, 'base64url').toString('utf8');
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A JWT is only worth reporting when its header and payload really are JSON objects. */
export function jwt(secret: string): boolean {
  const [header, payload] = secret.split('.');
  if (!header || !payload) return false;
  const decodedHeader = decodeBase64UrlJson(header);
  const decodedPayload = decodeBase64UrlJson(payload);
  return (
    typeof decodedHeader === 'object' && decodedHeader !== null && 'alg' in decodedHeader &&
    typeof decodedPayload === 'object' && decodedPayload !== null
  );
}


/**
 * A PEM, OpenSSH or PGP private key block is only worth reporting when its body really is a key:
 * base64 that decodes to a DER SEQUENCE whose length fits (PKCS#1, SEC1, PKCS#8, DSA), to the
 * "openssh-key-v1" magic, or to OpenPGP packets. Shortened, elided or made-up bodies fail it.
 * Literal "\n" escapes (keys inside JSON or code strings) count as line breaks.
 */
export function privateKeyBlock(secret: string): boolean {
  const text = secret.replace(/\\r\\n|\\n|\\r/g, '\n').replace(/\r/g, '');
  const begin = /-----BEGIN ([A-Z0-9 ]+)-----/.exec(text);
  if (!begin) return false;
  const label = begin[1] as string;
  const start = begin.index + begin[0].length;
  const end = text.indexOf('-----END', start);
  const lines = text
    .slice(start, end === -1 ? undefined : end)
    .split('\n')
    .map((line) => line.trim())
    // Armor headers ("Proc-Type: ...", "Comment: ...") and the PGP checksum line are not key data.
    .filter((line) => line !== '' && !line.includes(':') && !(label.startsWith('PGP') && /^=[A-Za-z0-9+/]{4}$/.test(line)));
  const body = lines.join('');
  if (body.length < 60 || !/^[A-Za-z0-9+/]+={0,2}$/.test(body) || new Set(body).size < 20) return false;
  const der = Buffer.from(body, 'base64');
  if (label === 'OPENSSH PRIVATE KEY') return der.subarray(0, 15).toString('latin1') === 'openssh-key-v1\0';
  if (label.startsWith('PGP')) return ((der[0] ?? 0) & 0x80) !== 0;
  return derSequenceFits(der);
}

function derSequenceFits(der: Buffer): boolean {
  if (der[0] !== 0x30 || der.length < 2) return false;
  const first = der[1] as number;
  if (first < 0x80) return 2 + first <= der.length;
  const octets = first & 0x7f;
  if (octets === 0 || octets > 4 || der.length < 2 + octets) return false;
  let length = 0;
  for (let i = 0; i < octets; i++) length = length * 256 + (der[2 + i] as number);
  return 2 + octets + length <= der.length;
}

const BECH32_CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';

function bech32Polymod(values: readonly number[]): number {
  const generators = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
  let chk = 1;
  for (const value of values) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ value;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk ^= generators[i] as number;
  }
  return chk >>> 0;
}

function bech32HrpExpand(hrp: string): number[] {
  const out: number[] = [];
  for (const ch of hrp) out.push(ch.charCodeAt(0) >> 5);
  out.push(0);
  for (const ch of hrp) out.push(ch.charCodeAt(0) & 31);
  return out;
}

/** Checksum a bech32 payload (BIP-173) for a human-readable part, both lowercase. */
export function bech32Checksum(hrp: string, data: readonly number[]): number[] {
  const polymod = bech32Polymod([...bech32HrpExpand(hrp), ...data, 0, 0, 0, 0, 0, 0]) ^ 1;
  return Array.from({ length: 6 }, (_, i) => (polymod >>> (5 * (5 - i))) & 31);
}

/**
 * Bech32 (BIP-173) checksum, as age uses for "AGE-SECRET-KEY-1..." (without BIP-173's 90 character
 * limit). The string must be all upper or all lower case; the last "1" separates the HRP.
 */
export function bech32(secret: string): boolean {
  if (secret !== secret.toUpperCase() && secret !== secret.toLowerCase()) return false;
  const text = secret.toLowerCase();
  const separator = text.lastIndexOf('1');
  if (separator < 1 || text.length - separator - 1 < 6) return false;
  const data: number[] = [];
  for (const ch of text.slice(separator + 1)) {
    const value = BECH32_CHARSET.indexOf(ch);
    if (value === -1) return false;
    data.push(value);
  }
  return bech32Polymod([...bech32HrpExpand(text.slice(0, separator)), ...data]) === 1;
}

/**
 * An HTTP Basic credential: base64 of "user:password" in printable text, with a password part.
 * Random base64 that is not such a pair fails it.
 */
export function basicAuth(secret: string): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(secret)) return false;
  const decoded = Buffer.from(secret, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon > 0 && colon < decoded.length - 1 && /^[\x20-\x7e]+$/.test(decoded);
}

/**
 * A PyPI API token is "pypi-" and a base64url macaroon (binary format v2): version byte 2, a
 * location field naming pypi.org or test.pypi.org, an identifier field, caveats, and a 32-byte
 * signature field at the end. A random string after the well-known header fails it.
 */
export function pypiMacaroon(secret: string): boolean {
  const bytes = Buffer.from(secret.replace(/^pypi-/, ''), 'base64url');
  if (bytes[0] !== 2 || bytes[1] !== 1) return false;
  const locationLength = bytes[2] ?? 0;
  const location = bytes.toString('latin1', 3, 3 + locationLength);
  if (location !== 'pypi.org' && location !== 'test.pypi.org') return false;
  const identifierAt = 3 + locationLength;
  const identifierLength = bytes[identifierAt + 1] ?? 0;
  if (bytes[identifierAt] !== 2 || identifierLength === 0 || identifierAt + 2 + identifierLength > bytes.length) return false;
  return bytes.length >= identifierAt + 36 && bytes[bytes.length - 34] === 6 && bytes[bytes.length - 33] === 32;
}

export const VALIDATORS: Readonly<Record<string, Validator>> = {
  'base62-crc32': base62Crc32Token,
  jwt,
  'private-key': privateKeyBlock,
  bech32,
  'basic-auth': basicAuth,
  'pypi-macaroon': pypiMacaroon,
};

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

function decodeBase64UrlJson(part: string): unknown {
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

export const VALIDATORS: Readonly<Record<string, Validator>> = {
  'base62-crc32': base62Crc32Token,
  jwt,
};

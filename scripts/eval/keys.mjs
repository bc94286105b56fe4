// Key material built from the seeded generator: real keys (RSA, EC, Ed25519) in real encodings,
// so the corpus is reproducible. node:crypto does the encoding; only the randomness is ours.
import { createECDH, createPrivateKey } from 'node:crypto';

/** @typedef {import('../rng.mjs').Rng} Rng */

// ---- DER -------------------------------------------------------------------------------------
/** @param {number} n */
function derLength(n) {
  if (n < 0x80) return Buffer.from([n]);
  const bytes = [];
  for (let v = n; v > 0; v >>= 8) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}
/** @param {number} tag @param {Buffer} body */
const tlv = (tag, body) => Buffer.concat([Buffer.from([tag]), derLength(body.length), body]);
export const der = {
  /** @param {Buffer[]} items */
  seq: (...items) => tlv(0x30, Buffer.concat(items)),
  /** @param {Buffer} bytes */
  octets: (bytes) => tlv(0x04, bytes),
  /** @param {bigint} value */
  int: (value) => {
    let hex = value.toString(16);
    if (hex.length % 2) hex = '0' + hex;
    let bytes = Buffer.from(hex, 'hex');
    if ((bytes[0] ?? 0) & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
    return tlv(0x02, bytes);
  },
  /** @param {string} hex */
  oid: (hex) => Buffer.from(hex, 'hex'),
  nul: () => Buffer.from([0x05, 0x00]),
};

/** @param {string} label @param {Buffer} body */
export function pem(label, body, width = 64) {
  const b64 = body.toString('base64');
  const lines = b64.match(new RegExp(`.{1,${width}}`, 'g')) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

// ---- RSA from a seed -------------------------------------------------------------------------
/** @param {Buffer} bytes */
function bigFrom(bytes) {
  return BigInt('0x' + bytes.toString('hex'));
}
/** @param {bigint} base @param {bigint} exp @param {bigint} mod */
function modPow(base, exp, mod) {
  let result = 1n;
  let b = base % mod;
  let e = exp;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % mod;
    b = (b * b) % mod;
    e >>= 1n;
  }
  return result;
}
/** @type {number[]} */
const SMALL_PRIMES = [];
for (let n = 3; SMALL_PRIMES.length < 300; n += 2) if (SMALL_PRIMES.every((p) => n % p !== 0)) SMALL_PRIMES.push(n);
/** @param {bigint} n @param {Rng} rng */
function probablyPrime(n, rng) {
  for (const p of SMALL_PRIMES) if (n % BigInt(p) === 0n) return false;
  let d = n - 1n;
  let s = 0;
  while (!(d & 1n)) {
    d >>= 1n;
    s++;
  }
  for (let round = 0; round < 8; round++) {
    const a = 2n + (bigFrom(rng.bytes(16)) % (n - 4n));
    let x = modPow(a, d, n);
    if (x === 1n || x === n - 1n) continue;
    let composite = true;
    for (let i = 1; i < s; i++) {
      x = (x * x) % n;
      if (x === n - 1n) {
        composite = false;
        break;
      }
    }
    if (composite) return false;
  }
  return true;
}
/** @param {number} bits @param {Rng} rng */
function randomPrime(bits, rng) {
  for (;;) {
    let candidate = bigFrom(rng.bytes(bits / 8)) | (1n << BigInt(bits - 1)) | (1n << BigInt(bits - 2)) | 1n;
    for (let step = 0; step < 2000; step++, candidate += 2n) if (probablyPrime(candidate, rng)) return candidate;
  }
}
/** @param {bigint} a @param {bigint} m */
function modInverse(a, m) {
  let [oldR, r] = [a % m, m];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  return ((oldS % m) + m) % m;
}

/** An RSA private key object; `bits` is the modulus size. @param {Rng} rng */
export function rsaKey(rng, bits = 2048) {
  const e = 65537n;
  for (;;) {
    const p = randomPrime(bits / 2, rng);
    const q = randomPrime(bits / 2, rng);
    if (p === q) continue;
    const phi = (p - 1n) * (q - 1n);
    if (phi % e === 0n) continue;
    const d = modInverse(e, phi);
    const ints = [0n, p * q, e, d, p, q, d % (p - 1n), d % (q - 1n), modInverse(q, p)];
    const pkcs1 = der.seq(...ints.map(der.int));
    return createPrivateKey({ key: pkcs1, format: 'der', type: 'pkcs1' });
  }
}

/** A P-256 private key object from a seeded scalar. @param {Rng} rng */
export function ecKey(rng) {
  const ecdh = createECDH('prime256v1');
  const d = rng.bytes(32);
  d[0] = ((d[0] ?? 0) & 0x7f) | 0x01;
  ecdh.setPrivateKey(d);
  const pub = ecdh.getPublicKey();
  /** @param {Buffer} b */
  const b64u = (b) => b.toString('base64url');
  return createPrivateKey({ key: { kty: 'EC', crv: 'P-256', d: b64u(d), x: b64u(pub.subarray(1, 33)), y: b64u(pub.subarray(33)) }, format: 'jwk' });
}

/** An Ed25519 private key object and its raw seed and public key. @param {Rng} rng */
export function ed25519Key(rng) {
  const seed = rng.bytes(32);
  const key = createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]), format: 'der', type: 'pkcs8' });
  const { x } = key.export({ format: 'jwk' });
  if (x === undefined) throw new Error('an Ed25519 JWK without x');
  const pub = Buffer.from(x, 'base64url');
  return { key, seed, pub };
}

// ---- Encodings node:crypto does not write deterministically or at all ---------------------------
/** An encrypted PKCS#8 blob: PBES2 (PBKDF2-SHA256, AES-256-CBC) with seeded salt, IV and ciphertext. @param {Rng} rng */
export function encryptedPkcs8(rng) {
  const pbes2 = der.oid('06092a864886f70d01050d');
  const pbkdf2 = der.oid('06092a864886f70d01050c');
  const hmacSha256 = der.oid('06082a864886f70d0209');
  const aes256cbc = der.oid('060960864801650304012a');
  const params = der.seq(
    der.seq(pbkdf2, der.seq(der.octets(rng.bytes(16)), der.int(2048n), der.seq(hmacSha256, der.nul()))),
    der.seq(aes256cbc, der.octets(rng.bytes(16))),
  );
  return pem('ENCRYPTED PRIVATE KEY', der.seq(der.seq(pbes2, params), der.octets(rng.bytes(16 * rng.int(70, 80)))));
}

/** @param {Buffer | string} data */
function sshString(data) {
  const body = Buffer.isBuffer(data) ? data : Buffer.from(data);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(body.length);
  return Buffer.concat([len, body]);
}
/** @param {number} n */
const u32 = (n) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
};

/** An unencrypted OpenSSH ed25519 private key file (openssh-key-v1). @param {Rng} rng @param {string} comment */
export function opensshEd25519(rng, comment) {
  const { seed, pub } = ed25519Key(rng);
  const pubBlob = Buffer.concat([sshString('ssh-ed25519'), sshString(pub)]);
  const check = u32(rng.int(0, 0xffffffff));
  let priv = Buffer.concat([check, check, sshString('ssh-ed25519'), sshString(pub), sshString(Buffer.concat([seed, pub])), sshString(comment)]);
  const pad = [];
  for (let i = 1; (priv.length + pad.length) % 8 !== 0; i++) pad.push(i);
  priv = Buffer.concat([priv, Buffer.from(pad)]);
  const blob = Buffer.concat([Buffer.from('openssh-key-v1\0', 'latin1'), sshString('none'), sshString('none'), sshString(''), u32(1), sshString(pubBlob), sshString(priv)]);
  return pem('OPENSSH PRIVATE KEY', blob, 70);
}

/** An OpenPGP transferable secret key: a v4 RSA secret-key packet with seeded MPIs, ASCII-armored. @param {Rng} rng */
export function pgpSecretKey(rng) {
  /** @param {number} bits */
  const mpi = (bits) => {
    const bytes = rng.bytes(bits / 8);
    bytes[0] = (bytes[0] ?? 0) | 0x80;
    return Buffer.concat([Buffer.from([bits >> 8, bits & 0xff]), bytes]);
  };
  const body = Buffer.concat([Buffer.from([4]), u32(1700000000 + rng.int(0, 50000000)), Buffer.from([1]), mpi(2048), Buffer.from([0, 17, 1, 0, 1]), Buffer.from([0]), mpi(2048), mpi(1024), mpi(1024), mpi(1024), rng.bytes(2)]);
  const packet = Buffer.concat([Buffer.from([0x95]), Buffer.from([body.length >> 8, body.length & 0xff]), body]);
  const b64 = (packet.toString('base64').match(/.{1,64}/g) ?? []).join('\n');
  return `-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n${b64}\n=${rng.str(4)}\n-----END PGP PRIVATE KEY BLOCK-----\n`;
}

// ---- Checksummed token formats --------------------------------------------------------------------
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
/** @param {string} text */
export function crc32(text) {
  let crc = 0xffffffff;
  for (const byte of Buffer.from(text)) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** @param {number} value @param {number} width */
export function base62(value, width) {
  let out = '';
  for (let rest = value; rest > 0; rest = Math.floor(rest / 62)) out = BASE62[rest % 62] + out;
  return out.padStart(width, '0');
}

const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
/** @param {number[]} values */
function polymod(values) {
  const gen = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk ^= gen[i] ?? 0;
  }
  return chk >>> 0;
}
/** BIP-173 bech32 of `bytes` under `hrp` (lowercase). @param {string} hrp @param {Iterable<number>} bytes */
export function bech32Encode(hrp, bytes) {
  /** @type {number[]} */
  const data = [];
  let acc = 0;
  let bits = 0;
  for (const byte of bytes) {
    acc = (acc << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      data.push((acc >>> bits) & 31);
    }
  }
  if (bits > 0) data.push((acc << (5 - bits)) & 31);
  const expand = [...[...hrp].map((c) => c.charCodeAt(0) >> 5), 0, ...[...hrp].map((c) => c.charCodeAt(0) & 31)];
  const mod = polymod([...expand, ...data, 0, 0, 0, 0, 0, 0]) ^ 1;
  const checksum = Array.from({ length: 6 }, (_, i) => (mod >>> (5 * (5 - i))) & 31);
  return `${hrp}1${[...data, ...checksum].map((v) => BECH32[v]).join('')}`;
}

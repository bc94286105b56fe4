import { randomBytes } from 'node:crypto';
import { encodedKeywordFragments } from '../../src/detect/decode/keyword-fragments.js';

/** Base64 of `bytes` random bytes with an encoded `dmo_` fragment every 32 KB. */
export function hugeRun(bytes: number): Buffer {
  const fragment = encodedKeywordFragments(['dmo_']).find((f) => f.encoding === 'base64')?.text ?? '';
  const blob = Buffer.from(randomBytes(bytes).toString('base64'));
  for (let at = 0; at < blob.length; at += 32 * 1024) blob.write(fragment, at);
  return blob;
}

/**
 * A Kubernetes Secret keeps its values base64-encoded under `data:`. Decoded alone, a value like
 * "hunter2" has no context; decoded as the line `DB_PASSWORD: hunter2` it does, so the generic
 * assignment rules see what a human would.
 */
export interface SecretDataValue {
  /** Byte offsets of the encoded value in the manifest. */
  readonly start: number;
  readonly end: number;
  /** `key: decoded-value`, the text detection runs on. */
  readonly text: Buffer;
}

const KIND_SECRET = /^kind:\s*["']?Secret["']?\s*$/m;
const DATA_BLOCK = /^(\s*)data:\s*$/;
const ENTRY = /^(\s+)([A-Za-z0-9_.-]+):\s*["']?([A-Za-z0-9+/]+={0,2})["']?\s*$/;

export function secretDataValues(buf: Buffer): SecretDataValue[] {
  // Native substring searches rule out almost every buffer before any text is decoded: code says
  // "Secret" often, a line starting "kind:" rarely.
  if (!buf.includes('Secret') || !buf.includes('kind:')) return [];
  const text = buf.toString('latin1');
  if (!KIND_SECRET.test(text)) return [];
  const values: SecretDataValue[] = [];
  let offset = 0;
  let dataIndent: number | undefined;
  for (const line of text.split('\n')) {
    const lineStart = offset;
    offset += line.length + 1;
    const block = DATA_BLOCK.exec(line);
    if (block) {
      dataIndent = (block[1] ?? '').length;
      continue;
    }
    if (dataIndent === undefined) continue;
    const entry = ENTRY.exec(line.replace(/\r$/, ''));
    if (!entry || (entry[1] ?? '').length <= dataIndent) {
      if (line.trim() && !line.startsWith(' '.repeat(dataIndent + 1))) dataIndent = undefined;
      continue;
    }
    const [, , key = '', value = ''] = entry;
    const decoded = Buffer.from(value, 'base64');
    const start = lineStart + line.indexOf(value, (entry[1] ?? '').length + key.length);
    values.push({ start, end: start + value.length, text: Buffer.concat([Buffer.from(`${key}: `, 'latin1'), decoded]) });
  }
  return values;
}

// git and most editors call a file binary when a NUL byte appears in its first 8000 bytes.
const SNIFF_BYTES = 8000;

const UTF8_BOM = [0xef, 0xbb, 0xbf];

function startsWith(buf: Buffer, bytes: readonly number[]): boolean {
  return bytes.every((byte, i) => buf[i] === byte);
}

/**
 * Bytes ready for detection, or undefined for binary content. UTF-16 text (with a BOM) is
 * re-encoded as UTF-8: a token in a UTF-16 file is still a leak, and NUL bytes would otherwise
 * make it look binary.
 */
export function textBytes(buf: Buffer): Buffer | undefined {
  if (startsWith(buf, [0xff, 0xfe])) return Buffer.from(buf.subarray(2).toString('utf16le'), 'utf8');
  if (startsWith(buf, [0xfe, 0xff])) {
    const swapped = Buffer.from(buf.subarray(2, buf.length - (buf.length % 2)));
    return Buffer.from(swapped.swap16().toString('utf16le'), 'utf8');
  }
  if (buf.subarray(0, SNIFF_BYTES).includes(0)) return undefined;
  return startsWith(buf, UTF8_BOM) ? buf.subarray(3) : buf;
}

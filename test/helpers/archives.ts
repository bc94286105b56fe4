import { constants, deflateRawSync, gzipSync } from 'node:zlib';
import tar from 'tar-stream';
import yazl from 'yazl';

/**
 * Archives built at test time, so no binary holding a token is ever committed. Built with the
 * same kind of well-kept libraries the scanner reads them with, never by hand, except for the
 * bombs, whose point is to be built wrong.
 */
export type Tree = Record<string, string | Buffer>;

async function collect(stream: NodeJS.ReadableStream | AsyncIterable<unknown>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) parts.push(chunk);
  return Buffer.concat(parts);
}

export function zipOf(files: Tree, options: { compress?: boolean } = {}): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  const mtime = new Date('2024-01-01T00:00:00Z');
  for (const [name, content] of Object.entries(files)) {
    if (name.endsWith('/')) zip.addEmptyDirectory(name, { mtime });
    else zip.addBuffer(Buffer.from(content), name, { compress: options.compress ?? true, mtime });
  }
  zip.end();
  return collect(zip.outputStream);
}

export function tarOf(files: Tree): Promise<Buffer> {
  const pack = tar.pack();
  for (const [name, content] of Object.entries(files)) pack.entry({ name, mtime: new Date('2024-01-01T00:00:00Z') }, Buffer.from(content));
  pack.finalize();
  return collect(pack);
}

export async function tarGzOf(files: Tree): Promise<Buffer> {
  return gzipSync(await tarOf(files));
}

export function gzipOf(content: string | Buffer): Buffer {
  return gzipSync(Buffer.from(content));
}

/**
 * A zip whose central directory gives some entries another uncompressed size than they inflate
 * to. yauzl reads sizes from the central directory, so this is the header a bomb would lie with.
 */
export async function lyingZip(files: Tree, declared: Record<string, number>): Promise<Buffer> {
  const zip = await zipOf(files);
  for (let at = zip.indexOf(CENTRAL_HEADER); at !== -1; at = zip.indexOf(CENTRAL_HEADER, at + 4)) {
    const name = zip.toString('utf8', at + 46, at + 46 + zip.readUInt16LE(at + 28));
    const size = declared[name];
    if (size !== undefined) zip.writeUInt32LE(size, at + 24);
  }
  return zip;
}
const CENTRAL_HEADER = Buffer.from([0x50, 0x4b, 0x01, 0x02]);

/** Renames entries in place (same length), to names yazl rightly refuses to write, such as "../x". */
export function renameEntries(zip: Buffer, from: string, to: string): Buffer {
  if (Buffer.byteLength(from) !== Buffer.byteLength(to)) throw new Error('renameEntries keeps lengths');
  const needle = Buffer.from(from);
  for (let at = zip.indexOf(needle); at !== -1; at = zip.indexOf(needle, at + 1)) zip.write(to, at);
  return zip;
}

/** Zeros: they compress a thousandfold and are sniffed as binary, so a bomb's payload is never scanned as text. */
export function zeros(bytes: number): Buffer {
  return Buffer.alloc(bytes);
}

/**
 * A .tar.gz of `count` copies of one `entryBytes`-byte file of zeros, without ever holding or
 * deflating more than one copy: the deflated entry is flushed to a byte boundary and repeated.
 */
export async function tarGzBomb(count: number, entryBytes: number): Promise<Buffer> {
  const entry = (await tarOf({ 'zeros.bin': zeros(entryBytes) })).subarray(0, 512 + Math.ceil(entryBytes / 512) * 512);
  const deflated = deflateRawSync(entry, { level: 9, finishFlush: constants.Z_SYNC_FLUSH });
  const header = Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0x03]);
  return Buffer.concat([header, ...Array.from({ length: count }, () => deflated), deflateRawSync(Buffer.alloc(0)), Buffer.alloc(8)]);
}

export type ArchiveKind = 'zip' | 'gzip' | 'tar';

// "ustar" at offset 257 marks both POSIX (ustar\0) and GNU (ustar  \0) tar headers.
const TAR_MAGIC = Buffer.from('ustar', 'latin1');
const TAR_MAGIC_OFFSET = 257;
export const TAR_SNIFF_BYTES = TAR_MAGIC_OFFSET + TAR_MAGIC.length;

export function isTar(buf: Buffer): boolean {
  return buf.length >= TAR_SNIFF_BYTES && buf.subarray(TAR_MAGIC_OFFSET, TAR_SNIFF_BYTES).equals(TAR_MAGIC);
}

/**
 * The archive format of some bytes, by magic number and never by file name: a .jar, .whl, .apk or
 * .nupkg is a zip, and a renamed archive is still an archive.
 */
export function archiveKind(buf: Buffer): ArchiveKind | undefined {
  // PK\3\4 starts a zip's first entry; PK\5\6 is an empty zip's end record.
  if (buf[0] === 0x50 && buf[1] === 0x4b && ((buf[2] === 0x03 && buf[3] === 0x04) || (buf[2] === 0x05 && buf[3] === 0x06))) return 'zip';
  // 1f 8b, then 08: deflate, the only method gzip defines.
  if (buf[0] === 0x1f && buf[1] === 0x8b && buf[2] === 0x08) return 'gzip';
  return isTar(buf) ? 'tar' : undefined;
}

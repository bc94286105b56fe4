import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { archiveKind, expandArchive, type ArchiveItem, type ArchiveLimits } from '../../src/sources/archive.js';
import { gunzippedName } from '../../src/sources/archive-gzip.js';
import { gzipOf, lyingZip, renameEntries, tarGzBomb, tarGzOf, tarOf, zeros, zipOf } from '../helpers/archives.js';

const MIB = 1024 * 1024;
const LIMITS: ArchiveLimits = { maxDepth: 2, maxBytes: 256 * MIB, maxEntries: 10_000, maxEntryBytes: 5 * MIB };

async function expand(data: Buffer, path: string, limits: Partial<ArchiveLimits> = {}): Promise<ArchiveItem[]> {
  const items: ArchiveItem[] = [];
  for await (const item of expandArchive(data, path, { ...LIMITS, ...limits })) items.push(item);
  return items;
}

/** Inner files as path → text; everything else as path → "reason: message". */
function summary(items: readonly ArchiveItem[]): Record<string, string> {
  return Object.fromEntries(
    items.map((item) => [item.path, item.kind === 'file' ? item.data.toString('utf8') : item.kind === 'error' ? `error: ${item.message}` : `${item.reason}: ${item.message ?? ''}`]),
  );
}

describe('archiveKind', () => {
  it('knows zip, gzip and tar by their magic bytes, whatever the name', async () => {
    expect(archiveKind(await zipOf({ 'META-INF/MANIFEST.MF': 'Manifest-Version: 1.0\n' }))).toBe('zip');
    expect(archiveKind(await zipOf({}))).toBe('zip');
    expect(archiveKind(gzipOf('x'))).toBe('gzip');
    expect(archiveKind(await tarOf({ a: 'x' }))).toBe('tar');
  });

  it('calls text, UTF-16 and other binary files no archive', () => {
    expect(archiveKind(Buffer.from('PK is not enough\n'))).toBeUndefined();
    expect(archiveKind(Buffer.from([0xff, 0xfe, 0x41, 0x00]))).toBeUndefined();
    expect(archiveKind(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))).toBeUndefined();
    expect(archiveKind(Buffer.alloc(0))).toBeUndefined();
  });
});

describe('expandArchive', () => {
  it('lists the files of a zip under archive!inner paths, folders left out', async () => {
    const zip = await zipOf({ 'config/app.env': 'KEY=1\n', 'config/': '', 'README': 'hello' });
    expect(summary(await expand(zip, 'dist/bundle.zip'))).toEqual({ 'dist/bundle.zip!config/app.env': 'KEY=1\n', 'dist/bundle.zip!README': 'hello' });
  });

  it('reads stored (uncompressed) zip entries, and jars, which are zips', async () => {
    const jar = await zipOf({ 'META-INF/MANIFEST.MF': 'Main-Class: App\n', 'application.properties': 'db.password=x\n' }, { compress: false });
    expect(summary(await expand(jar, 'app.jar'))).toEqual({ 'app.jar!META-INF/MANIFEST.MF': 'Main-Class: App\n', 'app.jar!application.properties': 'db.password=x\n' });
  });

  it('keeps entry names a zip extractor would refuse: nothing is extracted, and they may hide secrets', async () => {
    const zip = renameEntries(await zipOf({ 'xx/xx/etc/evil.env': 'A=1\n' }), 'xx/xx/etc/evil.env', '../../etc/evil.env');
    expect(summary(await expand(zip, 'x.zip'))).toEqual({ 'x.zip!../../etc/evil.env': 'A=1\n' });
  });

  it('reads tar, tar.gz and plain gzip files', async () => {
    const files = { 'deploy/.env': 'A=1\n', 'deploy/run.sh': 'echo hi\n' };
    expect(summary(await expand(await tarOf(files), 'b.tar'))).toEqual({ 'b.tar!deploy/.env': 'A=1\n', 'b.tar!deploy/run.sh': 'echo hi\n' });
    expect(summary(await expand(await tarGzOf(files), 'b.tgz'))).toEqual({ 'b.tgz!deploy/.env': 'A=1\n', 'b.tgz!deploy/run.sh': 'echo hi\n' });
    expect(summary(await expand(gzipOf('A=1\n'), 'logs/app.env.gz'))).toEqual({ 'logs/app.env.gz!app.env': 'A=1\n' });
  });

  it('names the content of a gzip after the file, as gunzip would', () => {
    expect(gunzippedName('a/b/dump.sql.gz')).toBe('dump.sql');
    expect(gunzippedName('x.zip!release.tgz')).toBe('release.tar');
    expect(gunzippedName('blob')).toBe('blob');
  });

  it('opens archives inside archives up to maxDepth, and refuses deeper ones without stopping', async () => {
    const zip = await zipOf({ 'c.env': 'A=1\n' });
    const tgz = await tarGzOf({ 'inner.zip': zip, 'side.txt': 'B=2\n' });
    expect(summary(await expand(tgz, 'b.tar.gz'))).toEqual({ 'b.tar.gz!inner.zip!c.env': 'A=1\n', 'b.tar.gz!side.txt': 'B=2\n' });

    const shallow = summary(await expand(tgz, 'b.tar.gz', { maxDepth: 1 }));
    expect(shallow['b.tar.gz!inner.zip']).toMatch(/^archive-limit: archive nested deeper than --max-archive-depth \(1\)/);
    expect(shallow['b.tar.gz!side.txt']).toBe('B=2\n');
  });

  it('skips inner files over the per-file limit and reads the rest', async () => {
    const zip = await zipOf({ 'big.txt': 'x'.repeat(2000), 'small.txt': 'ok' });
    expect(summary(await expand(zip, 'a.zip', { maxEntryBytes: 1000 }))).toEqual({ 'a.zip!big.txt': 'too-large: ', 'a.zip!small.txt': 'ok' });
    const tar = await tarOf({ 'big.txt': 'x'.repeat(2000), 'small.txt': 'ok' });
    expect(summary(await expand(tar, 'a.tar', { maxEntryBytes: 1000 }))).toEqual({ 'a.tar!big.txt': 'too-large: ', 'a.tar!small.txt': 'ok' });
  });

  it('stops a zip whose header lies about its size as soon as it inflates past it', async () => {
    const zip = await lyingZip({ 'bomb.bin': zeros(16 * MIB) }, { 'bomb.bin': 1000 });
    const items = summary(await expand(zip, 'liar.zip'));
    expect(items['liar.zip!bomb.bin']).toMatch(/^archive-limit: inflates past the 1000 bytes its header declares/);
  });

  it('refuses unread a zip entry that owns up to inflating past the budget, and reads its siblings', async () => {
    const zip = await lyingZip({ 'huge.bin': 'x', 'ok.txt': 'y' }, { 'huge.bin': 3 * 1024 * MIB });
    const items = summary(await expand(zip, 'big.zip'));
    expect(items['big.zip!huge.bin']).toMatch(/^archive-limit: would inflate to 3221225472 bytes, past --max-archive-bytes/);
    expect(items['big.zip!ok.txt']).toBe('y');
  });

  it('counts every refused entry but words at most five warnings per archive', async () => {
    const names = Array.from({ length: 8 }, (_, i) => `huge${i}.bin`);
    const zip = await lyingZip(Object.fromEntries(names.map((name) => [name, 'x'])), Object.fromEntries(names.map((name) => [name, 1024 * MIB])));
    const items = await expand(zip, 'many.zip');
    expect(items.map((item) => item.kind === 'skipped' && item.reason)).toEqual(names.map(() => 'archive-limit'));
    expect(items.filter((item) => item.kind === 'skipped' && item.message !== undefined)).toHaveLength(5);
  });

  it('stops a tar.gz bomb at the byte budget, having inflated no more than it allows', async () => {
    // 4 GiB of zeros in about 4 MB; the budget stops it after 32 MiB.
    const bomb = await tarGzBomb(1024, 4 * MIB);
    const items = await expand(bomb, 'bomb.tar.gz', { maxBytes: 32 * MIB });
    const last = items.at(-1);
    expect(last).toMatchObject({ kind: 'skipped', reason: 'archive-limit', path: 'bomb.tar.gz' });
    expect(last?.kind === 'skipped' && last.message).toMatch(/inflates past --max-archive-bytes \(33554432 bytes\)/);
    expect(items.filter((item) => item.kind === 'file').length).toBeLessThanOrEqual(8);
  });

  it('shares one budget among nested archives, so many small bombs stop like one big one', async () => {
    const inner = await zipOf(Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`z${i}.bin`, zeros(MIB)])));
    const outer = await zipOf(Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`inner${i}.zip`, inner])));
    const items = await expand(outer, 'nested.zip', { maxBytes: 20 * MIB });
    expect(items.filter((item) => item.kind === 'file').length).toBeLessThan(20);
    expect(items.at(-1)).toMatchObject({ kind: 'skipped', reason: 'archive-limit' });
  });

  it('stops after maxEntries entries', async () => {
    const zip = await zipOf(Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`f${i}.txt`, 'x'])));
    const items = await expand(zip, 'many.zip', { maxEntries: 10 });
    expect(items.filter((item) => item.kind === 'file')).toHaveLength(10);
    expect(items.at(-1)).toMatchObject({ kind: 'skipped', reason: 'archive-limit', path: 'many.zip!f10.txt' });
    expect(items.at(-1)?.kind === 'skipped' && items.at(-1)).toMatchObject({ message: expect.stringMatching(/more than 10 entries/) });
  });

  it('reports a damaged archive as an error and keeps what came before the damage', async () => {
    const truncatedZip = (await zipOf({ 'a.txt': 'x' })).subarray(0, 40);
    expect(await expand(truncatedZip, 'cut.zip')).toEqual([{ kind: 'error', path: 'cut.zip', message: expect.stringMatching(/^damaged zip archive: /) }]);

    const tgz = await tarGzOf({ 'first.txt': 'one', 'second.txt': randomBytes(60_000).toString('base64') });
    const items = await expand(tgz.subarray(0, tgz.length - 200), 'cut.tgz');
    expect(items[0]).toMatchObject({ kind: 'file', path: 'cut.tgz!first.txt' });
    expect(items.at(-1)).toMatchObject({ kind: 'error', path: 'cut.tgz' });

    const damagedInner = await tarOf({ 'inner.zip': truncatedZip, 'after.txt': 'still read' });
    expect(summary(await expand(damagedInner, 'outer.tar'))).toEqual({
      'outer.tar!inner.zip': expect.stringMatching(/^error: damaged zip archive/),
      'outer.tar!after.txt': 'still read',
    });
  });
});

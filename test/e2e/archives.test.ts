import { describe, expect, it } from 'vitest';
import { lyingZip, tarGzBomb, tarGzOf, tarOf, zeros, zipOf } from '../helpers/archives.js';
import { DEMO_PACK, runCli } from '../helpers/cli.js';
import { tempDir, writeTree } from '../helpers/temp.js';
import { fakeDemoToken } from '../helpers/tokens.js';

const demo = ['--no-config', '--rules', DEMO_PACK];
const MIB = 1024 * 1024;

interface JsonReport {
  findings: { ruleId: string; path: string; startLine: number; startColumn: number }[];
  stats: { files: number; skipped: Record<string, number> };
  errors: { path: string; message: string }[];
  warnings?: { path: string; message: string }[];
}

async function scanJson(args: readonly string[]): Promise<{ code: number | null; report: JsonReport; stderr: string }> {
  const run = await runCli(['scan', ...args, ...demo, '-f', 'json']);
  return { code: run.code, report: JSON.parse(run.stdout) as JsonReport, stderr: run.stderr };
}

function located(report: JsonReport): string[] {
  return report.findings.map((finding) => `${finding.path}:${finding.startLine}:${finding.startColumn}`).sort();
}

describe('secretsift scan: archives', () => {
  it('finds tokens inside zip, jar and tar.gz files, at lines of the inner file, redacted', async () => {
    const dir = tempDir();
    const [zipToken, jarToken, tgzToken] = [fakeDemoToken(), fakeDemoToken(), fakeDemoToken()];
    writeTree(dir, {
      'dist/configs.zip': await zipOf({ 'config/app.env': `# app\nNAME=demo\nTOKEN=${zipToken}\n`, 'logo.png': zeros(100) }),
      // Named like nothing in particular: archives are known by their bytes.
      'lib/service.bin': await zipOf({ 'META-INF/MANIFEST.MF': 'Manifest-Version: 1.0\n', 'application.properties': `demo.token=${jarToken}\n` }),
      'deploy/bundle.tgz': await tarGzOf({ 'deploy/.env': `\n\nKEY=${tgzToken}\n` }),
      'plain.txt': 'nothing here\n',
    });
    const run = await runCli(['scan', '.', ...demo], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('dist/configs.zip!config/app.env:3:7');
    expect(run.stdout).toContain('lib/service.bin!application.properties:1:12');
    expect(run.stdout).toContain('deploy/bundle.tgz!deploy/.env:3:5');
    expect(run.stdout).toMatch(/3 leaks found/);
    // Inner binary files are counted like binary files on disk.
    expect(run.stdout).toMatch(/skipped 1 binary/);
    for (const token of [zipToken, jarToken, tgzToken]) expect(run.stdout + run.stderr).not.toContain(token.slice(4, 12));
  });

  it('looks into nested archives and decodes UTF-16 inner files, on worker threads too', async () => {
    const dir = tempDir();
    const [nested, wide] = [fakeDemoToken(), fakeDemoToken()];
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`line one\r\nKEY=${wide}\r\n`, 'utf16le')]);
    writeTree(dir, { 'release.tar.gz': await tarGzOf({ 'inner.zip': await zipOf({ 'c.env': `A=${nested}\n` }), 'notes.txt': utf16 }) });
    for (const threads of ['0', '2']) {
      const { code, report } = await scanJson([dir, '--threads', threads]);
      expect(code).toBe(1);
      expect(located(report)).toEqual([`${dir}/release.tar.gz!inner.zip!c.env:1:3`, `${dir}/release.tar.gz!notes.txt:2:5`]);
      expect(report.stats.files).toBe(2);
    }
  });

  it('skips archives as binary with --no-archives or --max-archive-depth 0', async () => {
    const dir = tempDir();
    writeTree(dir, { 'a.zip': await zipOf({ 'a.env': `T=${fakeDemoToken()}\n` }) });
    for (const off of [['--no-archives'], ['--max-archive-depth', '0']]) {
      const { code, report } = await scanJson([dir, ...off]);
      expect(code).toBe(0);
      expect(report.stats.skipped.binary).toBe(1);
    }
    const bad = await runCli(['scan', dir, ...demo, '--max-archive-bytes', 'lots']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--max-archive-bytes must be a positive size in bytes/);
  });

  it('refuses zip bombs and too-deep nesting with a warning, and scans everything else', async () => {
    const dir = tempDir();
    const token = fakeDemoToken();
    const deep = await zipOf({ 'l2.zip': await zipOf({ 'l3.zip': await zipOf({ 'deep.env': `T=${fakeDemoToken()}\n` }) }) });
    writeTree(dir, {
      // 4 GiB of zeros in about 4 MB: the default budget (256 MiB) stops it.
      'bomb.tar.gz': await tarGzBomb(1024, 4 * MIB),
      'liar.zip': await lyingZip({ 'payload.bin': zeros(8 * MIB), 'after.env': `T=${token}\n` }, { 'payload.bin': 100 }),
      'deep.zip': deep,
      'app.env': `T=${token}\n`,
    });
    const { code, report, stderr } = await scanJson([dir]);
    expect(code).toBe(1);
    expect(located(report)).toEqual([`${dir}/app.env:1:3`, `${dir}/liar.zip!after.env:1:3`]);
    expect(report.stats.skipped['archive-limit']).toBe(3);
    expect(report.warnings?.map((warning) => warning.path)).toEqual([`${dir}/bomb.tar.gz`, `${dir}/deep.zip!l2.zip!l3.zip`, `${dir}/liar.zip!payload.bin`]);
    expect(stderr).toContain(`warning: ${dir}/bomb.tar.gz: inflates past --max-archive-bytes (268435456 bytes), like a zip bomb`);
    expect(stderr).toContain(`warning: ${dir}/liar.zip!payload.bin: inflates past the 100 bytes its header declares`);
    expect(stderr).toContain(`warning: ${dir}/deep.zip!l2.zip!l3.zip: archive nested deeper than --max-archive-depth (2)`);

    const text = await runCli(['scan', dir, ...demo, '--max-archive-depth', '3']);
    expect(text.stdout).toMatch(/skipped .*2 archive-limit/);
    expect(text.stdout).toContain('deep.zip!l2.zip!l3.zip!deep.env:1:3');
  });

  it('honours --max-archive-bytes, counting nested layers together', async () => {
    const dir = tempDir();
    const inflating = await tarGzOf({ 'big.bin': zeros(200_000), 'b.env': `T=${fakeDemoToken()}\n` });
    // The zip's entry declares its size: refused unread, its sibling still scanned.
    const declaring = await tarOf({ 'x.zip': await zipOf({ 'big.bin': zeros(200_000), 'c.env': `T=${fakeDemoToken()}\n` }) });
    writeTree(dir, { 'a.tar.gz': inflating, 'b.tar': declaring });
    const small = await scanJson([dir, '--max-archive-bytes', '100000']);
    expect(located(small.report)).toEqual([`${dir}/b.tar!x.zip!c.env:1:3`]);
    expect(small.report.stats.skipped['archive-limit']).toBe(2);
    expect(small.stderr).toContain(`warning: ${dir}/a.tar.gz: inflates past --max-archive-bytes (100000 bytes)`);
    expect(small.stderr).toContain(`warning: ${dir}/b.tar!x.zip!big.bin: would inflate to 200000 bytes, past --max-archive-bytes (100000)`);
    expect(located((await scanJson([dir])).report)).toHaveLength(2);
  });

  it('reports a damaged archive as unreadable and goes on', async () => {
    const dir = tempDir();
    writeTree(dir, { 'cut.zip': (await zipOf({ 'a.txt': 'x' })).subarray(0, 40), 'b.env': `T=${fakeDemoToken()}\n` });
    const { code, report, stderr } = await scanJson([dir]);
    expect(code).toBe(1);
    expect(report.errors).toEqual([{ path: `${dir}/cut.zip`, message: expect.stringMatching(/^damaged zip archive: /) }]);
    expect(stderr).toContain(`warning: could not read ${dir}/cut.zip: damaged zip archive`);
  });
});

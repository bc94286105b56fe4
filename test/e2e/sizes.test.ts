import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir, writeTree } from '../helpers/temp.js';

interface Stats {
  stats: { files: number; skipped: Record<string, number> };
}

async function scanStats(dir: string, size: string): Promise<Stats['stats']> {
  const run = await runCli(['scan', dir, '--no-config', '-f', 'json', '--max-file-size', size]);
  expect(run.code, run.stderr).toBe(0);
  return (JSON.parse(run.stdout) as Stats).stats;
}

describe('sizes on the command line', () => {
  it('--max-file-size takes a unit, a power of 1024: a 3,000-byte file is over 2k and under 3k', async () => {
    const dir = tempDir();
    writeTree(dir, { 'big.txt': 'x'.repeat(3000) });
    expect((await scanStats(dir, '2k')).skipped['too-large']).toBe(1);
    expect((await scanStats(dir, '2999')).skipped['too-large']).toBe(1);
    // 3k is 3,072 bytes, not 3,000: the file fits.
    expect(await scanStats(dir, '3k')).toMatchObject({ files: 1, skipped: { 'too-large': 0 } });
    expect(await scanStats(dir, '10MB')).toMatchObject({ files: 1 });
    expect(await scanStats(dir, '1GiB')).toMatchObject({ files: 1 });
  });

  it('a size that does not parse is a usage error naming the option', async () => {
    const dir = tempDir();
    for (const [flag, value] of [
      ['--max-file-size', '10TB'],
      ['--max-file-size', '1.5M'],
      ['--max-archive-bytes', 'lots'],
    ] as const) {
      const run = await runCli(['scan', dir, '--no-config', flag, value]);
      expect(run.code, value).toBe(2);
      expect(run.stderr).toContain(`${flag} must be a positive size in bytes`);
      expect(run.stderr).toContain(`"${value}"`);
    }
  });
});

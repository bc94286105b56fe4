import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_PACK, runCli } from '../helpers/cli.js';
import { git, initRepo } from '../helpers/git.js';
import { tempDir, writeTree } from '../helpers/temp.js';
import { fakeDemoToken } from '../helpers/tokens.js';

const DEMO = ['--rules', DEMO_PACK, '--no-config'];
const NOT_UTF8_NAME = Buffer.from([0x62, 0x61, 0x64, 0xff, 0xfe, 0x2e, 0x65, 0x6e, 0x76]);
const DEPTH = 300;

interface JsonReport {
  findings: { path: string; startLine: number; startColumn: number; secretLength: number }[];
  stats: { files: number; skipped: Record<string, number> };
  errors: unknown[];
}

/**
 * One tree of everything a hostile repository may hold. Each planted token sits after "T=" (column
 * 3) on a known line; `expected` lists path, line and column.
 */
function hostileTree(dir: string): [string, number, number][] {
  const line = (text: string, at: number): string => `${'x\n'.repeat(at - 1)}${text}`;
  writeTree(dir, {
    'random.bin': randomBytes(64 * 1024),
    // A token, then UTF-8 cut off mid-character at the very end.
    'truncated.txt': Buffer.concat([Buffer.from(`a\nT=${fakeDemoToken()}\n\u00e9`), Buffer.from([0xe2, 0x82])]),
    'invalid-utf8.txt': Buffer.concat([Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0x0a]), Buffer.from(`T=${fakeDemoToken()}\n`)]),
    'utf16le.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`one\r\nT=${fakeDemoToken()}\r\n`, 'utf16le')]),
    'utf16be.txt': Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(`one\ntwo\nT=${fakeDemoToken()}\n`, 'utf16le').swap16()]),
    'crlf.txt': `a\r\nb\r\n\r\nT=${fakeDemoToken()}\r\n`,
    'cr-only.txt': `a\rb\r\rT=${fakeDemoToken()}\r`,
    'mixed.txt': `a\r\nb\rc\n\n\rT=${fakeDemoToken()}\n`,
    'with space.env': line(`T=${fakeDemoToken()}`, 2),
    'new\nline.env': `T=${fakeDemoToken()}\n`,
    '-leading-dash.env': `T=${fakeDemoToken()}\n`,
    '--output=evil.env': `T=${fakeDemoToken()}\n`,
  });
  writeFileSync(Buffer.concat([Buffer.from(`${dir}/`), NOT_UTF8_NAME]), `T=${fakeDemoToken()}\n`);
  const deep = path.join(dir, ...Array.from({ length: DEPTH }, () => 'd'));
  mkdirSync(deep, { recursive: true });
  writeFileSync(path.join(deep, 'deep.env'), `T=${fakeDemoToken()}\n`);
  symlinkSync('loop-b', path.join(dir, 'loop-a'));
  symlinkSync('loop-a', path.join(dir, 'loop-b'));
  symlinkSync('..', path.join(dir, 'd', 'up'));
  symlinkSync('/dev/zero', path.join(dir, 'zero'));
  execFileSync('mkfifo', [path.join(dir, 'fifo')]);
  return [
    ['--output=evil.env', 1, 3],
    ['-leading-dash.env', 1, 3],
    ['bad\ufffd\ufffd.env', 1, 3],
    ['cr-only.txt', 4, 3],
    ['crlf.txt', 4, 3],
    [`${Array.from({ length: DEPTH }, () => 'd').join('/')}/deep.env`, 1, 3],
    ['invalid-utf8.txt', 2, 3],
    ['mixed.txt', 6, 3],
    ['new\nline.env', 1, 3],
    ['truncated.txt', 2, 3],
    ['utf16be.txt', 3, 3],
    ['utf16le.txt', 2, 3],
    ['with space.env', 2, 3],
  ];
}

async function scanJson(dir: string, extra: readonly string[] = []): Promise<JsonReport> {
  const result = await runCli(['scan', '.', ...DEMO, '-f', 'json', ...extra], { cwd: dir });
  expect(result.code, result.stderr).toBe(1);
  return JSON.parse(result.stdout) as JsonReport;
}

function positions(report: JsonReport): [string, number, number][] {
  return report.findings.map((finding) => [finding.path, finding.startLine, finding.startColumn]);
}

describe('a hostile tree', () => {
  it('outside git: every planted token at its line and column; loops, FIFOs and devices never read', async () => {
    const dir = tempDir();
    const expected = hostileTree(dir);
    const report = await scanJson(dir);
    expect(positions(report)).toEqual(expected);
    expect(report.findings.every((finding) => finding.secretLength === 28)).toBe(true);
    expect(report.stats.skipped.binary).toBe(1);
    // Counted as inside git: the four symlinks, and the FIFO (git holds none) as not a file.
    expect(report.stats.skipped.symlink).toBe(4);
    expect(report.stats.skipped['not-a-file']).toBe(1);
    expect(report.errors).toEqual([]);
    // Worker threads see the same, names that are not UTF-8 included.
    expect(positions(await scanJson(dir, ['--threads', '2']))).toEqual(expected);
  });

  it('inside git: the same findings from git’s listing', async () => {
    const dir = tempDir();
    const expected = hostileTree(dir);
    initRepo(dir);
    git(dir, ['add', '-A']);
    const report = await scanJson(dir);
    expect(positions(report)).toEqual(expected);
    expect(report.stats.skipped.symlink).toBe(4);
  });

  it('text output shows odd paths escaped on one line each', async () => {
    const dir = tempDir();
    writeTree(dir, { 'new\nline\u001b[2J.env': `T=${fakeDemoToken()}\n` });
    const result = await runCli(['scan', '.', ...DEMO], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('new\\u000aline\\u001b[2J.env:1:3');
    expect(result.stdout).not.toContain('\u001b');
  });

  it('a FIFO or a device named on the command line is never opened for reading', async () => {
    const dir = tempDir();
    execFileSync('mkfifo', [path.join(dir, 'fifo')]);
    const result = await runCli(['scan', path.join(dir, 'fifo'), '/dev/zero', '/dev/urandom', ...DEMO, '-f', 'json']);
    expect(result.code, result.stderr).toBe(0);
    expect((JSON.parse(result.stdout) as JsonReport).stats.skipped['not-a-file']).toBe(3);
  });
});

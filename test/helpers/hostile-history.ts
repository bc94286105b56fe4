import { execFileSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { DEMO_PACK, runCli } from './cli.js';
import { GIT_ENV, git, initRepo } from './git.js';
import { tempDir } from './temp.js';
import { fakeDemoToken } from './tokens.js';

const DEMO = ['--rules', DEMO_PACK, '--no-config'];

interface JsonReport {
  findings: { path: string; startLine: number; exposure?: { stillExposed: boolean; refs: string[] } }[];
  stats: { files: number; commits?: number };
  errors: { path: string; message: string }[];
}

/**
 * Two commits on main, written by fast-import (thousands of files through the work tree and the index
 * would take most of the test's time): the first adds `files` files, one holding `token` (d2/f77.txt, so at least 278); the second
 * adds fine.env and broken.env, a blob already in the object store.
 */
function importCommits(repo: string, files: number, token: string, broken: string): void {
  const data = (text: string): string => `data ${Buffer.byteLength(text)}\n${text}\n`;
  const stream: string[] = [];
  const changes: string[] = [];
  for (let i = 0; i < files; i++) {
    const name = `d${Math.floor(i / 100)}/f${i % 100}.txt`;
    stream.push(`blob\nmark :${i + 1}\n${data(name === 'd2/f77.txt' ? `T=${token}\n` : `file ${name}\n`)}`);
    changes.push(`M 100644 :${i + 1} ${name}\n`);
  }
  const who = 'committer Ada Tester <ada@example.test> 1704110400 +0000\n';
  stream.push(`commit refs/heads/main\nmark :${files + 1}\n${who}${data('many files')}${changes.join('')}\n`);
  stream.push(`commit refs/heads/main\n${who}${data('second')}from :${files + 1}\nM 100644 inline fine.env\n${data(`T=${fakeDemoToken()}\n`)}M 100644 ${broken} broken.env\n\n`);
  execFileSync('git', ['fast-import', '--quiet'], { cwd: repo, env: { ...process.env, ...GIT_ENV }, input: stream.join('') });
}

/**
 * A commit of `files` files, `refs` refs and a corrupt loose object: every other blob is scanned,
 * the broken one reported, and the text report names a few refs, not all of them.
 */
export async function checkHostileHistory(files: number, refs: number): Promise<void> {
  const repo = tempDir();
  initRepo(repo);
  const token = fakeDemoToken();
  // The broken blob is written loose (fast-import would pack it), then referred to by id.
  const broken = execFileSync('git', ['hash-object', '-w', '--stdin'], { cwd: repo, input: `T=${fakeDemoToken()}\n` }).toString().trim();
  importCommits(repo, files, token, broken);
  const first = git(repo, ['rev-parse', 'main~1']).trim();
  // Packed, as a repository with many refs keeps them.
  writeFileSync(path.join(repo, '.git', 'packed-refs'), Array.from({ length: refs }, (_, i) => `${first} refs/tags/t${i}\n`).join(''));
  const object = path.join(repo, '.git', 'objects', broken.slice(0, 2), broken.slice(2));
  chmodSync(object, 0o644);
  writeFileSync(object, Buffer.from('not zlib at all, and not an object either'));

  // The corrupt object makes the scan incomplete: exit 2, unless that is accepted.
  const result = await runCli(['history', repo, ...DEMO, '-f', 'json', '--allow-incomplete']);
  expect(result.code, result.stderr).toBe(1);
  const report = JSON.parse(result.stdout) as JsonReport;
  expect(report.findings.map((finding) => finding.path).sort()).toEqual(['d2/f77.txt', 'fine.env']);
  const many = report.findings.find((finding) => finding.path === 'd2/f77.txt');
  expect(many?.exposure?.refs.length).toBe(refs + 2);

  expect(report.errors.map((error) => error.path)).toEqual([`broken.env (${broken})`]);
  expect(report.stats.files).toBe(files + 1);
  // The text report names a few refs, not all.
  const text = await runCli(['history', repo, ...DEMO]);
  expect(text.code).toBe(2);
  expect(text.stdout).toContain(`+${refs - 1} more`);
  expect(text.stdout.length).toBeLessThan(5_000);
}

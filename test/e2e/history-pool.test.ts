import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { INLINE_BYTES } from '../../src/pipeline/blob-feeder.js';
import { DEMO_PACK, runCli } from '../helpers/cli.js';
import { GIT_ENV, initRepo } from '../helpers/git.js';
import { tempDir } from '../helpers/temp.js';
import { fakeDemoToken, fakeGithubToken } from '../helpers/tokens.js';

const DEMO = ['--rules', DEMO_PACK, '--no-config'];
const BLOB_BYTES = 24 << 10;
// Half as much again as the main thread scans before the workers start, so a third goes to them.
const BLOBS = Math.ceil((INLINE_BYTES * 1.5) / BLOB_BYTES);
const PER_DIR = 100;

interface JsonReport {
  findings: { ruleId: string; locations: { path: string }[] }[];
  stats: { files: number; bytes: number; commits?: number };
  errors: unknown[];
}

const blobPath = (i: number): string => `d${String(Math.floor(i / PER_DIR)).padStart(2, '0')}/f${String(i % PER_DIR).padStart(2, '0')}.txt`;

/** Ordinary text of about `bytes` bytes, different for every `i`, that no rule reads as a secret. */
function filler(i: number, bytes: number): string {
  const lines: string[] = [];
  for (let n = 0, size = 0; size < bytes; n++) {
    const line = `row ${i}.${n}: alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike ${(i * 7919 + n * 104729) % 1000003}\n`;
    lines.push(line);
    size += line.length;
  }
  return lines.join('');
}

/**
 * One commit of BLOBS files of about BLOB_BYTES each, written by fast-import. Every 37th file holds
 * a demo token and every 101st a GitHub token, on either side of where the workers start; one token
 * is in a file the main thread reads and again in one the workers read, and that one is in the
 * commit twice. Returns the paths that hold a token.
 */
function importHistory(repo: string): string[] {
  const data = (text: string): string => `data ${Buffer.byteLength(text)}\n${text}\n`;
  const shared = fakeDemoToken();
  const planted: string[] = [];
  const stream: string[] = [];
  const changes: string[] = [];
  for (let i = 0; i < BLOBS; i++) {
    const secrets = [
      ...(i % 37 === 5 ? [`DEMO_TOKEN=${fakeDemoToken()}`] : []),
      ...(i % 101 === 50 ? [`github_token = "${fakeGithubToken()}"`] : []),
      ...(i === 3 || i === BLOBS - 3 ? [`SHARED=${shared}`] : []),
    ];
    const body = filler(i, BLOB_BYTES / 2) + secrets.map((line) => `${line}\n`).join('') + filler(-i, BLOB_BYTES / 2);
    if (secrets.length > 0) planted.push(blobPath(i));
    stream.push(`blob\nmark :${i + 1}\n${data(body)}`);
    changes.push(`M 100644 :${i + 1} ${blobPath(i)}\n`);
  }
  // The same blob at a second path: scanned once, reported at both.
  changes.push(`M 100644 :${BLOBS - 2} copy/${blobPath(BLOBS - 3)}\n`);
  planted.push(`copy/${blobPath(BLOBS - 3)}`);
  const who = 'committer Ada Tester <ada@example.test> 1704110400 +0000\n';
  stream.push(`commit refs/heads/main\n${who}${data('many files')}${changes.join('')}\n`);
  execFileSync('git', ['fast-import', '--quiet'], { cwd: repo, env: { ...process.env, ...GIT_ENV }, input: stream.join('') });
  return planted.sort();
}

describe('history on worker threads', () => {
  it('starts the workers once a history is big enough, and reports what the main thread alone reports', async () => {
    const repo = tempDir();
    initRepo(repo);
    const planted = importHistory(repo);
    const env = { NODE_DEBUG: 'secretsift' };
    const runs = new Map<number, { report: JsonReport; stderr: string }>();
    for (const threads of [0, 1, 2]) {
      const result = await runCli(['history', repo, ...DEMO, '-f', 'json', '--threads', String(threads)], { env });
      expect(result.code, result.stderr).toBe(1);
      runs.set(threads, { report: JSON.parse(result.stdout) as JsonReport, stderr: result.stderr });
    }

    const alone = runs.get(0);
    // No pool at all: the main thread scans every blob as it comes.
    expect(alone?.stderr).not.toContain('blobs go to the scan pool');
    expect(alone?.report.errors).toEqual([]);
    expect(alone?.report.stats.files).toBe(BLOBS);
    expect(alone?.report.stats.bytes).toBeGreaterThan(INLINE_BYTES * 1.4);
    // Every planted file is found, and nothing else; the shared token is one finding with three locations.
    const found = (alone?.report.findings ?? []).map((finding) => finding.locations.map((location) => location.path));
    expect(found.flat().sort()).toEqual(planted);
    expect(found).toContainEqual([blobPath(3), blobPath(BLOBS - 3), `copy/${blobPath(BLOBS - 3)}`].sort());
    expect(new Set(alone?.report.findings.map((finding) => finding.ruleId))).toEqual(new Set(['demo-token', 'github-personal-access-token']));

    for (const threads of [1, 2]) {
      const run = runs.get(threads);
      expect(run?.stderr).toMatch(new RegExp(`history: blobs go to the scan pool \\(${threads} worker threads\\) after \\d+ bytes on the main thread`));
      expect(run?.report.findings).toEqual(alone?.report.findings);
      expect(run?.report.stats).toEqual(alone?.report.stats);
      expect(run?.report.errors).toEqual([]);
    }
  });
});

import { createHash, createHmac } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_PACK, runCli } from '../helpers/cli.js';
import { leakedPieces } from '../helpers/secret-corpus.js';
import { tempDir, writeTree } from '../helpers/temp.js';
import { fakeDemoToken } from '../helpers/tokens.js';

const demo = ['--no-config', '--rules', DEMO_PACK];
const BASELINE = '.secretsift-baseline.json';
const RULE = 'demo-token';

interface BaselineFile {
  version: number;
  salt?: string;
  entries: { rule: string; fingerprint: string; locations: { path: string; line: number }[] }[];
}

// Computed here from the definitions, not with secretsift's code: the test says what the file must hold.
const unsalted = (secret: string): string => createHash('sha256').update(`${RULE}\0${secret}`).digest('hex');
const salted = (salt: string, secret: string): string => createHmac('sha256', Buffer.from(salt, 'hex')).update(`${RULE}\0${secret}`).digest('hex');

function project(): { dir: string; secrets: [string, string] } {
  const dir = tempDir();
  // Demo tokens stand in for the weak passwords an unsalted hash would give away.
  const secrets: [string, string] = [fakeDemoToken(), fakeDemoToken()];
  writeTree(dir, { 'app.env': `A=${secrets[0]}\n`, 'src/config.py': `\n\nB = "${secrets[1]}"\n` });
  return { dir, secrets };
}

function readJson(file: string): BaselineFile {
  return JSON.parse(readFileSync(file, 'utf8')) as BaselineFile;
}

describe('salted baselines', () => {
  it('create writes a random salt and fingerprints keyed with it, never the plain hash of a secret', async () => {
    const { dir, secrets } = project();
    expect((await runCli(['baseline', 'create', ...demo, '-o', BASELINE], { cwd: dir })).code).toBe(0);
    expect((await runCli(['baseline', 'create', ...demo, '-o', 'again.json'], { cwd: dir })).code).toBe(0);
    const [first, second] = [readJson(path.join(dir, BASELINE)), readJson(path.join(dir, 'again.json'))];
    expect(first.version).toBe(2);
    expect(first.salt).toMatch(/^[0-9a-f]{64}$/);
    expect(second.salt).not.toBe(first.salt);
    expect(new Set(first.entries.map((e) => e.fingerprint))).toEqual(new Set(secrets.map((secret) => salted(first.salt!, secret))));
    expect(first.entries.map((e) => e.fingerprint)).not.toEqual(second.entries.map((e) => e.fingerprint));
    const text = readFileSync(path.join(dir, BASELINE), 'utf8');
    for (const secret of secrets) expect(text).not.toContain(unsalted(secret));
    expect(leakedPieces(text, secrets)).toEqual([]);

    // A scan applying it is clean, and its report names each finding by the baseline's fingerprint.
    const scan = await runCli(['scan', ...demo, '--baseline', BASELINE, '--show-suppressed', '-f', 'json'], { cwd: dir });
    expect(scan.code).toBe(0);
    const report = JSON.parse(scan.stdout) as { suppressed: { fingerprint: string }[] };
    expect(new Set(report.suppressed.map((f) => f.fingerprint))).toEqual(new Set(first.entries.map((e) => e.fingerprint)));
    for (const secret of secrets) expect(scan.stdout).not.toContain(unsalted(secret));

    // Update keeps the salt: nothing changed, nothing is rewritten.
    const update = await runCli(['baseline', 'update', ...demo, '--baseline', BASELINE], { cwd: dir });
    expect(update.stdout).toContain('(file unchanged)');
    expect(readFileSync(path.join(dir, BASELINE), 'utf8')).toBe(text);
  });

  it('a version 1 baseline still suppresses, and update rewrites it salted, keeping its entries', async () => {
    const { dir, secrets } = project();
    const gone = fakeDemoToken();
    const legacy: BaselineFile = {
      version: 1,
      entries: [
        { rule: RULE, fingerprint: unsalted(secrets[0]), locations: [{ path: 'app.env', line: 1 }] },
        { rule: RULE, fingerprint: unsalted(gone), locations: [{ path: 'old.env', line: 7 }] },
        // A line hint that is out of date: an entry whose paths are unchanged keeps it.
        { rule: RULE, fingerprint: unsalted(secrets[1]), locations: [{ path: 'src/config.py', line: 1 }] },
      ],
    };
    const file = path.join(dir, BASELINE);
    writeFileSync(file, `${JSON.stringify(legacy, null, 2)}\n`);

    expect((await runCli(['scan', ...demo, '--baseline', BASELINE], { cwd: dir })).code).toBe(0);
    const check = await runCli(['baseline', 'check', ...demo, '--baseline', BASELINE], { cwd: dir });
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/^stale +demo-token +old\.env:7 /m);

    const update = await runCli(['baseline', 'update', ...demo, '--baseline', BASELINE], { cwd: dir });
    expect(update.code).toBe(0);
    expect(update.stdout).toContain('0 added, 1 removed, 0 moved, 2 unchanged (rewritten as version 2, with salted fingerprints)');
    const migrated = readJson(file);
    expect(migrated.version).toBe(2);
    expect(migrated.salt).toMatch(/^[0-9a-f]{64}$/);
    expect(migrated.entries).toEqual([
      { rule: RULE, fingerprint: salted(migrated.salt!, secrets[0]), locations: [{ path: 'app.env', line: 1 }] },
      { rule: RULE, fingerprint: salted(migrated.salt!, secrets[1]), locations: [{ path: 'src/config.py', line: 1 }] },
    ]);
    const text = readFileSync(file, 'utf8');
    for (const secret of secrets) expect(text).not.toContain(unsalted(secret));
    expect((await runCli(['scan', ...demo, '--baseline', BASELINE], { cwd: dir })).code).toBe(0);
  });

  it('a baseline that lost its salt is refused, never rewritten', async () => {
    const { dir } = project();
    expect((await runCli(['baseline', 'create', ...demo, '-o', BASELINE], { cwd: dir })).code).toBe(0);
    const file = path.join(dir, BASELINE);
    const broken = readFileSync(file, 'utf8').replace(/\n {2}"salt": "[0-9a-f]+",/, '');
    writeFileSync(file, broken);
    for (const command of [
      ['scan', ...demo, '--baseline', BASELINE],
      ['baseline', 'update', ...demo, '--baseline', BASELINE],
      ['baseline', 'create', ...demo, '-o', BASELINE],
    ]) {
      const run = await runCli(command, { cwd: dir });
      expect(run.code, command.join(' ')).toBe(2);
      expect(run.stderr).toMatch(/baseline version 2 needs its "salt"/);
      expect(readFileSync(file, 'utf8')).toBe(broken);
    }
  });
});

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { shardOfObject, shardOfPath } from '../../src/util/shard.js';
import { DEMO_PACK, runCli } from '../helpers/cli.js';
import { git, initRepo } from '../helpers/git.js';
import { findMultitool, sarifSchemaErrors } from '../helpers/sarif.js';
import { spawnSync } from 'node:child_process';
import { tempDir, writeTree } from '../helpers/temp.js';
import { fakeDemoToken, randomString } from '../helpers/tokens.js';

const DEMO = ['--rules', DEMO_PACK, '--no-config'];
const MERGE_KEY = { SECRETSIFT_MERGE_KEY: randomString(32) };

interface JsonLocation {
  path: string;
  blob: string;
}
interface JsonFinding {
  ruleId: string;
  path: string;
  foundIn: string;
  mergeId?: string;
  lineHash?: string;
  locations?: JsonLocation[];
  exposure?: { stillExposed: boolean; refs: string[] };
}
interface JsonReport {
  tool: { version: string };
  shard?: string;
  ruleSet: string;
  scan: { kind: string; target: string[]; snapshot?: string };
  findings: JsonFinding[];
  suppressed?: JsonFinding[];
  stats: Record<string, unknown> & { files: number };
  errors: unknown[];
}

function commit(repo: string, files: Record<string, string>, message: string, date: string): void {
  writeTree(repo, files);
  git(repo, ['add', '-A'], date);
  git(repo, ['commit', '-q', '-m', message], date);
}

/** Blob ids of the files of HEAD, by path. */
function headBlobs(repo: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of git(repo, ['ls-tree', '-r', 'HEAD']).split('\n').filter(Boolean)) {
    const [meta, file] = line.split('\t') as [string, string];
    out.set(file, meta.split(' ')[2] as string);
  }
  return out;
}

/**
 * A history where one secret sits in blobs that fall in every shard for N = 2 and 3 (copies are
 * added until they do), another is added and removed, commits share dates (so the walk's order
 * decides), and names hold secrets: a file name, a commit message.
 */
function shardedHistory(): { repo: string; spread: string } {
  const repo = tempDir();
  initRepo(repo);
  const spread = fakeDemoToken();
  const removed = fakeDemoToken();
  commit(repo, { 'README.md': '# app\n', 'src/a.js': 'export const a = 1;\n' }, 'start', '2024-01-01T10:00:00Z');
  commit(repo, { 'config/app.env': `TOKEN=${removed}\n` }, 'add config', '2024-01-02T10:00:00Z');
  commit(repo, { 'config/app.env': 'TOKEN=\n' }, 'remove token', '2024-01-03T10:00:00Z');
  commit(repo, { [`keys/dmo-${fakeDemoToken()}.txt`]: 'named\n' }, `rotate ${fakeDemoToken()}`, '2024-01-03T10:00:00Z');
  const oidsOfSpread = (): string[] => [...headBlobs(repo)].filter(([file]) => file.startsWith('copies/')).map(([, oid]) => oid);
  for (let copy = 0; copy < 60; copy++) {
    const day = String(4 + (copy % 3)).padStart(2, '0');
    commit(repo, { [`copies/c${copy}.env`]: `# copy ${copy}\nTOKEN=${spread}\n` }, `copy ${copy}`, `2024-01-${day}T10:00:00Z`);
    const oids = oidsOfSpread();
    const covers = (total: number) => new Set(oids.map((oid) => shardOfObject(oid, total))).size === total;
    if (copy >= 3 && covers(2) && covers(3)) break;
  }
  for (let i = 0; i < 6; i++) commit(repo, { [`src/m${i}.js`]: `export const m${i} = ${i};\n` }, `module ${i}`, `2024-02-0${i + 1}T10:00:00Z`);
  return { repo, spread };
}

async function json(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = MERGE_KEY): Promise<{ code: number | null; report: JsonReport; stderr: string }> {
  const result = await runCli(args, { cwd, env });
  expect(result.stderr, args.join(' ')).not.toMatch(/error/);
  return { code: result.code, report: JSON.parse(result.stdout) as JsonReport, stderr: result.stderr };
}

/** What the unsharded run and the merge must agree on: the shards' SARIF line hashes aside. */
function comparable(report: JsonReport): unknown {
  const strip = (finding: JsonFinding) => {
    const { lineHash: _lineHash, ...rest } = finding;
    return rest;
  };
  return { ...report, findings: report.findings.map(strip) };
}

async function shardsAndMerge(command: readonly string[], cwd: string, total: number, extra: readonly string[] = []): Promise<{ shards: JsonReport[]; merged: JsonReport; code: number | null }> {
  const shards: JsonReport[] = [];
  for (let part = 1; part <= total; part++) {
    const { report } = await json([...command, ...DEMO, '-f', 'json', '--shard', `${part}/${total}`, ...extra], cwd);
    expect(report.shard).toBe(`${part}/${total}`);
    writeFileSync(path.join(cwd, '..', `shard-${part}.json`), JSON.stringify(report));
    shards.push(report);
  }
  const files = shards.map((_, i) => path.join(cwd, '..', `shard-${i + 1}.json`));
  const { report: merged, code } = await json(['merge', ...files, '-f', 'json'], cwd);
  return { shards, merged, code };
}

describe('history --shard and merge', () => {
  it('shards read disjoint blobs, and their merge is the unsharded run (findings, attribution, locations, exposure, counts) for N = 1, 2, 3', { timeout: 600_000 }, async () => {
    const { repo } = shardedHistory();
    const { report: whole, code } = await json(['history', '.', ...DEMO, '-f', 'json'], repo);
    expect(code).toBe(1);
    const spreadFinding = whole.findings.find((finding) => finding.path.startsWith('copies/'));
    expect(spreadFinding?.locations?.length).toBeGreaterThanOrEqual(2);
    expect(whole.findings.map((finding) => finding.foundIn).sort()).toEqual(expect.arrayContaining(['commit-message', 'content', 'path']));

    for (const total of [1, 2, 3]) {
      const { shards, merged, code: mergedCode } = await shardsAndMerge(['history', '.'], repo, total);
      expect(mergedCode).toBe(1);
      expect(comparable(merged), `N = ${total}`).toEqual(comparable(whole));
      // Disjoint: each blob is read by one shard, and each shard reports only the locations of its own blobs.
      expect(shards.reduce((sum, shard) => sum + shard.stats.files, 0)).toBe(whole.stats.files);
      shards.forEach((shard, index) => {
        for (const finding of shard.findings.filter((item) => item.foundIn === 'content')) {
          for (const location of finding.locations ?? []) expect(shardOfObject(location.blob, total)).toBe(index);
        }
        if (index > 0) expect(shard.findings.filter((item) => item.foundIn !== 'content')).toEqual([]);
      });
      // The copied secret was split across the shards and joined again.
      if (total > 1) expect(shards.filter((shard) => shard.findings.some((finding) => finding.path.startsWith('copies/'))).length).toBe(total);
      if (total === 2) {
        // A shard given twice is merged once: its findings and its counts.
        const twice = ['shard-1.json', 'shard-1.json', 'shard-2.json'].map((file) => path.join(repo, '..', file));
        const again = await json(['merge', ...twice, '-f', 'json'], repo);
        expect(again.stderr).toMatch(/shard-1\.json is shard 1\/2 again .*: left out/);
        expect(comparable(again.report)).toEqual(comparable(whole));
      }
    }
  });

  it('needs SECRETSIFT_MERGE_KEY for a history of more than one shard, and a long one', async () => {
    const { repo } = shardedHistory();
    const missing = await runCli(['history', '.', ...DEMO, '--shard', '1/2'], { cwd: repo });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('SECRETSIFT_MERGE_KEY');
    const short = await runCli(['history', '.', ...DEMO, '--shard', '1/2'], { cwd: repo, env: { SECRETSIFT_MERGE_KEY: 'short' } });
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('at least 16 characters');
    // The key never appears in a report; the merge id is keyed by it: another key, other ids.
    const a = await json(['history', '.', ...DEMO, '-f', 'json'], repo);
    const b = await json(['history', '.', ...DEMO, '-f', 'json'], repo, { SECRETSIFT_MERGE_KEY: randomString(32) });
    const content = (report: JsonReport) => report.findings.filter((finding) => finding.foundIn === 'content').map((finding) => finding.mergeId);
    expect(content(a.report)).not.toEqual(content(b.report));
    expect(JSON.stringify(a.report)).not.toContain(MERGE_KEY.SECRETSIFT_MERGE_KEY);
  });
});

function scanTree(): string {
  const root = tempDir();
  const dir = path.join(root, 'tree');
  const files: Record<string, string> = {};
  for (let i = 0; i < 24; i++) files[`src/pkg${i % 4}/file${i}.js`] = i % 5 === 0 ? `const token = "${fakeDemoToken()}";\n` : `export const v${i} = ${i};\n`;
  files[`config/dmo-${fakeDemoToken()}.txt`] = 'named\n';
  files['config/shared.env'] = `A=${fakeDemoToken()}\nB=${fakeDemoToken()}\n`;
  writeTree(dir, files);
  return dir;
}

describe('scan --shard and merge', () => {
  it('shards scan disjoint files, and their merge is the unsharded scan for N = 1, 2, 3', { timeout: 600_000 }, async () => {
    const dir = scanTree();
    const { report: whole, code } = await json(['scan', '.', ...DEMO, '-f', 'json'], dir);
    expect(code).toBe(1);
    expect(whole.findings.length).toBeGreaterThan(5);
    for (const total of [1, 2, 3]) {
      const { shards, merged } = await shardsAndMerge(['scan', '.'], dir, total);
      expect(comparable(merged), `N = ${total}`).toEqual(comparable(whole));
      expect(shards.reduce((sum, shard) => sum + shard.stats.files, 0)).toBe(whole.stats.files);
      shards.forEach((shard, index) => {
        for (const finding of shard.findings.filter((item) => item.foundIn === 'content')) expect(shardOfPath(finding.path, total)).toBe(index);
        if (index > 0) expect(shard.findings.filter((item) => item.foundIn !== 'content')).toEqual([]);
      });
    }
  });

  it('takes K/N from the environment with --shard auto; an explicit --shard wins', async () => {
    const dir = scanTree();
    const shardOf = async (args: readonly string[], env: NodeJS.ProcessEnv) => (await json(['scan', '.', ...DEMO, '-f', 'json', ...args], dir, env)).report.shard;
    expect(await shardOf(['--shard', 'auto'], { JOB_COMPLETION_INDEX: '1', SECRETSIFT_SHARD_TOTAL: '3' })).toBe('2/3');
    expect(await shardOf(['--shard', 'auto'], { CI_NODE_INDEX: '3', CI_NODE_TOTAL: '3' })).toBe('3/3');
    expect(await shardOf(['--shard', '1/2'], { CI_NODE_INDEX: '3', CI_NODE_TOTAL: '3' })).toBe('1/2');
    // Without --shard the environment is not read: a GitLab `parallel: matrix` job sets CI_NODE_INDEX too.
    expect(await shardOf([], { CI_NODE_INDEX: '3', CI_NODE_TOTAL: '3' })).toBeUndefined();
  });

  it('refuses a shard it cannot read, with exit 2 and what is wrong', async () => {
    const dir = scanTree();
    const cases: [readonly string[], NodeJS.ProcessEnv, RegExp][] = [
      [['--shard', '0/3'], {}, /K must be from 1 to 3/],
      [['--shard', '4/3'], {}, /K must be from 1 to 3/],
      [['--shard', '1/0'], {}, /N must be from 1/],
      [['--shard', 'two'], {}, /must be K\/N/],
      [['--shard', '1/2/3'], {}, /must be K\/N/],
      [['--shard', 'auto'], {}, /no shard in the environment/],
      [['--shard', 'auto'], { JOB_COMPLETION_INDEX: '0' }, /SECRETSIFT_SHARD_TOTAL is not/],
      [['--shard', 'auto'], { JOB_COMPLETION_INDEX: '3', SECRETSIFT_SHARD_TOTAL: '3' }, /K must be from 1 to 3/],
      [['--shard', 'auto'], { CI_NODE_INDEX: 'x', CI_NODE_TOTAL: '2' }, /CI_NODE_INDEX must be a whole number/],
    ];
    for (const [args, env, message] of cases) {
      const result = await runCli(['scan', '.', ...DEMO, ...args], { cwd: dir, env });
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr, `${args.join(' ')} ${JSON.stringify(env)}`).toMatch(message);
    }
    // A baseline records the whole scan: it takes no --shard.
    const baseline = await runCli(['baseline', 'create', ...DEMO, '--shard', '1/2', '-o', '../b.json'], { cwd: dir });
    expect(baseline.code).toBe(2);
  });
});

describe('secretsift merge', () => {
  it('refuses reports of other versions, rule sets or kinds of scan, naming the files (exit 2)', async () => {
    const dir = scanTree();
    const root = path.dirname(dir);
    const write = (name: string, report: unknown) => {
      writeFileSync(path.join(root, name), JSON.stringify(report));
      return path.join(root, name);
    };
    const base = (await json(['scan', '.', ...DEMO, '-f', 'json', '--shard', '1/2'], dir)).report;
    const a = write('a.json', base);
    const older = write('older.json', { ...base, tool: { ...base.tool, version: '0.0.1' } });
    const otherRules = write('other-rules.json', (await json(['scan', '.', ...DEMO, '-f', 'json', '--max-decode-depth', '0'], dir)).report);
    const otherKind = write('history.json', { ...base, scan: { ...base.scan, kind: 'history' } });
    const noRuleSet = write('old.json', { ...base, ruleSet: undefined });
    for (const [other, message] of [
      [older, /versions differ/],
      [otherRules, /rule sets .* differ/],
      [otherKind, /kinds of scan differ/],
      [noRuleSet, /has no ruleSet/],
    ] as const) {
      const result = await runCli(['merge', a, other], { cwd: dir });
      expect(result.code, other).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).toContain(path.basename(other));
    }
    const shown = write('shown.json', (await json(['scan', '.', ...DEMO, '-f', 'json', '--show-secrets'], dir)).report);
    const clear = await runCli(['merge', shown], { cwd: dir });
    expect(clear.code).toBe(2);
    expect(clear.stderr).toContain('--show-secrets');
    writeFileSync(path.join(root, 'text.json'), 'not json');
    expect((await runCli(['merge', path.join(root, 'text.json')], { cwd: dir })).code).toBe(2);
    // Half the shards: merged, with a warning that the report covers part of the scan.
    const half = await runCli(['merge', a, '-f', 'json'], { cwd: dir });
    expect(half.stderr).toMatch(/shard 2\/2 of \. is not among the reports/);
  });

  it('gives the exit code by --fail-on, and one SARIF run that validates and keeps the line hashes', { timeout: 600_000 }, async (context) => {
    const dir = scanTree();
    const root = path.dirname(dir);
    const { merged } = await shardsAndMerge(['scan', '.'], dir, 3);
    expect(merged.findings.length).toBeGreaterThan(0);
    const shards = [1, 2, 3].map((part) => path.join(root, `shard-${part}.json`));
    expect((await runCli(['merge', ...shards, '-f', 'text'], { cwd: dir })).code).toBe(1);
    expect((await runCli(['merge', ...shards, '--fail-on', 'critical'], { cwd: dir })).code).toBe(0);
    const whole = await runCli(['scan', '.', ...DEMO, '-f', 'sarif'], { cwd: dir });
    const sarif = await runCli(['merge', ...shards, '-f', 'sarif', '-o', path.join(root, 'merged.sarif')], { cwd: dir });
    expect(sarif.code).toBe(1);
    const log = JSON.parse(readFileSync(path.join(root, 'merged.sarif'), 'utf8')) as { runs: { results: { ruleId: string; partialFingerprints?: Record<string, string>; locations: unknown }[] }[] };
    expect(log.runs).toHaveLength(1);
    expect(sarifSchemaErrors(log)).toEqual([]);
    const wholeLog = JSON.parse(whole.stdout) as typeof log;
    const results = (value: typeof log) => value.runs[0]?.results.map((result) => [result.ruleId, result.locations, result.partialFingerprints?.primaryLocationLineHash]);
    expect(results(log)).toEqual(results(wholeLog));
    for (const format of ['junit', 'github', 'text']) {
      const out = await runCli(['merge', ...shards, '-f', format], { cwd: dir });
      expect(out.code, format).toBe(1);
      expect(out.stdout.length, format).toBeGreaterThan(0);
    }

    const multitool = findMultitool();
    if ('unavailable' in multitool) return context.skip(multitool.unavailable);
    const validation = spawnSync(multitool.binary, ['validate', '--rule-kind', 'Gh;Ghas', 'merged.sarif', '-o', 'validation.sarif', '--log', 'ForceOverwrite'], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    expect(validation.status, validation.stdout + validation.stderr).toBe(0);
    const report = JSON.parse(readFileSync(path.join(root, 'validation.sarif'), 'utf8')) as { runs: { results?: unknown[] }[] };
    expect(report.runs[0]?.results ?? []).toEqual([]);
  });
});

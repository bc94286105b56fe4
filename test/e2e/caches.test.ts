import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import module from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBinaryCacheEntry, writeBinaryCacheEntry, type BinaryEntry } from '../../src/util/cache-file.js';
import { DEMO_PACK, runCli, type CliResult } from '../helpers/cli.js';
import { git, initRepo } from '../helpers/git.js';
import { tempDir, writeTree } from '../helpers/temp.js';
import { fakeDemoToken } from '../helpers/tokens.js';

const DEMO = ['--rules', DEMO_PACK, '--no-config'];

interface JsonReport {
  findings: { ruleId: string; path: string; startLine: number }[];
}

/** A repository whose staged change adds a demo token: `staged` finds it and exits 1. */
function repoWithStagedLeak(): string {
  const repo = tempDir();
  initRepo(repo);
  writeTree(repo, { 'app.py': 'print("hi")\n' });
  git(repo, ['add', '-A']);
  git(repo, ['commit', '-q', '-m', 'initial']);
  writeTree(repo, { 'app.py': `print("hi")\nTOKEN = "${fakeDemoToken()}"\n` });
  git(repo, ['add', 'app.py']);
  return repo;
}

function findingsOf(result: CliResult): [string, string, number][] {
  return (JSON.parse(result.stdout) as JsonReport).findings.map((f) => [f.ruleId, f.path, f.startLine]);
}

function rulesCacheEntries(cacheHome: string): string[] {
  const dir = path.join(cacheHome, 'secretsift');
  return existsSync(dir) ? readdirSync(dir).filter((name) => name.startsWith('rules-')).map((name) => path.join(dir, name)) : [];
}

/** A staged scan with its own cache home, run once to fill the cache; its findings are the reference. */
async function stagedWithCache(): Promise<{ run: () => Promise<CliResult>; cacheHome: string; expected: [string, string, number][] }> {
  const repo = repoWithStagedLeak();
  const cacheHome = tempDir();
  const run = () => runCli(['staged', repo, ...DEMO, '-f', 'json'], { env: { XDG_CACHE_HOME: cacheHome } });
  const first = await run();
  expect(first.code).toBe(1);
  const expected = findingsOf(first);
  expect(expected).toEqual([['demo-token', 'app.py', 2]]);
  return { run, cacheHome, expected };
}

/** The one cache entry of `kind`: its file, bytes, parsed body, and a way to write a body with a valid digest. */
function onlyEntry<T>(cacheHome: string, kind: string): { file: string; good: Buffer; entry: T; withDigest: (text: string) => string } {
  const dir = path.join(cacheHome, 'secretsift');
  const names = readdirSync(dir).filter((name) => new RegExp(`^${kind}-[0-9a-f]{64}\\.json$`).test(name));
  expect(names).toHaveLength(1);
  const file = path.join(dir, names[0] as string);
  const good = readFileSync(file);
  const [format, , body] = good.toString('utf8').split('\n', 3);
  const withDigest = (text: string) => `${format}\n${createHash('sha256').update(text).digest('hex')}\n${text}`;
  return { file, good, entry: JSON.parse(body as string) as T, withDigest };
}

/** After each damage, a run gives the same exit code and findings, and the entry is whole again. */
async function expectRebuilt(damage: Record<string, () => void>, run: () => Promise<CliResult>, expected: [string, string, number][], file: string, good: Buffer): Promise<void> {
  for (const [kind, apply] of Object.entries(damage)) {
    apply();
    const again = await run();
    expect({ kind, code: again.code, stderr: again.stderr }).toEqual({ kind, code: 1, stderr: '' });
    expect(findingsOf(again)).toEqual(expected);
    expect(readFileSync(file).equals(good), `${kind}: rebuilt`).toBe(true);
  }
}

describe('caches', () => {
  it('ignores a damaged rules cache and rebuilds it: same exit code, same findings', async () => {
    const { run, cacheHome, expected } = await stagedWithCache();
    expect(rulesCacheEntries(cacheHome)).toHaveLength(1);
    const { file, good, entry, withDigest } = onlyEntry<{ kind: string; key: string }>(cacheHome, 'rules');
    const { kind, key } = entry;

    const damage: Record<string, () => void> = {
      garbage: () => writeFileSync(file, randomBytes(4096)),
      empty: () => writeFileSync(file, ''),
      truncated: () => writeFileSync(file, good.subarray(0, Math.floor(good.length / 2))),
      'edited after writing': () => {
        const edited = good.toString('utf8').replace('"severity":"high"', '"severity":"low"');
        expect(edited).not.toBe(good.toString('utf8'));
        writeFileSync(file, edited);
      },
      'whole but not rules': () => writeFileSync(file, withDigest(JSON.stringify({ kind, key, value: [{ id: 1, pattern: null }] }))),
      'whole but for another key': () => writeFileSync(file, withDigest(JSON.stringify({ kind, key: 'f'.repeat(64), value: [] }))),
      'whole but of another kind': () => writeFileSync(file, withDigest(JSON.stringify({ kind: 'config', key, value: [] }))),
      'not JSON': () => writeFileSync(file, withDigest('{"key":')),
      'a FIFO': () => {
        rmSync(file);
        execFileSync('mkfifo', [file]);
      },
    };
    await expectRebuilt(damage, run, expected, file, good);
    // Ten runs that each load the 715 built-in rules from YAML: slow on a busy machine, never wrong.
  }, 240_000);

  it('ignores a damaged compiled-rules cache entry and writes it again: same findings', async () => {
    const { run, cacheHome, expected } = await stagedWithCache();
    const dir = path.join(cacheHome, 'secretsift');
    const names = readdirSync(dir).filter((name) => /^compiled-[0-9a-f]{64}\.bin$/.test(name));
    expect(names).toHaveLength(1);
    const file = path.join(dir, names[0] as string);
    const key = (names[0] as string).slice('compiled-'.length, -'.bin'.length);
    const good = readFileSync(file);
    const entry = readBinaryCacheEntry(dir, 'compiled', key) as BinaryEntry;
    /** The entry written whole again (a valid digest, for its key) with `edit` applied to a copy. */
    const rewritten = (edit: (value: Record<string, unknown>, parts: Uint8Array[]) => void) => () => {
      const value = structuredClone(entry.value) as Record<string, unknown>;
      const parts = entry.parts.map((part) => Uint8Array.from(part));
      edit(value, parts);
      writeBinaryCacheEntry(dir, 'compiled', key, { value, parts }, 8);
    };
    const damage: Record<string, () => void> = {
      garbage: () => writeFileSync(file, randomBytes(2048)),
      'edited after writing': () => {
        const edited = Buffer.from(good);
        edited[edited.length - 100] = (edited[edited.length - 100] as number) ^ 0x55;
        writeFileSync(file, edited);
      },
      // Whole and for its key, but every failure link points to the state itself: a scan would never end.
      'a looping automaton': rewritten((_, parts) => {
        const fail = parts[2] as Uint8Array;
        const links = new Int32Array(fail.buffer, fail.byteOffset, fail.byteLength / 4);
        for (let state = 0; state < links.length; state++) links[state] = state;
      }),
      'reaches that are not reaches': rewritten((value) => {
        value.reaches = (value.reaches as unknown[]).map(() => ({ kind: 'length', chars: -1 }));
      }),
    };
    await expectRebuilt(damage, run, expected, file, good);
  });

  it('serves a cached run without parsing YAML, and sees a config edit at once', async () => {
    const repo = repoWithStagedLeak();
    const cacheHome = tempDir();
    const spyDir = tempDir();
    const log = path.join(spyDir, 'loaded');
    const spy = path.join(spyDir, 'spy.cjs');
    // Records every load of the YAML library, however it is reached (import or require).
    writeFileSync(
      spy,
      `const Module = require('node:module');\nconst load = Module._load;\nModule._load = function (request, ...rest) {\n  if (request === 'yaml') require('node:fs').appendFileSync(${JSON.stringify(log)}, 'yaml\\n');\n  return load.call(this, request, ...rest);\n};\n`,
    );
    const run = (env: NodeJS.ProcessEnv = {}) => runCli(['staged', '--rules', DEMO_PACK, '-f', 'json'], { cwd: repo, env: { XDG_CACHE_HOME: cacheHome, NODE_OPTIONS: `--require=${spy}`, ...env } });
    const yamlLoads = () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean).length : 0);
    writeTree(repo, { '.secretsift.yaml': 'allowlist:\n  stopwords: [placeholder]\noverride:\n  demo-token:\n    severity: low\n' });

    const first = await run();
    expect(first.code).toBe(1);
    expect(yamlLoads()).toBeGreaterThan(0);
    const loadsToFillCaches = yamlLoads();
    const cached = await run();
    expect(yamlLoads()).toBe(loadsToFillCaches);
    expect(cached.code).toBe(1);
    expect(findingsOf(cached)).toEqual(findingsOf(first));
    expect((JSON.parse(cached.stdout) as { findings: { severity: string }[] }).findings.map((f) => f.severity)).toEqual(['low']);
    // Nothing cached: the spy does see YAML being parsed.
    await run({ SECRETSIFT_NO_CACHE: '1' });
    expect(yamlLoads()).toBeGreaterThan(loadsToFillCaches);

    writeTree(repo, { '.secretsift.yaml': "allowlist:\n  regexes: ['^dmo_']\n" });
    expect((await run()).code).toBe(0);
    // An error the config causes later names its line, from the cache as on the first load.
    writeTree(repo, { '.secretsift.yaml': '# a comment\ndisable:\n  - demo-token\n  - no-such-rule\n' });
    const errors = [await run(), await run()];
    for (const result of errors) {
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('.secretsift.yaml:4: disable.1 names no rule');
    }
  });

  it('serves a cached run without importing the code that loads and validates packs and configs', async () => {
    const repo = repoWithStagedLeak();
    writeTree(repo, { '.secretsift.yaml': 'allowlist:\n  stopwords: [placeholder]\n' });
    const cacheHome = tempDir();
    const spyDir = tempDir();
    const log = path.join(spyDir, 'imported');
    const spy = path.join(spyDir, 'spy.mjs');
    // Records every module of ours the run imports (module hooks see dynamic imports too).
    const hooks = `import { appendFileSync } from 'node:fs';\nexport async function resolve(specifier, context, next) {\n  const resolved = await next(specifier, context);\n  appendFileSync(${JSON.stringify(log)}, resolved.url + '\\n');\n  return resolved;\n}\n`;
    writeFileSync(spy, `import { register } from 'node:module';\nregister(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hooks)}`)});\n`);
    const imported = async (): Promise<string[]> => {
      rmSync(log, { force: true });
      const result = await runCli(['staged', '--rules', DEMO_PACK, '-f', 'json'], { cwd: repo, env: { XDG_CACHE_HOME: cacheHome, NODE_OPTIONS: `--import=${spy}` } });
      expect(result.code, result.stderr).toBe(1);
      const urls = readFileSync(log, 'utf8').split('\n').filter((url) => url.includes('/dist/'));
      return [...new Set(urls.map((url) => url.slice(url.indexOf('/dist/') + '/dist/'.length)))];
    };
    const loaders = ['rules/rule-pack.js', 'config/config.js', 'util/json-schema.js'];
    const filling = await imported();
    for (const module of loaders) expect(filling).toContain(module);
    const cached = await imported();
    expect(cached).toContain('config/config-cache.js');
    for (const module of loaders) expect(cached).not.toContain(module);
  });

  it('keeps the rules cache and the compile cache out of the scanned repository', async () => {
    const repo = repoWithStagedLeak();
    const status = () => git(repo, ['status', '--porcelain', '--ignored', '--untracked-files=all']);
    const before = status();
    const cacheHome = tempDir();
    const home = tempDir();

    const elsewhere = await runCli(['staged', ...DEMO], { cwd: repo, env: { XDG_CACHE_HOME: cacheHome } });
    expect(elsewhere.code).toBe(1);
    // A relative XDG_CACHE_HOME would mean the working directory, here the repository: it is ignored.
    const relative = await runCli(['staged', ...DEMO], { cwd: repo, env: { XDG_CACHE_HOME: 'cache', HOME: home } });
    expect(relative.code).toBe(1);

    expect(status()).toBe(before);
    expect(rulesCacheEntries(cacheHome)).toHaveLength(1);
    expect(rulesCacheEntries(path.join(home, '.cache'))).toHaveLength(1);
    // Node 22.1 and later: compiled code is kept beside the rules; earlier versions have no such cache.
    if ('enableCompileCache' in module && typeof module.enableCompileCache === 'function') expect(existsSync(path.join(cacheHome, 'secretsift', 'compile'))).toBe(true);
  });

  it('asks Node for a compile cache in the user cache, and not when caching is off or the user chose one', async () => {
    const repo = repoWithStagedLeak();
    const cacheHome = tempDir();
    const spyDir = tempDir();
    const log = path.join(spyDir, 'calls');
    const spy = path.join(spyDir, 'spy.mjs');
    // Stands in for Node's own on every version, so the call is seen even where Node has no compile cache.
    writeFileSync(spy, `import module from 'node:module';\nimport { appendFileSync } from 'node:fs';\nmodule.enableCompileCache = (dir) => { appendFileSync(${JSON.stringify(log)}, dir + '\\n'); return { status: 0 }; };\n`);
    const run = (env: NodeJS.ProcessEnv) => runCli(['staged', ...DEMO], { cwd: repo, env: { NODE_OPTIONS: `--import=${spy}`, XDG_CACHE_HOME: cacheHome, ...env } });

    expect((await run({})).code).toBe(1);
    expect((await run({ SECRETSIFT_NO_CACHE: '1' })).code).toBe(1);
    expect((await run({ NODE_COMPILE_CACHE: path.join(spyDir, 'chosen') })).code).toBe(1);
    expect((await runCli(['staged', '--no-cache', ...DEMO], { cwd: repo, env: { NODE_OPTIONS: `--import=${spy}`, XDG_CACHE_HOME: cacheHome } })).code).toBe(1);
    expect(readFileSync(log, 'utf8')).toBe(`${path.join(cacheHome, 'secretsift', 'compile')}\n`);
  });

  it('--no-cache keeps every command that reads rules out of the cache, as SECRETSIFT_NO_CACHE does', async () => {
    const repo = repoWithStagedLeak();
    const cacheHome = tempDir();
    const baseline = path.join(tempDir(), 'baseline.json');
    const runs: [string[], number][] = [
      [['scan', '.', ...DEMO], 1],
      [['history', '.', ...DEMO], 0],
      [['staged', ...DEMO], 1],
      [['baseline', 'create', '-o', baseline, ...DEMO], 0],
      [['rules', 'list', ...DEMO], 0],
      [['rules', 'test', DEMO_PACK], 0],
      [['explain', 'demo-token', ...DEMO], 0],
    ];
    for (const [args, code] of runs) {
      const result = await runCli([...args, '--no-cache'], { cwd: repo, env: { XDG_CACHE_HOME: cacheHome } });
      expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(code);
      expect(readdirSync(cacheHome), args.join(' ')).toEqual([]);
    }
    // Without it, the same run fills the cache.
    expect((await runCli(['staged', ...DEMO], { cwd: repo, env: { XDG_CACHE_HOME: cacheHome } })).code).toBe(1);
    expect(readdirSync(path.join(cacheHome, 'secretsift')).length).toBeGreaterThan(0);
  });
});

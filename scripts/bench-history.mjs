#!/usr/bin/env node
// History benchmark: builds a repository of ≥1,000 commits and a few hundred MB of unique blob
// content under .bench/ (with git fast-import, deterministic), then times in one run:
//   secretsift history                       (MB/s of unique blob bytes, commits/s)
//   git log -p --all | secretsift scan -     (the log-parsing approach)
//   git cat-file --batch-all-objects --batch --unordered (what git needs just to read the objects)
//   secretsift staged on a 10-file change    (scripts/bench-staged.mjs: its own 2,000-file repository)
// MB is 2^20 bytes, as in scripts/bench.mjs. Returns the numbers for bench.mjs's summary.
// Usage: node scripts/bench-history.mjs [--commits 1200] [--runs 2]   (npm run build first)
//        SECRETSIFT_BENCH_CLI=/path/to/other/bin/secretsift.js measures another build.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { option } from './bench-measure.mjs';
import { benchStaged } from './bench-staged.mjs';
import { Rng } from './rng.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const GIT_ENV = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_NAME: 'Bench', GIT_AUTHOR_EMAIL: 'bench@example.test', GIT_COMMITTER_NAME: 'Bench', GIT_COMMITTER_EMAIL: 'bench@example.test' };


/** @param {string} cwd @param {string[]} args @param {import('node:child_process').SpawnSyncOptions} [options] */
function git(cwd, args, options = {}) {
  const result = spawnSync('git', args, { cwd, env: GIT_ENV, maxBuffer: 1 << 30, ...options });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout?.toString() ?? '';
}

const FILES = 220;
const LINES_PER_FILE = 900;
const FILES_PER_COMMIT = 6;

/** Writes a fast-import stream: files edited a few lines at a time, like real code, with planted fake tokens. @param {string} repo @param {number} commits */
async function generate(repo, commits) {
  // Deterministic: the same data on every machine and run.
const rng = new Rng(4242);
const rand = () => rng.next();
  /** @template T @param {readonly T[]} items not empty @returns {T} */
  const pick = (items) => /** @type {T} */ (items[Math.floor(rand() * items.length)]);
  /** @param {string} alphabet @param {number} n */
  const chars = (alphabet, n) => Array.from({ length: n }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
  const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const WORDS = 'user account config value result handler request response service client server session cache index model route query filter build deploy update create delete fetch parse render'.split(' ');
  const shapes = [
    () => `const ${pick(WORDS)}${pick(WORDS)} = ${pick(WORDS)}.${pick(WORDS)}(${pick(WORDS)}, ${Math.floor(rand() * 1000)});`,
    () => `  if (${pick(WORDS)} && ${pick(WORDS)}.length > ${Math.floor(rand() * 100)}) { return ${pick(WORDS)}; }`,
    () => `// ${pick(WORDS)} ${pick(WORDS)} ${pick(WORDS)} the ${pick(WORDS)} before ${pick(WORDS)}`,
    () => `    "${pick(WORDS)}": "${pick(WORDS)} ${pick(WORDS)}",`,
    () => `  data = "${chars(ALNUM + '+/', 60)}"`,
  ];
  const plants = [() => `AWS_ACCESS_KEY_ID=AKIA${chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`, () => `slack = "xoxb-${chars('0123456789', 12)}-${chars('0123456789', 13)}-${chars(ALNUM, 24)}"`];
  const files = Array.from({ length: FILES }, (_, i) => ({ name: `src/mod${i % 17}/file${i}.${pick(['js', 'py', 'ts', 'yaml'])}`, lines: Array.from({ length: LINES_PER_FILE }, () => pick(shapes)()) }));

  rmSync(repo, { recursive: true, force: true });
  mkdirSync(repo, { recursive: true });
  git(repo, ['init', '-q', '-b', 'main']);
  const child = spawn('git', ['fast-import', '--quiet'], { cwd: repo, env: GIT_ENV, stdio: ['pipe', 'inherit', 'inherit'] });
  /** @type {Promise<void>} */
  const done = new Promise((resolve, reject) => child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`fast-import exited ${code}`)))));
  /** @param {string} text @returns {Promise<void>} */
  const write = (text) => (child.stdin.write(text) ? Promise.resolve() : new Promise((resolve) => child.stdin.once('drain', resolve)));
  /** @param {string} content */
  const blob = (content) => `data ${Buffer.byteLength(content)}\n${content}\n`;
  let time = 1_600_000_000;
  let lastMain = 0;
  let lastFeature = 0;
  for (let c = 1; c <= commits; c++) {
    // Every tenth commit goes to a feature branch, merged back into main every hundred commits.
    const onFeature = c % 10 === 0 && c % 100 !== 0 && c > 1;
    const merging = c % 100 === 0 && lastFeature > 0;
    const branch = onFeature ? 'refs/heads/feature' : 'refs/heads/main';
    let body = `commit ${branch}\nmark :${c}\nauthor Bench <bench@example.test> ${time} +0000\ncommitter Bench <bench@example.test> ${time} +0000\n${blob(merging ? 'merge feature' : `change ${c}`)}`;
    const parent = onFeature ? lastFeature || lastMain : lastMain;
    if (parent) body += `from :${parent}\n`;
    if (merging) body += `merge :${lastFeature}\n`;
    const count = c === 1 ? FILES : FILES_PER_COMMIT;
    for (let k = 0; k < count; k++) {
      const file = c === 1 ? files[k] : pick(files);
      if (!file) throw new Error(`no file ${k}`);
      for (let e = 0; e < 8; e++) file.lines[Math.floor(rand() * file.lines.length)] = rand() < 0.0005 ? pick(plants)() : pick(shapes)();
      body += `M 100644 inline ${file.name}\n${blob(file.lines.join('\n'))}`;
    }
    await write(body);
    if (onFeature) lastFeature = c;
    else lastMain = c;
    if (c % 100 === 0) await write(`reset refs/tags/v${c / 100}\nfrom :${c}\n\n`);
    time += 3600;
  }
  child.stdin.end();
  await done;
  git(repo, ['reset', '-q', '--hard', 'main']);
  writeFileSync(path.join(repo, '.bench-complete'), `${commits} v2`);
}

/** @param {string} command @param {string[]} args @param {import('node:child_process').SpawnSyncOptions} [options] */
function timed(command, args, options = {}) {
  const started = performance.now();
  const result = spawnSync(command, args, { maxBuffer: 1 << 30, ...options });
  return { seconds: (performance.now() - started) / 1000, status: result.status, stdout: result.stdout?.toString() ?? '', stderr: result.stderr?.toString() ?? '' };
}

/**
 * Runs `git log -p --all` into `secretsift scan -`, timing the whole pipeline.
 * @param {string} repo
 * @param {string} cli
 * @returns {Promise<{ seconds: number, status: number | null, stderr?: string }>}
 */
function logPipeline(repo, cli) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const log = spawn('git', ['log', '-p', '--all', '--no-color', '--no-ext-diff', '--no-textconv'], { cwd: repo, env: GIT_ENV, stdio: ['ignore', 'pipe', 'inherit'] });
    // Output goes to an ignored stdout, never `-o /dev/null`: an atomic write would rename over the device.
    const scan = spawn(process.execPath, [cli, 'scan', '-', '--max-file-size', String(2 ** 40), '--no-config', '-q', '-f', 'json'], { cwd: repo, stdio: [log.stdout, 'ignore', 'inherit'] });
    scan.on('error', reject);
    scan.on('close', (status) => resolve({ seconds: (performance.now() - started) / 1000, status }));
  });
}

/**
 * The fastest sample; a scan that failed (exit 2, a crash) is fast and must not pass for a win.
 * @template {{ seconds: number, status: number | null, stderr?: string }} S
 * @param {S[]} samples
 */
function best(samples) {
  const failed = samples.find((sample) => sample.status !== undefined && sample.status !== 0 && sample.status !== 1);
  if (failed) throw new Error(`a benchmarked command exited ${failed.status}: ${failed.stderr?.slice(-2000) ?? ''}`);
  return samples.reduce((a, b) => (b.seconds < a.seconds ? b : a));
}

export async function benchHistory({ log = console.log, commits = 1200, runs = 2, cli = process.env.SECRETSIFT_BENCH_CLI ?? path.join(root, 'bin', 'secretsift.js') } = {}) {
  const repo = path.join(root, '.bench', 'history-repo');
  const marker = path.join(repo, '.bench-complete');
  if (!existsSync(marker) || readFileSync(marker, 'utf8') !== `${commits} v2`) {
    log(`history: generating ${commits} commits in ${path.relative(root, repo)} …`);
    const started = performance.now();
    await generate(repo, commits);
    log(`history: generated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  const sizes = git(repo, ['cat-file', '--batch-all-objects', '--batch-check=%(objecttype) %(objectsize)']);
  let blobBytes = 0;
  let blobs = 0;
  for (const line of sizes.split('\n')) {
    const [type, size] = line.split(' ');
    if (type === 'blob') {
      blobs++;
      blobBytes += Number(size);
    }
  }
  const commitCount = Number(git(repo, ['rev-list', '--count', '--all']).trim());
  const packBytes = Number(/size-pack: (\d+)/.exec(git(repo, ['count-objects', '-v']))?.[1] ?? 0) * 1024;
  const mb = blobBytes / 2 ** 20;
  log(`history repo: ${commitCount} commits, ${blobs} unique blobs, ${mb.toFixed(0)} MB of blob content (${(packBytes / 2 ** 20).toFixed(0)} MB packed)`);

  const devnull = openSync('/dev/null', 'w');
  // In pack order git resolves each delta chain once: the fastest git can read everything. In
  // object-id order (no --unordered) it takes several times longer than a history scan, so that is
  // no limit and is not timed.
  const readUnordered = best(Array.from({ length: runs }, () => timed('git', ['cat-file', '--batch-all-objects', '--batch', '--unordered'], { cwd: repo, env: GIT_ENV, stdio: ['ignore', devnull, 'inherit'] })));
  closeSync(devnull);
  const history = best(Array.from({ length: runs }, () => timed(process.execPath, [cli, 'history', repo, '--no-config', '-q', '-f', 'json'], { stdio: ['ignore', 'ignore', 'pipe'] })));
  const historyNoWorkers = best(Array.from({ length: 1 }, () => timed(process.execPath, [cli, 'history', repo, '--no-config', '-q', '-f', 'json', '--threads', '0'], { stdio: ['ignore', 'ignore', 'pipe'] })));
  // The pipeline alone: every built-in rule disabled, one cheap rule left, so reading dominates.
  const ids = /** @type {{ id: string }[]} */ (JSON.parse(timed(process.execPath, [cli, 'rules', 'list', '--json', '--no-config']).stdout)).map((rule) => rule.id);
  const pipelineConfig = path.join(root, '.bench', 'history-pipeline.yaml');
  writeFileSync(pipelineConfig, `disable:\n${ids.map((id) => `  - ${JSON.stringify(id)}\n`).join('')}`);
  const pipeline = best(Array.from({ length: runs }, () => timed(process.execPath, [cli, 'history', repo, '--config', pipelineConfig, '--rules', path.join(root, 'fixtures', 'demo-pack.yaml'), '-q', '-f', 'json'], { stdio: ['ignore', 'ignore', 'pipe'] })));
  /** @type {{ seconds: number, status: number | null }[]} */
  const logRuns = [];
  for (let i = 0; i < runs; i++) logRuns.push(await logPipeline(repo, cli));
  const viaLog = best(logRuns);

  /** @param {number} seconds */
  const rate = (seconds) => `${(mb / seconds).toFixed(1)} MB/s, ${Math.round(commitCount / seconds)} commits/s`;
  log(`git cat-file --batch-all-objects --batch --unordered (read limit): ${readUnordered.seconds.toFixed(2)} s (${rate(readUnordered.seconds)})`);
  log(`secretsift history: ${history.seconds.toFixed(2)} s (${rate(history.seconds)}); on the main thread only: ${historyNoWorkers.seconds.toFixed(2)} s`);
  log(`secretsift history, pipeline only (1 cheap rule): ${pipeline.seconds.toFixed(2)} s (${rate(pipeline.seconds)})`);
  log(`git log -p --all | secretsift scan -: ${viaLog.seconds.toFixed(2)} s (${rate(viaLog.seconds)})`);
  log(`history / read limit: ${(history.seconds / readUnordered.seconds).toFixed(2)}x (aim ≤ 2x), pipeline only / unordered read: ${(pipeline.seconds / readUnordered.seconds).toFixed(2)}x (aim ≤ 1.5x); log streaming / history: ${(viaLog.seconds / history.seconds).toFixed(2)}x (aim ≥ 2x)`);

  const stagedMs = benchStaged({ log, cli, root, runs });
  return { mb, mbps: mb / history.seconds, overRead: history.seconds / readUnordered.seconds, logOverHistory: viaLog.seconds / history.seconds, stagedMs };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await benchHistory({ commits: Number(option('commits', '1200')), runs: Number(option('runs', '2')) });
}

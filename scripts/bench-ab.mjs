#!/usr/bin/env node
// Before/after on a shared machine: scans the bench corpora with two builds, alternating the order
// every round (A B, B A, ...) so load that comes and goes hits both alike, best of --runs each; with
// each build's own pack tripled too, and ripgrep's keyword-only pass for reference. Prints MB/s,
// peak RSS and B / A. MB is 2^20 bytes.
// Usage: node scripts/bench-ab.mjs --a /tmp/old/bin/secretsift.js [--b bin/secretsift.js]
//          [--runs 4] [--corpus real|dense|all] [--size-mb 200]       (npm run build first)
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareCorpora } from './bench-corpora.mjs';
import { measure, option, rate } from './bench-measure.mjs';
import { defaultRules, loadedRuleCount, writeKeywordFile, writeTripledPack } from './bench-rules.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(option('runs', '4'));
const sizeMb = Number(option('size-mb', '200'));
const choice = option('corpus', 'all');
if (!['real', 'dense', 'all'].includes(choice)) throw new Error('--corpus is real, dense or all');
if (option('a') === undefined) throw new Error('--a <path to the other build bin/secretsift.js> is required');
const benchDir = process.env.SECRETSIFT_BENCH_DIR ?? path.join(tmpdir(), 'secretsift-bench');
/** @param {string} line */
const log = (line) => console.log(line);
mkdirSync(benchDir, { recursive: true });

const probe = path.join(benchDir, 'probe.txt');
writeFileSync(probe, 'nothing to see\n');
/** @param {string} name */
const prepareBuild = (name) => {
  const cli = path.resolve(option(name, path.join(root, 'bin', 'secretsift.js')));
  const rules = defaultRules(cli);
  const tripled = path.join(benchDir, `tripled-pack-${name}.yaml`);
  writeTripledPack(cli, rules, tripled);
  const count = loadedRuleCount(cli, ['--no-config'], probe);
  if (loadedRuleCount(cli, ['--no-config', '--rules', tripled], probe) !== 3 * count) throw new Error(`${cli}: the tripled pack does not triple the rules`);
  log(`${name.toUpperCase()}: ${cli}, ${count} rules`);
  return { name, cli, rules, tripled, count };
};
const builds = /** @type {const} */ ([prepareBuild('a'), prepareBuild('b')]);
const keywordFile = path.join(benchDir, 'keywords-ab.txt');
const keywords = writeKeywordFile(builds[0].rules, keywordFile);
const haveRg = spawnSync('rg', ['--version']).status === 0;
const corpora = await prepareCorpora({ root, benchDir, choice, sizeMb, log });
log(`load average ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);

/** @typedef {import('./bench-measure.mjs').Run} Run */
/** @typedef {{ seconds: number, peakMb: number }} Best */

/** @param {Run} run */
const scanOk = (run) => {
  if (run.status !== 0 && run.status !== 1) throw new Error(`secretsift exited ${run.status}: ${run.stderr.slice(-2000)}`);
};
/** @param {Map<string, Best>} store @param {string} key @param {Run} run */
const keep = (store, key, run) => {
  const old = store.get(key);
  store.set(key, { seconds: Math.min(old?.seconds ?? Infinity, run.seconds), peakMb: Math.max(old?.peakMb ?? 0, run.peakMb) });
};
/** @type {Map<string, Best>} */
const best = new Map();
/** @param {string} key */
const bestOf = (key) => {
  const found = best.get(key);
  if (!found) throw new Error(`nothing measured for ${key}`);
  return found;
};
for (let round = 0; round < runs; round++) {
  const order = round % 2 === 0 ? builds : [...builds].reverse();
  for (const corpus of corpora) {
    for (const tripled of [false, true]) {
      for (const build of order) {
        const extra = tripled ? ['--rules', build.tripled] : [];
        const run = measure(process.execPath, [build.cli, 'scan', corpus.dir, '--no-config', '-q', '-f', 'json', ...extra], { runs: 1, check: scanOk, stdio: ['ignore', 'ignore', 'pipe'] });
        keep(best, `${corpus.name}/${tripled}/${build.name}`, run);
      }
    }
    if (haveRg) keep(best, `${corpus.name}/rg`, measure('rg', ['-F', '-i', '-j2', '--no-ignore', '--hidden', '--no-messages', '--count-matches', '-f', keywordFile, corpus.dir], { runs: 1, stdio: ['ignore', 'ignore', 'pipe'] }));
  }
  log(`round ${round + 1}/${runs} done, load average ${loadavg()[0]?.toFixed(2)}`);
}

log('');
log(`best of ${runs}, alternating; rg -F -i -j2 over ${keywords.length} keywords${haveRg ? '' : ' (rg not installed)'}`);
log('| corpus | rules | A MB/s | B MB/s | B / A | A / rg | B / rg | A peak MB | B peak MB |');
log('|---|---|---|---|---|---|---|---|---|');
for (const corpus of corpora) {
  const rg = best.get(`${corpus.name}/rg`);
  for (const tripled of [false, true]) {
    const [a, b] = [bestOf(`${corpus.name}/${tripled}/${builds[0].name}`), bestOf(`${corpus.name}/${tripled}/${builds[1].name}`)];
    /** @param {Best} m */
    const mbps = (m) => rate(corpus.bytes, m.seconds);
    /** @param {Best} m */
    const vsRg = (m) => (rg ? (rg.seconds / m.seconds).toFixed(2) : '—');
    /** @param {Best} m */
    const peak = (m) => (Number.isNaN(m.peakMb) ? '—' : m.peakMb.toFixed(0));
    log(`| ${corpus.name} | ${tripled ? `×3 (${builds[0].count * 3} / ${builds[1].count * 3})` : `${builds[0].count} / ${builds[1].count}`} | ${mbps(a).toFixed(0)} | ${mbps(b).toFixed(0)} | ${(a.seconds / b.seconds).toFixed(2)} | ${vsRg(a)} | ${vsRg(b)} | ${peak(a)} | ${peak(b)} |`);
  }
}

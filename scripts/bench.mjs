#!/usr/bin/env node
// Throughput benchmark on two corpora, each outside any git work tree:
//   real   the text files of the project's installed node_modules (~50 MB of other people's code)
//   dense  generated application code with token/key/secret/password/auth on most screens and a
//          fake token planted in one file in forty (--size-mb, default 200)
// For each: secretsift MB/s (best of --runs) and peak RSS, the ratio to ripgrep's keyword-only pass
// (`rg -F -i -j2 -f <the default pack's keywords>`, skipped when rg is absent), the throughput with
// the rule pack tripled (cost vs rules) and on the main thread alone. Then a 20-scan soak (memory
// must not grow), the history and staged benchmarks (scripts/bench-history.mjs), and a summary
// table with the aims of issue 12 beside the measured values (printed, never asserted).
// MB is 2^20 bytes throughout. The machine's load average is printed: timings on a shared machine
// are noisy, so compare builds interleaved in one session.
// Usage: npm run bench [-- --size-mb 200 --runs 3 --corpus real|dense|all --skip-soak --skip-history]
//        SECRETSIFT_BENCH_CLI=/path/to/other/bin/secretsift.js node scripts/bench.mjs   (or --cli):
//        measures another build with the same corpora; scripts/bench-ab.mjs alternates two
//        builds scan by scan, which a shared machine's load disturbs less.
//        SECRETSIFT_BENCH_DIR: where the corpora are kept between runs (default: $TMPDIR/secretsift-bench).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareCorpora } from './bench-corpora.mjs';
import { canMeasurePeak, flag, measure, mib, option, rate, runOnce } from './bench-measure.mjs';
import { defaultRules, loadedRuleCount, writeKeywordFile, writeTripledPack } from './bench-rules.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sizeMb = Number(option('size-mb', '200'));
const runs = Number(option('runs', '3'));
const corpusChoice = option('corpus', 'all');
if (!['real', 'dense', 'all'].includes(corpusChoice)) throw new Error('--corpus is real, dense or all');
if (!(sizeMb > 0) || !(runs >= 1)) throw new Error('--size-mb and --runs take positive numbers');
const cli = path.resolve(option('cli', process.env.SECRETSIFT_BENCH_CLI ?? path.join(root, 'bin', 'secretsift.js')));
// Outside the repository: inside it, the corpora would be gitignored and (rightly) not scanned.
const benchDir = process.env.SECRETSIFT_BENCH_DIR ?? path.join(tmpdir(), 'secretsift-bench');
/** @param {string} line */
const log = (line) => console.log(line);
const started = performance.now();

mkdirSync(benchDir, { recursive: true });
const version = spawnSync(process.execPath, [cli, '--version'], { encoding: 'utf8' }).stdout.trim();
log(`build: ${cli} (${version}); node ${process.version}; ${availableParallelism()} cores; load average ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);
if (!canMeasurePeak) log('peak RSS: not measured (needs GNU time at /usr/bin/time)');

// The measured build's own rules: its keywords for ripgrep, its packs for the tripled run.
const rules = defaultRules(cli);
const keywordFile = path.join(benchDir, 'keywords.txt');
const keywords = writeKeywordFile(rules, keywordFile);
const tripledPack = path.join(benchDir, 'tripled-pack.yaml');
writeTripledPack(cli, rules, tripledPack);
const probe = path.join(benchDir, 'probe.txt');
writeFileSync(probe, 'nothing to see\n');
const ruleCount = loadedRuleCount(cli, ['--no-config'], probe);
const tripledCount = loadedRuleCount(cli, ['--no-config', '--rules', tripledPack], probe);
if (tripledCount !== 3 * ruleCount) throw new Error(`the tripled pack loads ${tripledCount} rules, not 3 × ${ruleCount}`);
log(`rules: ${ruleCount} (${keywords.length} distinct keywords); tripled pack: ${tripledCount} rules`);
const rgVersion = spawnSync('rg', ['--version'], { encoding: 'utf8' });
const haveRg = rgVersion.status === 0;
if (!haveRg) log('ripgrep: not installed (apt-get install ripgrep) — no reference pass, no ratio');

const corpora = await prepareCorpora({ root, benchDir, choice: corpusChoice, sizeMb, log });

/** @typedef {import('./bench-measure.mjs').Run} Run */

/** Fails the bench on a scan error (exit 2): a crashed scan is fast and would look like a win. @param {Run} run */
function scanOk(run) {
  if (run.status !== 0 && run.status !== 1) throw new Error(`secretsift exited ${run.status}: ${run.stderr.slice(-2000)}`);
}
/** @param {string} dir @param {string} report @param {string[]} extra */
const scanArgs = (dir, report, ...extra) => [cli, 'scan', dir, '--no-config', '--debug', '-f', 'json', '-o', report, ...extra];
/** @param {string} label @param {number} bytes @param {Run} m */
const fmt = (label, bytes, m) => `  ${label.padEnd(40)} ${m.seconds.toFixed(2).padStart(6)} s ${rate(bytes, m.seconds).toFixed(0).padStart(5)} MB/s  peak ${Number.isNaN(m.peakMb) ? '?' : m.peakMb.toFixed(0)} MB`;

/** @type {{ corpus: import('./bench-corpora.mjs').Corpus, scan: Run, tripled: Run, single: Run, rg: (Run & { hits: number }) | undefined }[]} */
const results = [];
for (const corpus of corpora) {
  log(`${corpus.name}:`);
  const report = path.join(benchDir, `report-${corpus.name}.json`);
  const scan = measure(process.execPath, scanArgs(corpus.dir, report), { runs, check: scanOk });
  const findings = JSON.parse(readFileSync(report, 'utf8')).findings.length;
  // The scanner's own count of what it read: a corpus it partly skipped would flatter it.
  const scanned = /scanned (\d+) files, (\d+) bytes/.exec(scan.stderr);
  const note = scanned && Math.abs(Number(scanned[2]) - corpus.bytes) > corpus.bytes / 100 ? `  (scanner read ${mib(Number(scanned[2])).toFixed(1)} MB in ${scanned[1]} files!)` : '';
  const missed = corpus.planted && findings < corpus.planted ? ' — fewer than planted!' : '';
  log(fmt(`secretsift scan, ${ruleCount} rules`, corpus.bytes, scan) + `  ${findings} findings${corpus.planted ? ` (${corpus.planted} planted${missed})` : ''}${note}`);
  const tripled = measure(process.execPath, scanArgs(corpus.dir, report, '--rules', tripledPack), {
    runs,
    check: (run) => {
      scanOk(run);
      const loaded = /; (\d+) rules;/.exec(run.stderr)?.[1];
      if (Number(loaded) !== tripledCount) throw new Error(`the tripled scan ran ${loaded ?? 'an unknown number of'} rules, not ${tripledCount}`);
    },
  });
  log(fmt(`secretsift scan, ${tripledCount} rules (×3)`, corpus.bytes, tripled) + `  costs ${((tripled.seconds / scan.seconds - 1) * 100).toFixed(0)}%`);
  const single = measure(process.execPath, scanArgs(corpus.dir, report, '--threads', '0'), { runs: 1, check: scanOk });
  log(fmt('secretsift scan --threads 0', corpus.bytes, single) + `  workers give ${(single.seconds / scan.seconds).toFixed(2)}×`);
  /** @type {(Run & { hits: number }) | undefined} */
  let rg;
  if (haveRg) {
    // A fraction of a second a run, so one busy moment on a shared machine skews it most: more runs.
    const measured = measure('rg', ['-F', '-i', '-j2', '--no-ignore', '--hidden', '--no-messages', '--count-matches', '-f', keywordFile, corpus.dir], {
      runs: Math.max(runs, 5),
      check: (run) => {
        if (run.status !== 0 && run.status !== 1) throw new Error(`rg exited ${run.status}: ${run.stderr.slice(-2000)}`);
      },
    });
    rg = { ...measured, hits: measured.stdout.split('\n').reduce((sum, line) => sum + (Number(line.slice(line.lastIndexOf(':') + 1)) || 0), 0) };
    log(fmt(`rg -F -i -j2, ${keywords.length} keywords`, corpus.bytes, rg) + `  ${(rg.hits / mib(corpus.bytes)).toFixed(0)} keyword hits per MB`);
    log(`  secretsift / rg throughput: ${(rg.seconds / scan.seconds).toFixed(2)}`);
  }
  results.push({ corpus, scan, tripled, single, rg });
}

// Soak: the same scan in 20 processes; peak memory must not grow from run to run.
let soak;
const soakCorpus = corpora[0];
if (!flag('skip-soak') && soakCorpus) {
  if (!canMeasurePeak) log('soak: skipped (peak RSS cannot be measured here)');
  else {
    const corpus = soakCorpus;
    const peaks = Array.from({ length: 20 }, () => {
      const run = runOnce(process.execPath, [cli, 'scan', corpus.dir, '--no-config', '-q']);
      scanOk(run);
      return run.peakMb;
    });
    const first = peaks.slice(0, 5).reduce((a, b) => a + b, 0) / 5;
    const last = peaks.slice(-5).reduce((a, b) => a + b, 0) / 5;
    soak = { corpus: corpus.name, min: Math.min(...peaks), max: Math.max(...peaks), growth: last - first };
    log(`soak (${corpus.name}): 20 scans, peak memory ${soak.min.toFixed(0)}-${soak.max.toFixed(0)} MB, last five vs first five: ${(soak.growth >= 0 ? '+' : '') + soak.growth.toFixed(1)} MB`);
  }
}

let history;
if (!flag('skip-history')) {
  const { benchHistory } = await import('./bench-history.mjs');
  history = await benchHistory({ log, cli });
}

// Aims from issue 12, beside what was measured; printed for people, never asserted.
/** @param {number | undefined} value */
const num = (value, digits = 0) => (value === undefined || Number.isNaN(value) ? '—' : value.toFixed(digits));
log('');
log(`summary (${path.relative(process.cwd(), cli) || cli}, ${version}; best of ${runs}; aims in brackets)`);
log('| corpus | MB | secretsift MB/s | rg keywords MB/s | ratio [≥ 0.5] | peak RSS MB [≤ 300] | ×3 rules MB/s | ×3 cost [≤ 20 %] | workers vs main thread |');
log('|---|---|---|---|---|---|---|---|---|');
for (const { corpus, scan, tripled, single, rg } of results) {
  /** @param {Run} m */
  const mbps = (m) => rate(corpus.bytes, m.seconds);
  log(
    `| ${corpus.name} | ${num(mib(corpus.bytes))} | ${num(mbps(scan))} | ${rg ? num(mbps(rg)) : '—'} | ${rg ? num(rg.seconds / scan.seconds, 2) : '—'} | ${num(scan.peakMb)} | ${num(mbps(tripled))} | ${num((tripled.seconds / scan.seconds - 1) * 100)} % | ${num(single.seconds / scan.seconds, 2)}× |`,
  );
}
if (history || soak) {
  log('');
  log('| measure | measured | aim |');
  log('|---|---|---|');
}
if (history) {
  log(`| history: ${num(history.mb)} MB of blobs | ${num(history.mbps, 1)} MB/s; ${num(history.overRead, 2)}× the cat-file read time | ≤ 2× |`);
  log(`| git log -p --all \\| secretsift scan - | ${num(history.logOverHistory, 2)}× the history time | ≥ 2× |`);
  log(`| staged, 10-file change | ${num(history.stagedMs)} ms median | ≤ 150 ms |`);
}
if (soak) log(`| soak, 20 scans of ${soak.corpus}: peak RSS | ${num(soak.min)}–${num(soak.max)} MB, ${soak.growth >= 0 ? '+' : ''}${num(soak.growth, 1)} MB last 5 vs first 5 | no growth |`);
log(`bench took ${((performance.now() - started) / 1000).toFixed(0)} s; load average now ${loadavg().map((n) => n.toFixed(2)).join(' ')} on ${availableParallelism()} cores`);

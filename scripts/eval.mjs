#!/usr/bin/env node
// Labelled evaluation of the default rule packs: generates a corpus of true secrets and hard
// negatives (random, made at run time, never committed), scans it with the real CLI and prints
// precision, recall and F1 overall and per rule family (rule pack).
//   node scripts/eval.mjs [--seed N] [--json] [--keep DIR] [--min 0.95]
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { buildCorpus } from './eval/corpus.mjs';
import { Rng } from './rng.mjs';
import { score } from './eval/score.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
/** @param {string} name @param {string} [fallback] */
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i === -1 ? fallback : args[i + 1];
};
const seed = Number(option('--seed', '20240601'));
const asJson = args.includes('--json');
const keep = option('--keep', undefined);
const min = Number(option('--min', '0.95'));

function ruleFamilies() {
  /** @type {Map<string, string>} */
  const families = new Map();
  const dir = path.join(ROOT, 'rules');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
    const pack = YAML.parse(readFileSync(path.join(dir, file), 'utf8'));
    for (const rule of pack.rules ?? []) families.set(rule.id, file.replace(/\.yaml$/, ''));
  }
  return (/** @type {string} */ id) => families.get(id) ?? 'unknown';
}

const started = Date.now();
const { files, stats } = buildCorpus(new Rng(seed));
const dir = keep ? path.resolve(keep) : mkdtempSync(path.join(tmpdir(), 'secretsift-eval-'));
try {
  for (const file of files) {
    const full = path.join(dir, file.path);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, file.content);
  }
  const generated = Date.now();
  const run = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'secretsift.js'), 'scan', '.', '-f', 'json', '--no-config', '--show-secrets', '--no-color', '-q'], {
    cwd: dir,
    maxBuffer: 256 * 1024 * 1024,
    encoding: 'utf8',
  });
  if (run.status !== 0 && run.status !== 1) {
    console.error(`secretsift scan failed (exit ${run.status}):\n${run.stderr}`);
    process.exit(2);
  }
  /** @typedef {import('./eval/score.mjs').Finding & { belowFailOn?: boolean }} ReportFinding */
  const report = /** @type {{ findings: ReportFinding[] }} */ (JSON.parse(run.stdout));
  // Scored: what fails the run. Findings below --fail-on (public by design, at info) are reported
  // but pass CI: one may find a labelled public value, but a hard negative reported at info is not
  // a false positive.
  /** @param {ReportFinding} f */
  const relative = (f) => ({ ...f, path: f.path.split(path.sep).join('/').replace(/^\.\//, '') });
  const findings = report.findings.filter((f) => !f.belowFailOn).map(relative);
  const informational = report.findings.filter((f) => f.belowFailOn).map(relative);
  const result = score(files, findings, ruleFamilies(), informational);
  const kinds = new Set(files.flatMap((f) => f.labels.map((l) => l.kind)));
  const composition = {
    seed,
    files: files.length,
    secrets: result.overall.labels,
    kinds: kinds.size,
    secretsPerFamily: Object.fromEntries(result.perFamily.filter((f) => f.labels > 0).map((f) => [f.family, f.labels])),
    negatives: stats.negativeCount,
    informational,
    negativesPerCategory: stats.negatives,
    timings: { generateMs: generated - started, scanMs: Date.now() - generated },
  };
  /** @param {string | undefined} s */
  const redact = (s) => `${(s ?? '').slice(0, 4)}…`;
  if (asJson) {
    console.log(JSON.stringify({
      composition,
      overall: result.overall,
      perFamily: result.perFamily,
      misses: result.misses.map((m) => ({ ...m, secret: redact(m.secret) })),
      falsePositives: result.falsePositives.map((f) => ({ ...f, secret: redact(f.secret) })),
      contextMismatches: result.contextMismatches,
    }, null, 2));
  } else {
    /** @param {number} x */
    const pct = (x) => `${(x * 100).toFixed(1)}%`.padStart(7);
    console.log(`corpus: ${composition.files} files, ${composition.secrets} secrets of ${composition.kinds} kinds, ${composition.negatives} hard negatives (seed ${seed})`);
    console.log(`scan: ${composition.timings.scanMs} ms; ${informational.length} findings below --fail-on (not scored)\n`);
    console.log(`${'family'.padEnd(16)}${'secrets'.padStart(8)}${'found'.padStart(7)}${'reports'.padStart(9)}${'FP'.padStart(5)}${'precision'.padStart(11)}${'recall'.padStart(8)}${'F1'.padStart(8)}`);
    for (const f of result.perFamily) {
      console.log(`${f.family.padEnd(16)}${String(f.labels).padStart(8)}${String(f.found).padStart(7)}${String(f.tpFindings + f.fpFindings).padStart(9)}${String(f.fpFindings).padStart(5)}${pct(f.precision).padStart(11)}${pct(f.recall).padStart(8)}${pct(f.f1).padStart(8)}`);
    }
    const o = result.overall;
    console.log(`${'overall'.padEnd(16)}${String(o.labels).padStart(8)}${String(o.found).padStart(7)}${String(o.tpFindings + o.fpFindings).padStart(9)}${String(o.fpFindings).padStart(5)}${pct(o.precision).padStart(11)}${pct(o.recall).padStart(8)}${pct(o.f1).padStart(8)}`);
    console.log(`\n(precision per family counts the reports of that pack's rules; recall counts the secrets expected of it; ${o.crossFamily} secrets were reported by a rule of another pack)`);
    console.log(`\nmisses (${result.misses.length}):`);
    for (const m of result.misses) console.log(`  ${m.family}/${m.kind}  ${m.path}  ${redact(m.secret)}`);
    console.log(`\nfalse positives (${result.falsePositives.length}):`);
    for (const f of result.falsePositives) console.log(`  ${f.ruleId}  ${f.path}:${f.line}  ${redact(f.secret)}`);
    console.log(`\ncontext labels wrong (${result.contextMismatches.length}):`);
    for (const m of result.contextMismatches) console.log(`  ${m.ruleId}  ${m.path}  expected ${m.expected}, got ${m.got}`);
  }
  const ok = result.overall.precision >= min && result.overall.recall >= min && result.contextMismatches.length === 0;
  if (!asJson) console.log(`\n${ok ? 'PASS' : 'FAIL'}: precision ${(result.overall.precision * 100).toFixed(1)}%, recall ${(result.overall.recall * 100).toFixed(1)}% (minimum ${(min * 100).toFixed(0)}%)`);
  process.exitCode = ok ? 0 : 1;
} finally {
  if (!keep) rmSync(dir, { recursive: true, force: true });
}

#!/usr/bin/env node
// Throughput benchmark: generates a ~200 MB tree of code-like text with planted fake tokens, scans
// it with secretsift, and runs ripgrep with the same patterns in the same run for reference.
// Usage: npm run bench [-- --size-mb 200 --runs 3 --skip-soak --skip-history]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Rng } from './rng.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Outside the repository: inside it, the tree would be gitignored and (rightly) not scanned.
const benchDir = process.env.SECRETSIFT_BENCH_DIR ?? path.join(tmpdir(), 'secretsift-bench');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at === -1 ? fallback : args[at + 1];
};
const sizeMb = Number(option('size-mb', '200'));
const runs = Number(option('runs', '3'));
const log = (line) => console.log(line);

// Deterministic: the same data on every machine and run.
const rng = new Rng(20261123);
const rand = () => rng.next();
const pick = (items) => items[Math.floor(rand() * items.length)];
const chars = (alphabet, n) => Array.from({ length: n }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';

const { base62, crc32 } = await import(path.join(root, 'dist', 'detect', 'validators.js'));
const checksummed = (prefix) => {
  const body = chars(ALNUM, 30);
  return `${prefix}_${body}${base62(crc32(body), 6)}`;
};
// Fake tokens with the structure of real ones (valid checksums where the format has one).
const PLANTS = [
  () => `GITHUB_TOKEN=${checksummed('ghp')}`,
  () => `  "npmToken": "${checksummed('npm')}",`,
  () => `aws_access_key_id = AKIA${chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`,
  () => `STRIPE_SECRET_KEY=sk_live_${chars(ALNUM, 24)}`,
  () => `slack_token: "xoxb-${chars('0123456789', 12)}-${chars('0123456789', 13)}-${chars(ALNUM, 24)}"`,
  () => `gitlab: glpat-${chars(ALNUM + '-_', 20)}`,
  () => `sendgrid = "SG.${chars(ALNUM + '-_', 22)}.${chars(ALNUM + '-_', 43)}"`,
];

const WORDS = 'user account config value result handler request response service client server session cache index model route query filter build deploy update create delete fetch parse render'.split(' ');
// [weight, line]: ordinary code, with the hashes, UUIDs and base64 blobs real repositories hold.
const LINE_SHAPES = [
  [30, () => `const ${pick(WORDS)}${pick(WORDS)} = ${pick(WORDS)}.${pick(WORDS)}(${pick(WORDS)}, ${Math.floor(rand() * 1000)});`],
  [20, () => `  if (${pick(WORDS)} && ${pick(WORDS)}.length > ${Math.floor(rand() * 100)}) { return ${pick(WORDS)}; }`],
  [15, () => `// ${pick(WORDS)} ${pick(WORDS)} ${pick(WORDS)} the ${pick(WORDS)} before ${pick(WORDS)}`],
  [10, () => `def ${pick(WORDS)}_${pick(WORDS)}(self, ${pick(WORDS)}=None):`],
  [10, () => `${pick(WORDS)}: ${pick(WORDS)}-${Math.floor(rand() * 100)}`],
  [10, () => `    "${pick(WORDS)}": "${pick(WORDS)} ${pick(WORDS)}",`],
  [8, () => `import { ${pick(WORDS)} } from './${pick(WORDS)}/${pick(WORDS)}.js';`],
  [2, () => `    ${pick(WORDS)}_id = "${chars(HEX, 8)}-${chars(HEX, 4)}-${chars(HEX, 4)}-${chars(HEX, 4)}-${chars(HEX, 12)}"`],
  [2, () => `  sha256: ${chars(HEX, 64)}`],
  [1, () => `  data = "${chars(ALNUM + '+/', 76)}"`],
];
// Lines that name secrets without holding one: about one file in five has one, as in application
// code (auth modules, config loaders, tests); they make the keyword-gated rules run.
const SECRET_ADJACENT = [
  () => `  password_min_length = ${Math.floor(rand() * 20)}`,
  () => `  const apiKey = process.env.${pick(WORDS).toUpperCase()}_API_KEY;`,
  () => `  token_ttl_seconds: ${Math.floor(rand() * 10000)}`,
  () => `  secret = vault.read("${pick(WORDS)}/${pick(WORDS)}")`,
  () => `  password = getpass.getpass("${pick(WORDS)}: ")`,
];
const SHAPE_TABLE = LINE_SHAPES.flatMap(([weight, shape]) => Array(weight).fill(shape));

// Bump when the generator changes, so a cached tree is regenerated.
const TREE_VERSION = 3;

function generateTree(dir) {
  const marker = path.join(dir, '.complete');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === `${TREE_VERSION}:${sizeMb}`) return JSON.parse(readFileSync(path.join(dir, '..', 'tree-info.json'), 'utf8'));
  rmSync(dir, { recursive: true, force: true });
  const started = performance.now();
  const lines = Array.from({ length: 20000 }, () => pick(SHAPE_TABLE)());
  const exts = ['js', 'ts', 'py', 'yaml', 'json', 'env', 'go', 'java'];
  let bytes = 0;
  let files = 0;
  let planted = 0;
  while (bytes < sizeMb * 1024 * 1024) {
    const target = 4000 + Math.floor(rand() * 60000);
    const out = [];
    let size = 0;
    while (size < target) {
      const line = lines[Math.floor(rand() * lines.length)];
      out.push(line);
      size += line.length + 1;
    }
    if (rand() < 0.2) out.splice(Math.floor(rand() * out.length), 0, pick(SECRET_ADJACENT)());
    if (files % 40 === 0) {
      out.splice(Math.floor(rand() * out.length), 0, pick(PLANTS)());
      planted++;
    }
    const file = path.join(dir, `pkg${files % 50}`, `mod${Math.floor(files / 50) % 40}`, `file${files}.${pick(exts)}`);
    mkdirSync(path.dirname(file), { recursive: true });
    const text = `${out.join('\n')}\n`;
    writeFileSync(file, text);
    bytes += Buffer.byteLength(text);
    files++;
  }
  const info = { bytes, files, planted, seconds: (performance.now() - started) / 1000 };
  writeFileSync(path.join(dir, '..', 'tree-info.json'), JSON.stringify(info));
  writeFileSync(marker, `${TREE_VERSION}:${sizeMb}`);
  return info;
}

/** Wall time and peak RSS of a command, best of `runs`. */
function measure(command, commandArgs, options = {}) {
  const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
  let best;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const result = timeBin
      ? spawnSync(timeBin, ['-f', '%M', command, ...commandArgs], { ...options, encoding: 'utf8', maxBuffer: 1 << 28 })
      : spawnSync(command, commandArgs, { ...options, encoding: 'utf8', maxBuffer: 1 << 28 });
    const seconds = (performance.now() - started) / 1000;
    const peakKb = timeBin ? Number(result.stderr.trim().split('\n').pop()) : NaN;
    if (!best || seconds < best.seconds) best = { seconds, peakMb: peakKb / 1024, stdout: result.stdout, status: result.status };
  }
  return best;
}

const fmt = (label, bytes, m) => `${label.padEnd(34)} ${m.seconds.toFixed(2).padStart(6)} s  ${(bytes / 1024 / 1024 / m.seconds).toFixed(0).padStart(5)} MB/s  peak ${Number.isNaN(m.peakMb) ? '?' : m.peakMb.toFixed(0)} MB`;

mkdirSync(benchDir, { recursive: true });
const treeDir = path.join(benchDir, 'tree');
const tree = generateTree(treeDir);
log(`tree: ${(tree.bytes / 1024 / 1024).toFixed(1)} MB in ${tree.files} files, ${tree.planted} fake tokens planted (generated in ${tree.seconds.toFixed(1)} s)`);

const cli = path.join(root, 'bin', 'secretsift.js');
const reportFile = path.join(benchDir, 'report.json');
const scan = measure(process.execPath, [cli, 'scan', treeDir, '--no-config', '-f', 'json', '-o', reportFile]);
const report = JSON.parse(readFileSync(reportFile, 'utf8'));
log(fmt('secretsift scan (default rules)', tree.bytes, scan) + `  ${report.findings.length} findings (${tree.planted} planted)`);
const single = measure(process.execPath, [cli, 'scan', treeDir, '--no-config', '-f', 'json', '-o', reportFile, '--threads', '0']);
log(fmt('secretsift scan --threads 0', tree.bytes, single));
const noDecode = measure(process.execPath, [cli, 'scan', treeDir, '--no-config', '-f', 'json', '-o', reportFile, '--max-decode-depth', '0']);
log(fmt('secretsift scan --max-decode-depth 0', tree.bytes, noDecode) + `  (decoding costs ${((scan.seconds / noDecode.seconds - 1) * 100).toFixed(0)}%)`);

// ripgrep with the same patterns: the rules' RE2 syntax is accepted by Rust's regex crate.
const { buildRuleset } = await import(path.join(root, 'dist', 'detect', 'ruleset.js'));
const { emptyConfig } = await import(path.join(root, 'dist', 'config', 'config.js'));
const patterns = buildRuleset(emptyConfig(root), { extraPacks: [] }).map((rule) => rule.pattern);
const rgUsable = patterns.filter((pattern) => spawnSync('rg', ['--quiet', '-e', pattern, '/dev/null']).status === 1);
const patternFile = path.join(benchDir, 'patterns.txt');
writeFileSync(patternFile, `${rgUsable.join('\n')}\n`);
if (spawnSync('rg', ['--version']).status === 0) {
  const rg = measure('rg', ['--no-ignore', '--hidden', '--no-messages', '--count-matches', '-f', patternFile, treeDir]);
  log(fmt(`ripgrep (${rgUsable.length}/${patterns.length} patterns)`, tree.bytes, rg));
  log(`secretsift / ripgrep time: ${(scan.seconds / rg.seconds).toFixed(2)}x`);
} else {
  log('ripgrep: not installed (apt-get install ripgrep) — no reference run');
}

// Soak: the same scan in 20 processes; peak memory must not grow from run to run.
if (!args.includes('--skip-soak')) {
  const peaks = [];
  for (let i = 0; i < 20; i++) {
    const run = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, cli, 'scan', treeDir, '--no-config', '-q'], { encoding: 'utf8', maxBuffer: 1 << 28 });
    peaks.push(Number(run.stderr.trim().split('\n').pop()) / 1024);
  }
  const first = peaks.slice(0, 5).reduce((a, b) => a + b, 0) / 5;
  const last = peaks.slice(-5).reduce((a, b) => a + b, 0) / 5;
  log(`soak: 20 scans, peak memory ${Math.min(...peaks).toFixed(0)}-${Math.max(...peaks).toFixed(0)} MB, last five vs first five: ${(last - first >= 0 ? '+' : '') + (last - first).toFixed(1)} MB`);
}

if (!args.includes('--skip-history') && existsSync(path.join(root, 'scripts', 'bench-history.mjs'))) {
  const { benchHistory } = await import('./bench-history.mjs');
  await benchHistory({ log });
}

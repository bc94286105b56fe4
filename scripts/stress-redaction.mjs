#!/usr/bin/env node
// Redaction stress: renders reports of many distinct findings whose secrets share a prefix (as AWS
// key ids share "AKIA") in every format, and prints how long each took. Masking must stay linear in
// the report's size; this prints numbers for people to compare, it asserts nothing.
// Usage: npm run build && node scripts/stress-redaction.mjs [-- --counts 20000,40000]
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { option } from './bench-measure.mjs';
import { Rng } from './rng.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const counts = option('counts', '20000,40000').split(',').map(Number);

const { FORMATS } = await import(path.join(root, 'dist', 'report', 'formats.js'));

// Deterministic fake data: the same on every machine and run.
const rng = new Rng(20261207);
/** @param {string} alphabet @param {number} n */
const chars = (alphabet, n) => Array.from({ length: n }, () => alphabet[Math.floor(rng.next() * alphabet.length)]).join('');
const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** @param {number} count */
function findings(count) {
  return Array.from({ length: count }, (_, i) => {
    const secret = `AKIA${chars(B32, 16)}`;
    const line = `creds = NewStaticCredentials("${secret}", "${chars(B64, 40)}", "") // account ${i}`;
    const column = line.indexOf(secret) + 1;
    return {
      ruleId: 'aws-access-key-id',
      description: 'AWS access key id',
      severity: 'critical',
      tags: ['aws'],
      path: `services/svc-${i % 500}/config-${i}.go`,
      startLine: 1 + (i % 300),
      startColumn: column,
      endLine: 1 + (i % 300),
      endColumn: column + secret.length,
      secret,
      lineText: line,
      entropy: 3.9,
    };
  });
}

const stats = { files: 0, bytes: 0, durationMs: 0, skipped: {}, suppressed: { inline: 0, allowlist: 0, baseline: 0 } };
const options = { showSecrets: false, color: false, quiet: false, showSuppressed: false, toolVersion: '0.0.0' };
for (const count of counts) {
  const report = { findings: findings(count), suppressed: [], stats, errors: [], fingerprintKey: '00'.repeat(32) };
  for (const [name, format] of Object.entries(FORMATS)) {
    const started = performance.now();
    const bytes = format(report, options).length;
    console.log(`${String(count).padStart(6)} findings  ${name.padEnd(6)}  ${((performance.now() - started) / 1000).toFixed(2)} s  (${bytes} bytes)`);
  }
}

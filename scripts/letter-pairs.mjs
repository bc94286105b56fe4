#!/usr/bin/env node
// Regenerates the letter-pair table in src/report/letter-pairs.ts from the identifiers, comments and
// messages of TypeScript's compiler and lib .d.ts files: English words as code uses them, present
// wherever the dev dependencies are installed. Each digit is log2 of how much likelier a pair is there than among
// random letters, rounded and clamped to -5..4, plus 5.
// Usage: node scripts/letter-pairs.mjs
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const lib = path.dirname(createRequire(import.meta.url).resolve('typescript/lib/lib.d.ts'));
const counts = new Float64Array(26 * 26).fill(1);
let total = counts.length;
for (const file of readdirSync(lib).filter((name) => name.endsWith('.d.ts') || name === 'typescript.js')) {
  for (const [word] of readFileSync(path.join(lib, file), 'utf8').matchAll(/[A-Z]{2,}(?![a-z])|[A-Z]?[a-z]+/g)) {
    const lower = word.toLowerCase();
    for (let i = 0; i + 1 < lower.length; i++) {
      const pair = (lower.charCodeAt(i) - 97) * 26 + lower.charCodeAt(i + 1) - 97;
      counts[pair] = (counts[pair] ?? 0) + 1;
      total++;
    }
  }
}
/** @type {string[]} */
const rows = [];
for (let first = 0; first < 26; first++) {
  let row = '';
  for (let second = 0; second < 26; second++) {
    const ratio = Math.log2(((counts[first * 26 + second] ?? 1) / total) * 26 * 26);
    row += String(Math.max(-5, Math.min(4, Math.round(ratio))) + 5);
  }
  rows.push(`  '${row}', // ${String.fromCharCode(97 + first)}`);
}
console.log(rows.join('\n'));

// Benchmark corpus of real code: the text files of the project's installed node_modules (other
// people's JS, TS, JSON, C++, Markdown), copied outside any git work tree. Inside the repository
// node_modules is gitignored, so the scanner would (rightly) skip it there.
import { createHash } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Rng } from './rng.mjs';

// As the scanner decides (src/sources/text-decoding.ts): a NUL in the first 8000 bytes is binary.
const SNIFF_BYTES = 8000;
// The scanner's default --max-file-size: larger files would be skipped, so they are not counted.
const MAX_FILE_SIZE = 5 * 1024 * 1024;

/** @param {string} file */
function isText(file) {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(SNIFF_BYTES);
    const read = readSync(fd, head, 0, SNIFF_BYTES, 0);
    return !head.subarray(0, read).includes(0);
  } finally {
    closeSync(fd);
  }
}

/** Every text file below `source` the scanner would read, in a fixed (sorted) order; symlinks not followed. @param {string} source */
function listTextFiles(source) {
  /** @type {{ relative: string, size: number, mtimeMs: number }[]} */
  const files = [];
  const pending = [''];
  let relative;
  while ((relative = pending.pop()) !== undefined) {
    const entries = readdirSync(path.join(source, relative), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const child = path.join(relative, entry.name);
      if (entry.isDirectory()) pending.push(child);
      else if (entry.isFile()) {
        const stat = lstatSync(path.join(source, child));
        if (stat.size > 0 && stat.size <= MAX_FILE_SIZE && isText(path.join(source, child))) files.push({ relative: child, size: stat.size, mtimeMs: stat.mtimeMs });
      }
    }
  }
  return files.sort((a, b) => (a.relative < b.relative ? -1 : 1));
}

/**
 * Copies up to `capBytes` of text files from `source` into `dir` (reused when the selection is
 * unchanged). Over the cap, a seeded sample across all packages is taken, not the first ones
 * alphabetically. Returns { bytes, files, packages }.
 * @param {{ source: string, dir: string, capBytes: number }} options
 */
export function prepareRealCorpus({ source, dir, capBytes }) {
  if (!existsSync(source)) throw new Error(`${source} is missing: run npm install first`);
  const all = listTextFiles(source);
  let chosen = all;
  if (all.reduce((sum, file) => sum + file.size, 0) > capBytes) {
    chosen = [];
    let total = 0;
    for (const file of new Rng(50).shuffle(all)) {
      if (total + file.size > capBytes) continue;
      chosen.push(file);
      total += file.size;
    }
    chosen.sort((a, b) => (a.relative < b.relative ? -1 : 1));
  }
  const bytes = chosen.reduce((sum, file) => sum + file.size, 0);
  const packages = new Set(chosen.map((file) => file.relative.split(path.sep).slice(0, file.relative.startsWith('@') ? 2 : 1).join('/'))).size;
  const key = createHash('sha256')
    .update(chosen.map((file) => `${file.relative}\0${file.size}\0${file.mtimeMs}`).join('\n'))
    .digest('hex');
  // Beside the corpus, not in it: every byte in it is one both tools read.
  const marker = `${dir}.complete`;
  const info = { bytes, files: chosen.length, packages };
  if (existsSync(marker) && readFileSync(marker, 'utf8') === key) return info;
  rmSync(marker, { force: true });
  rmSync(dir, { recursive: true, force: true });
  for (const file of chosen) {
    const target = path.join(dir, file.relative);
    mkdirSync(path.dirname(target), { recursive: true });
    copyFileSync(path.join(source, file.relative), target);
  }
  writeFileSync(marker, key);
  return info;
}

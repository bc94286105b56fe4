// The benchmark corpora, made (or reused) under the bench directory: `real` (node_modules' text
// files) and `dense` (generated keyword-dense code). Shared by bench.mjs and bench-ab.mjs.
import path from 'node:path';
import { prepareDenseCorpus } from './bench-corpus-dense.mjs';
import { prepareRealCorpus } from './bench-corpus-real.mjs';
import { mib } from './bench-measure.mjs';

const REAL_CAP_BYTES = 50 * 1024 * 1024;

/** @typedef {{ name: string, dir: string, bytes: number, files: number, planted?: number }} Corpus */

/**
 * Returns [{ name, dir, bytes, files, planted? }] for `choice` (real, dense or all).
 * @param {{ root: string, benchDir: string, choice: string, sizeMb: number, log: (line: string) => void }} options
 */
export async function prepareCorpora({ root, benchDir, choice, sizeMb, log }) {
  /** @type {Corpus[]} */
  const corpora = [];
  if (choice !== 'dense') {
    const dir = path.join(benchDir, 'real');
    const at = performance.now();
    const info = prepareRealCorpus({ source: path.join(root, 'node_modules'), dir, capBytes: REAL_CAP_BYTES });
    log(`real: ${mib(info.bytes).toFixed(1)} MB of text in ${info.files} files from ${info.packages} packages of node_modules (ready in ${((performance.now() - at) / 1000).toFixed(1)} s)`);
    corpora.push({ name: 'real', dir, ...info });
  }
  if (choice !== 'real') {
    const dir = path.join(benchDir, 'dense');
    // The project's own checksum code, so planted tokens pass the rules' validators.
    const checksum = await import(path.join(root, 'dist', 'detect', 'validators.js'));
    const info = prepareDenseCorpus({ dir, sizeMb, checksum });
    log(`dense: ${mib(info.bytes).toFixed(1)} MB in ${info.files} files, ${info.planted} fake tokens planted (generated in ${info.seconds.toFixed(1)} s)`);
    corpora.push({ name: 'dense', dir, ...info });
  }
  return corpora;
}

import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/cli.js';

interface Family {
  family: string;
  precision: number;
  recall: number;
}
interface EvalReport {
  composition: { secrets: number; kinds: number; negatives: number };
  overall: { precision: number; recall: number; f1: number };
  perFamily: Family[];
  misses: { kind: string; path: string }[];
  falsePositives: { ruleId: string; path: string }[];
}

/** Runs scripts/eval.mjs (generated corpus, real CLI scan) and returns its JSON report. */
function runEval(): Promise<EvalReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'scripts', 'eval.mjs'), '--json'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0 && code !== 1) reject(new Error(`eval exited ${code}: ${Buffer.concat(err).toString('utf8')}`));
      else resolve(JSON.parse(Buffer.concat(out).toString('utf8')) as EvalReport);
    });
  });
}

describe('labelled evaluation corpus', () => {
  it('keeps precision and recall of the default packs at 95 % or more', async () => {
    const report = await runEval();
    expect(report.composition.secrets).toBeGreaterThanOrEqual(500);
    expect(report.composition.kinds).toBeGreaterThanOrEqual(60);
    expect(report.composition.negatives).toBeGreaterThanOrEqual(500);
    // On failure the message names what was missed and what was wrongly reported (redacted).
    const detail = JSON.stringify({ misses: report.misses, falsePositives: report.falsePositives });
    expect(report.overall.precision, detail).toBeGreaterThanOrEqual(0.95);
    expect(report.overall.recall, detail).toBeGreaterThanOrEqual(0.95);
  });
});

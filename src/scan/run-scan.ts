import { availableParallelism } from 'node:os';
import { compileRules, type CompiledRules } from '../detect/compile.js';
import { compareFindings, type Finding } from '../detect/finding.js';
import type { RuleSpec } from '../detect/rule.js';
import type { FileRef } from '../sources/content.js';
import { readStdin } from '../sources/stdin.js';
import { textBytes } from '../sources/text-decoding.js';
import { listFiles } from '../sources/worktree.js';
import type { CompiledAllowlist } from '../suppress/allowlist.js';
import type { Suppressed } from '../suppress/suppression.js';
import { scanBuffer, scanFile, type FileOutcome, type ScanSettings } from './scan-file.js';
import type { ScanProgress } from './progress.js';
import { emptyStats, type ScanStats } from './scan-stats.js';
import { scanOnWorkers } from './worker-pool.js';

export const STDIN_TARGET = '-';
export const STDIN_PATH = '<stdin>';

// Below this many files, starting workers (each compiles every rule) costs more than it saves.
const MIN_FILES_FOR_WORKERS = 64;

export interface ScanRequest {
  targets: readonly string[];
  specs: RuleSpec[];
  settings: ScanSettings;
  allowlist: CompiledAllowlist;
  /** Worker threads; 0 scans on the main thread. Default: one per core when there is enough work. */
  threads?: number;
  /** Called after each file, for a progress display. */
  onProgress?: (progress: ScanProgress) => void;
}

export interface ScanError {
  path: string;
  message: string;
}

export interface ScanResult {
  findings: Finding[];
  suppressed: Suppressed[];
  stats: ScanStats;
  errors: ScanError[];
  /** Things passed over that the user should hear of, such as a refused zip bomb (also counted in stats.skipped). */
  warnings?: ScanError[];
}

/** Collects file outcomes into findings, suppressions, counts and errors. */
class ResultCollector {
  readonly findings: Finding[] = [];
  readonly suppressed: Suppressed[] = [];
  readonly stats = emptyStats();
  readonly errors: ScanError[] = [];
  readonly warnings: ScanError[] = [];

  constructor(private readonly allowlist: CompiledAllowlist) {}

  add = (outcome: FileOutcome): void => {
    switch (outcome.kind) {
      case 'skipped':
        this.stats.skipped[outcome.reason]++;
        if (outcome.message !== undefined) this.warnings.push({ path: outcome.path, message: outcome.message });
        return;
      case 'error':
        this.errors.push({ path: outcome.path, message: outcome.message });
        return;
      case 'scanned':
        this.stats.files++;
        this.stats.bytes += outcome.bytes;
        for (const finding of outcome.inlineAllowed) this.suppress(finding, 'inline');
        for (const finding of outcome.findings) {
          if (this.allowlist.allowsFinding(finding)) this.suppress(finding, 'allowlist');
          else this.findings.push(finding);
        }
    }
  };

  private suppress(finding: Finding, reason: Suppressed['reason']): void {
    this.suppressed.push({ finding, reason });
    this.stats.suppressed[reason]++;
  }

  result(startedAt: number): ScanResult {
    this.findings.sort(compareFindings);
    this.suppressed.sort((a, b) => compareFindings(a.finding, b.finding));
    this.errors.sort(byPath);
    this.warnings.sort(byPath);
    this.stats.durationMs = Math.round(performance.now() - startedAt);
    return { findings: this.findings, suppressed: this.suppressed, stats: this.stats, errors: this.errors, warnings: this.warnings };
  }
}

function byPath(a: ScanError, b: ScanError): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

export async function runScan(request: ScanRequest): Promise<ScanResult> {
  const startedAt = performance.now();
  const collector = new ResultCollector(request.allowlist);
  const fileTargets = request.targets.filter((target) => target !== STDIN_TARGET);
  const files: FileRef[] = [];
  for (const file of listFiles(fileTargets)) {
    if (request.allowlist.skipsFile(file.absPath)) collector.stats.skipped.allowlisted++;
    else files.push(file);
  }
  const threads = request.threads ?? (files.length >= MIN_FILES_FOR_WORKERS ? availableParallelism() : 0);
  let compiled: CompiledRules | undefined;
  const compiledRules = (): CompiledRules => (compiled ??= compileRules(request.specs));
  let done = 0;
  // One file may give several outcomes (one per file inside an archive); progress counts files.
  const add = (outcomes: readonly FileOutcome[]): void => {
    outcomes.forEach(collector.add);
    request.onProgress?.({ done: ++done, total: files.length, bytes: collector.stats.bytes });
  };
  if (threads > 0 && files.length > 0) {
    await scanOnWorkers(files, { specs: request.specs, settings: request.settings }, threads, add);
  } else {
    for (const file of files) add(await scanFile(compiledRules(), file, request.settings));
  }
  if (fileTargets.length !== request.targets.length) {
    const data = textBytes(await readStdin());
    collector.add(data ? scanBuffer(compiledRules(), data, STDIN_PATH, request.settings) : { kind: 'skipped', path: STDIN_PATH, reason: 'binary' });
  }
  return collector.result(startedAt);
}

import path from 'node:path';
import { compileRulesCached } from '../rules/compile-cache.js';
import { compareFindings, type Finding } from '../model/finding.js';
import type { RuleSpec } from '../model/rule.js';
import type { GitRepo } from '../sources/git-history.js';
import { GitObjectReader } from '../sources/git-objects.js';
import type { StagedFile } from '../sources/staged.js';
import { textBytes } from '../sources/text-decoding.js';
import type { CompiledAllowlist } from '../suppress/allowlist.js';
import type { Suppressed } from '../model/suppression.js';
import type { ScanError, ScanResult } from '../model/scan-result.js';
import { PathNames, scanPathNames, type PathName } from './path-names.js';
import { scanBuffer, type ScanSettings } from './scan-file.js';
import { emptyStats } from '../model/scan-stats.js';

export interface StagedRequest {
  repo: GitRepo;
  files: readonly StagedFile[];
  specs: RuleSpec[];
  settings: ScanSettings;
  allowlist: CompiledAllowlist;
}

/** A finding counts when any of its lines is one the staged change adds or modifies. */
function onAddedLine(finding: Finding, added: ReadonlySet<number>): boolean {
  for (let line = finding.startLine; line <= finding.endLine; line++) if (added.has(line)) return true;
  return false;
}

/**
 * Scans the staged content of each file (the index's blob, not the working tree) and keeps the
 * findings on lines the change touches: an old line in an edited file does not block a commit.
 */
export async function runStaged(request: StagedRequest): Promise<ScanResult> {
  const startedAt = performance.now();
  const { repo, settings, allowlist } = request;
  const root = repo.workTree ?? repo.dir;
  const stats = emptyStats();
  const findings: Finding[] = [];
  const suppressed: Suppressed[] = [];
  const errors: ScanError[] = [];
  const pathNames = new PathNames();
  const names: PathName[] = [];
  const wanted = request.files.filter((file) => {
    const skip = allowlist.skipsFile(path.join(root, file.path));
    // Every staged path, even one with no added line: a commit that only names a file records the name.
    names.push(pathNames.file(file.path, skip));
    if (skip) stats.skipped.allowlisted++;
    return !skip && file.addedLines.size > 0;
  });
  // Git starts (on the first read, if any) and reads the blobs while the rules compile. Reads
  // answer failures as results, never by rejecting.
  const reader = new GitObjectReader(root);
  try {
    const reads = Promise.all(wanted.map((file) => reader.read(file.oid, settings.maxFileSize)));
    const compiled = compileRulesCached(request.specs);
    const inNames = scanPathNames(compiled, [...names, ...pathNames.directories()], allowlist, settings);
    findings.push(...inNames.findings);
    suppressed.push(...inNames.suppressed);
    const results = await reads;
    results.forEach((result, i) => {
      const file = wanted[i] as StagedFile;
      if (result.kind === 'too-large') stats.skipped['too-large']++;
      else if (result.kind !== 'content') errors.push({ path: `${file.path} (${file.oid})`, message: result.kind === 'missing' ? 'staged object missing' : result.message, object: file.oid });
      else {
        const data = textBytes(result.data);
        if (!data) {
          stats.skipped.binary++;
          return;
        }
        const outcome = scanBuffer(compiled, data, file.path, settings);
        if (outcome.kind !== 'scanned') return;
        stats.files++;
        stats.bytes += outcome.bytes;
        for (const finding of outcome.inlineAllowed) if (onAddedLine(finding, file.addedLines)) suppressed.push({ finding, reason: 'inline' });
        for (const finding of outcome.findings) {
          if (!onAddedLine(finding, file.addedLines)) continue;
          if (allowlist.allowsFinding(finding)) suppressed.push({ finding, reason: 'allowlist' });
          else findings.push(finding);
        }
      }
    });
  } finally {
    await reader.close();
  }
  return finish();

  function finish(): ScanResult {
    for (const { reason } of suppressed) stats.suppressed[reason]++;
    findings.sort(compareFindings);
    suppressed.sort((a, b) => compareFindings(a.finding, b.finding));
    stats.durationMs = Math.round(performance.now() - startedAt);
    return { findings, suppressed, stats, errors };
  }
}

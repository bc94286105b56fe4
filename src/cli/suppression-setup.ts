import { compileAllowlist, skippingFiles, type CompiledAllowlist } from '../suppress/allowlist.js';
import { applyBaseline, type Suppressible } from '../suppress/baseline.js';
import { readBaseline } from '../suppress/baseline-file.js';
import type { ScanContext } from './scan-options.js';

/** What every scanning command suppresses: the config's allowlist, and the baseline if one applies. */
export interface SuppressionSetup {
  /** The config's allowlist; the baseline file itself is not scanned (it lists findings, it holds none). */
  allowlist: CompiledAllowlist;
  /**
   * Moves baselined findings to the suppressed list, and keys the report's fingerprints with the
   * baseline's salt (so a finding can be looked up in it); the identity when no baseline applies.
   */
  withBaseline<R extends Suppressible>(result: R): R;
}

export function suppressionSetup(context: ScanContext): SuppressionSetup {
  // Read before scanning: a corrupt baseline must stop the run before any work is done.
  const baseline = context.baselineFile ? readBaseline(context.baselineFile) : undefined;
  const allowlist = compileAllowlist(context.config.allowlist, context.config.baseDir);
  return {
    allowlist: context.baselineFile ? skippingFiles(allowlist, [context.baselineFile]) : allowlist,
    withBaseline: (result) => (baseline ? { ...applyBaseline(result, baseline), ...(baseline.salt && { fingerprintKey: baseline.salt }) } : result),
  };
}

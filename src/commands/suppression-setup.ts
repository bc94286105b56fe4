import { compileAllowlist, skippingFiles, type CompiledAllowlist } from '../suppress/allowlist.js';
import type { Suppressible } from '../suppress/baseline.js';
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

export async function suppressionSetup(context: ScanContext): Promise<SuppressionSetup> {
  if (!context.baselineFile) return { allowlist: compileAllowlist(context.config.allowlist, context.config.baseDir), withBaseline: (result) => result };
  // Baseline code loads only when a baseline applies. Read before scanning: a corrupt baseline
  // must stop the run before any work is done.
  const [{ readBaseline }, { applyBaseline }] = await Promise.all([import('../suppress/baseline-file.js'), import('../suppress/baseline.js')]);
  const baseline = readBaseline(context.baselineFile);
  const allowlist = compileAllowlist(context.config.allowlist, context.config.baseDir);
  return {
    allowlist: skippingFiles(allowlist, [context.baselineFile]),
    withBaseline: (result) => ({ ...applyBaseline(result, baseline), ...(baseline.salt && { fingerprintKey: baseline.salt }) }),
  };
}

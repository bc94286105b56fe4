import type { Stage } from '../model/occurrence.js';
import { asFound } from '../enrich/as-found.js';
import type { Source } from '../pipeline/source.js';
import { compileAllowlist, skippingFiles } from '../suppress/allowlist.js';
import { suppressBaselined, suppressContexts, suppressOccurrences } from '../suppress/suppress-stages.js';
import type { ScanContext } from './scan-options.js';

/** What every scanning command suppresses: the config's allowlist, and the baseline if one applies. */
export interface SuppressionSetup {
  /** Files a source does not read: the allowlist's paths, and the baseline file itself (it lists findings, it holds none). */
  skipsFile(absPath: string): boolean;
  /** The stages after detection, in order: scope, suppression by occurrence, enrichment, by context, by baseline. */
  stagesFor(source: Source): Stage[];
}

export async function suppressionSetup(context: ScanContext, alsoSkipped: readonly string[] = []): Promise<SuppressionSetup> {
  let allowlist = compileAllowlist(context.config.allowlist, context.config.baseDir);
  let baselineStage: Stage | undefined;
  if (context.baselineFile) {
    // Baseline code loads only when a baseline applies. Read before scanning: a corrupt baseline
    // must stop the run before any work is done.
    const { readBaseline } = await import('../suppress/baseline-file.js');
    baselineStage = suppressBaselined(readBaseline(context.baselineFile));
    allowlist = skippingFiles(allowlist, [context.baselineFile]);
  }
  if (alsoSkipped.length > 0) allowlist = skippingFiles(allowlist, alsoSkipped);
  const all = allowlist;
  return {
    skipsFile: (absPath) => all.skipsFile(absPath),
    stagesFor: (source) => [...(source.scope ? [source.scope] : []), suppressOccurrences(all), source.enrich ?? asFound, suppressContexts(all), ...(baselineStage ? [baselineStage] : [])],
  };
}

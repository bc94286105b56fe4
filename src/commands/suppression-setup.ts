import type { Stage } from '../model/occurrence.js';
import { asFound } from '../enrich/as-found.js';
import type { Source } from '../pipeline/source.js';
import { compileAllowlist, skippingFiles } from '../suppress/allowlist.js';
import { suppressContexts, suppressOccurrences } from '../suppress/suppress-stages.js';
import type { ScanContext } from './scan-options.js';
import { debugLog } from './debug.js';
import { VERSION } from './version.js';

/** What every scanning command suppresses: the config's allowlist, and the baseline if one applies. */
export interface SuppressionSetup {
  /** Files a source does not read: the allowlist's paths, and the baseline file itself (it lists findings, it holds none). */
  skipsFile(absPath: string): boolean;
  /** The stages after detection, in order: scope, suppression by occurrence, enrichment, by context, by baseline, verification. */
  stagesFor(source: Source): Stage[];
}

export async function suppressionSetup(context: ScanContext, alsoSkipped: readonly string[] = []): Promise<SuppressionSetup> {
  let allowlist = compileAllowlist(context.config.allowlist, context.config.baseDir);
  let baselineStage: Stage | undefined;
  if (context.baselineFile) {
    // Baseline code loads only when a baseline applies. Read before scanning: a corrupt baseline
    // must stop the run before any work is done.
    const [{ readBaseline }, { suppressBaselined }] = await Promise.all([import('../suppress/baseline-file.js'), import('../suppress/baseline.js')]);
    baselineStage = suppressBaselined(readBaseline(context.baselineFile));
    allowlist = skippingFiles(allowlist, [context.baselineFile]);
  }
  if (alsoSkipped.length > 0) allowlist = skippingFiles(allowlist, alsoSkipped);
  const all = allowlist;
  const verifyStage = context.verify ? await verifyStageFor(context, context.verify) : undefined;
  return {
    skipsFile: (absPath) => all.skipsFile(absPath),
    stagesFor: (source) => [...(source.scope ? [source.scope] : []), suppressOccurrences(all), source.enrich ?? asFound, suppressContexts(all), ...(baselineStage ? [baselineStage] : []), ...(verifyStage ? [verifyStage] : [])],
  };
}

/** Verification, loaded only when a run verifies: last, so only what is reported is sent anywhere. */
async function verifyStageFor(context: ScanContext, settings: NonNullable<ScanContext['verify']>): Promise<Stage> {
  const { verifyStage } = await import('../verify/verify-stage.js');
  return verifyStage({
    specs: context.specs,
    timeoutMs: settings.timeoutMs,
    onlyVerified: settings.onlyVerified,
    userAgent: `secretsift/${VERSION}`,
    // A scanned repository writes its own config: its packs may send secrets only when the person running the scan said --verify.
    heldBackPacks: new Set(settings.fromCommandLine ? [] : context.config.packs),
    notice: (message) => process.stderr.write(`secretsift: ${message}\n`),
    log: (message) => debugLog(settings, message),
  });
}

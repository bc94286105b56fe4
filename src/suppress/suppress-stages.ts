import type { Draft, Occurrence, Stage } from '../model/occurrence.js';
import type { SuppressionReason } from '../model/suppression.js';
import type { CompiledAllowlist } from './allowlist.js';
import { splitBaselined, type Baseline } from './baseline.js';
import { dropContextLocations } from './history-contexts.js';

/**
 * Suppression, in one place, in two steps around enrichment: each occurrence by what is known
 * where it was found (an inline allow marker, an allowlisted path, the allowlist's secret, line and
 * stopword patterns), then each finding by the context of its locations once they are known
 * (`allowlist.contexts`: a blob's paths are known only after history's enrichment).
 */
export function suppressOccurrences(allowlist: CompiledAllowlist): Stage {
  return {
    name: 'suppress occurrences',
    run(draft) {
      const kept: Occurrence[] = [];
      const suppressed: { occurrence: Occurrence; reason: SuppressionReason }[] = [...draft.suppressedOccurrences];
      for (const occurrence of draft.occurrences) {
        if (occurrence.inline) suppressed.push({ occurrence, reason: 'inline' });
        else if (occurrence.allowlisted || allowlist.allowsValue(occurrence.finding)) suppressed.push({ occurrence, reason: 'allowlist' });
        else kept.push(occurrence);
      }
      return { ...draft, occurrences: kept, suppressedOccurrences: suppressed };
    },
  };
}

export function suppressContexts(allowlist: CompiledAllowlist): Stage {
  return {
    name: 'suppress contexts',
    run(draft) {
      const { kept, dropped } = dropContextLocations(draft.findings, allowlist.dropsContext);
      return { ...draft, findings: kept, suppressed: [...draft.suppressed, ...dropped.map((finding) => ({ finding, reason: 'allowlist' as const }))] };
    },
  };
}

/** Findings the baseline knows are suppressed; its salt keys the report's fingerprints. */
export function suppressBaselined(baseline: Baseline): Stage {
  return {
    name: 'baseline',
    run(draft: Draft): Draft {
      const { findings, baselined } = splitBaselined(draft.findings, baseline);
      return {
        ...draft,
        findings,
        suppressed: [...draft.suppressed, ...baselined.map((finding) => ({ finding, reason: 'baseline' as const }))],
        ...(baseline.salt && { fingerprintKey: baseline.salt }),
      };
    },
  };
}

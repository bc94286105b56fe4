import type { Occurrence, Stage } from '../model/occurrence.js';
import type { SuppressionReason } from '../model/suppression.js';
import type { CompiledAllowlist } from './allowlist.js';
import { dropContextLocations } from './history-contexts.js';

/**
 * Suppression, in one place, in two steps around enrichment: each occurrence by what is known
 * where it was found (an inline allow marker, an allowlisted path, the allowlist's secret, line and
 * stopword patterns), then each finding by the context of its locations once they are known
 * (`allowlist.contexts`: a blob's paths are known only after history's enrichment). The baseline's
 * stage is beside the baseline code (baseline.ts), which loads only when a baseline applies.
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

import type { Stage } from '../model/occurrence.js';

/** Enrichment for sources whose occurrences need none (files, stdin, staged blobs): each is a finding as found. */
export const asFound: Stage = {
  name: 'as found',
  run: (draft) => ({
    ...draft,
    occurrences: [],
    suppressedOccurrences: [],
    findings: [...draft.findings, ...draft.occurrences.map((occurrence) => occurrence.finding)],
    suppressed: [...draft.suppressed, ...draft.suppressedOccurrences.map(({ occurrence, reason }) => ({ finding: occurrence.finding, reason }))],
  }),
};

import type { Finding } from '../model/finding.js';
import { findingContext, locationContext, type PathContext } from '../detect/path-context.js';

/**
 * `allowlist.contexts`: a finding at a path in a suppressed context is suppressed (a secret in a
 * commit message or ref name has no path context). A git blob is scanned once, whatever paths hold
 * it, so its findings are judged only once their locations are known: the locations in a
 * suppressed context go, and a finding none of whose locations is left is suppressed. One that
 * keeps some is shown at the earliest location left.
 */
export function dropContextLocations(findings: readonly Finding[], dropsContext: (context: PathContext | undefined) => boolean): { kept: Finding[]; dropped: Finding[] } {
  const kept: Finding[] = [];
  const dropped: Finding[] = [];
  for (const finding of findings) {
    const locations = finding.locations;
    if (!locations?.length) {
      (dropsContext(findingContext(finding)) ? dropped : kept).push(finding);
      continue;
    }
    const left = locations.filter((location) => !dropsContext(locationContext(location)));
    if (left.length === locations.length) kept.push(finding);
    else if (left.length === 0) dropped.push(finding);
    else {
      const first = left[0] as (typeof left)[number];
      const { commit, ...withoutCommit } = finding;
      kept.push({
        ...(first.commit ? finding : withoutCommit),
        path: first.path,
        startLine: first.startLine,
        startColumn: first.startColumn,
        endLine: first.endLine,
        endColumn: first.endColumn,
        ...(first.commit && { commit: first.commit }),
        locations: left,
      });
    }
  }
  return { kept, dropped };
}

import { compareFindings, type Finding } from '../detect/finding.js';
import type { Suppressed, SuppressionReason } from './suppression.js';

/**
 * A baseline records findings a team has accepted, so a scan reports only new ones. An entry's
 * identity is its rule and the finding's fingerprint (a one-way hash of rule id and secret), never
 * its position: moving, reformatting or renaming leaves it baselined. Locations are for people.
 */
export interface BaselineLocation {
  readonly path: string;
  /** A hint for readers; rewritten only when the entry's paths change. */
  readonly line: number;
}

export interface BaselineEntry {
  readonly rule: string;
  readonly fingerprint: string;
  readonly locations: readonly BaselineLocation[];
}

export interface Baseline {
  readonly entries: readonly BaselineEntry[];
}

/** How a finding's path is recorded: relative to the baseline file, so the file means the same from any working directory. */
export type BaselinePathOf = (finding: Finding) => string;

function keyOf(rule: string, fingerprint: string): string {
  return `${rule}\0${fingerprint}`;
}

const entryKey = (entry: BaselineEntry): string => keyOf(entry.rule, entry.fingerprint);
const findingKey = (finding: Finding): string => keyOf(finding.ruleId, finding.fingerprint);

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareLocations(a: BaselineLocation, b: BaselineLocation): number {
  return compareStrings(a.path, b.path) || a.line - b.line;
}

const NOWHERE: BaselineLocation = { path: '', line: 0 };

/** The canonical order: by first location, so entries read in file order and one file's sit together in diffs. */
export function sortEntries(entries: readonly BaselineEntry[]): BaselineEntry[] {
  return entries
    .map((entry) => ({ ...entry, locations: [...entry.locations].sort(compareLocations) }))
    .sort((a, b) => compareLocations(a.locations[0] ?? NOWHERE, b.locations[0] ?? NOWHERE) || compareStrings(a.rule, b.rule) || compareStrings(a.fingerprint, b.fingerprint));
}

/** One entry per rule and secret, with the first line of each path it occurs in. */
export function entriesFromFindings(findings: readonly Finding[], pathOf: BaselinePathOf): BaselineEntry[] {
  const grouped = new Map<string, { rule: string; fingerprint: string; lines: Map<string, number> }>();
  for (const finding of findings) {
    const key = findingKey(finding);
    let group = grouped.get(key);
    if (!group) {
      group = { rule: finding.ruleId, fingerprint: finding.fingerprint, lines: new Map() };
      grouped.set(key, group);
    }
    const where = pathOf(finding);
    const seen = group.lines.get(where);
    if (seen === undefined || finding.startLine < seen) group.lines.set(where, finding.startLine);
  }
  return sortEntries(
    [...grouped.values()].map(({ rule, fingerprint, lines }) => ({
      rule,
      fingerprint,
      locations: [...lines].map(([where, line]) => ({ path: where, line })),
    })),
  );
}

/** What a scanning command's result must offer for a baseline to be applied to it. */
export interface Suppressible {
  readonly findings: readonly Finding[];
  readonly suppressed: readonly Suppressed[];
  readonly stats: { readonly suppressed: Readonly<Record<SuppressionReason, number>> };
}

/** Moves findings the baseline knows into `suppressed` (reason 'baseline') and counts them. */
export function applyBaseline<R extends Suppressible>(result: R, baseline: Baseline): R {
  const known = new Set(baseline.entries.map(entryKey));
  const findings: Finding[] = [];
  const baselined: Suppressed[] = [];
  for (const finding of result.findings) {
    if (known.has(findingKey(finding))) baselined.push({ finding, reason: 'baseline' });
    else findings.push(finding);
  }
  if (baselined.length === 0) return result;
  const suppressed = [...result.suppressed, ...baselined].sort((a, b) => compareFindings(a.finding, b.finding));
  const counts = { ...result.stats.suppressed, baseline: result.stats.suppressed.baseline + baselined.length };
  return { ...result, findings, suppressed, stats: { ...result.stats, suppressed: counts } };
}

/** Entries no current finding matches: the secret was removed or is now suppressed another way. */
export function staleEntries(baseline: Baseline, current: readonly BaselineEntry[]): BaselineEntry[] {
  const live = new Set(current.map(entryKey));
  return baseline.entries.filter((entry) => !live.has(entryKey(entry)));
}

export interface BaselineMove {
  readonly before: BaselineEntry;
  readonly after: BaselineEntry;
}

export interface BaselineUpdate {
  readonly baseline: Baseline;
  readonly added: readonly BaselineEntry[];
  readonly removed: readonly BaselineEntry[];
  readonly moved: readonly BaselineMove[];
  readonly unchanged: number;
}

function samePaths(a: BaselineEntry, b: BaselineEntry): boolean {
  const paths = new Set(a.locations.map((location) => location.path));
  return a.locations.length === b.locations.length && b.locations.every((location) => paths.has(location.path));
}

/**
 * Brings a baseline in line with the current entries. An entry whose paths are unchanged is kept
 * byte for byte (its line hints too), so an update with nothing new rewrites nothing and two
 * branches updating the same baseline do not conflict over shifted lines.
 */
export function updateBaseline(previous: Baseline, current: readonly BaselineEntry[]): BaselineUpdate {
  const currentByKey = new Map(current.map((entry) => [entryKey(entry), entry]));
  const previousKeys = new Set(previous.entries.map(entryKey));
  const entries: BaselineEntry[] = [];
  const removed: BaselineEntry[] = [];
  const moved: BaselineMove[] = [];
  let unchanged = 0;
  for (const before of previous.entries) {
    const now = currentByKey.get(entryKey(before));
    if (!now) {
      removed.push(before);
    } else if (samePaths(before, now)) {
      entries.push(before);
      unchanged++;
    } else {
      const oldLines = new Map(before.locations.map((location) => [location.path, location.line]));
      const after = { ...now, locations: now.locations.map((location) => ({ path: location.path, line: oldLines.get(location.path) ?? location.line })) };
      entries.push(after);
      moved.push({ before, after });
    }
  }
  const added = current.filter((entry) => !previousKeys.has(entryKey(entry)));
  entries.push(...added);
  return { baseline: { entries: sortEntries(entries) }, added, removed, moved, unchanged };
}

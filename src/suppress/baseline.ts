import type { Finding } from '../model/finding.js';
import type { Draft, Stage } from '../model/occurrence.js';
import { saltedFingerprints, unsaltedFingerprint, type Fingerprinter } from './fingerprint.js';

/**
 * A baseline records findings a team has accepted, so a scan reports only new ones. An entry's
 * identity is its rule and the finding's fingerprint (a one-way hash of rule id and secret, keyed
 * with the baseline's salt), never its position: moving, reformatting or renaming leaves it
 * baselined. Locations are for people.
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

/**
 * What a baseline was made of: the working tree (`tree`) or every commit (`history`, made with
 * --history). The two find different secrets, so checking or updating one the other way would call
 * every entry stale.
 */
export type BaselineMode = 'tree' | 'history';

export interface Baseline {
  /** Absent in a baseline written before modes were recorded: unknown, either mode may use it. */
  readonly mode?: BaselineMode;
  /**
   * Hex key of the entries' fingerprints, made at random when the baseline is created and kept by
   * every update. Absent in a version 1 baseline, whose fingerprints are unsalted: such a file is
   * still read, and an update rewrites it salted.
   */
  readonly salt?: string;
  readonly entries: readonly BaselineEntry[];
}

/** How this baseline fingerprints a rule and secret. */
export function fingerprinterOf(baseline: Pick<Baseline, 'salt'>): Fingerprinter {
  return baseline.salt ? saltedFingerprints(baseline.salt) : unsaltedFingerprint;
}

/** How a finding's path is recorded: relative to the baseline file, so the file means the same from any working directory. */
export type BaselinePathOf = (finding: Finding) => string;

function keyOf(rule: string, fingerprint: string): string {
  return `${rule}\0${fingerprint}`;
}

const entryKey = (entry: BaselineEntry): string => keyOf(entry.rule, entry.fingerprint);

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

/** One entry per rule and secret, with the first line of each path it occurs in; `fingerprint` is the baseline's. */
export function entriesFromFindings(findings: readonly Finding[], pathOf: BaselinePathOf, fingerprint: Fingerprinter): BaselineEntry[] {
  const grouped = new Map<string, { rule: string; fingerprint: string; lines: Map<string, number> }>();
  for (const finding of findings) {
    const print = fingerprint(finding.ruleId, finding.secret);
    const key = keyOf(finding.ruleId, print);
    let group = grouped.get(key);
    if (!group) {
      group = { rule: finding.ruleId, fingerprint: print, lines: new Map() };
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

/** Splits findings into those the baseline does not know and those it does. */
export function splitBaselined(all: readonly Finding[], baseline: Baseline): { findings: Finding[]; baselined: Finding[] } {
  const known = new Set(baseline.entries.map(entryKey));
  const fingerprint = fingerprinterOf(baseline);
  const findings: Finding[] = [];
  const baselined: Finding[] = [];
  for (const finding of all) (known.has(keyOf(finding.ruleId, fingerprint(finding.ruleId, finding.secret))) ? baselined : findings).push(finding);
  return { findings, baselined };
}

/**
 * The stage that suppresses the findings the baseline knows; its salt keys the report's
 * fingerprints. Here, not with the other suppression stages: this code loads only when a baseline
 * applies, and a pre-commit scan seldom has one.
 */
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
  return { baseline: { ...(previous.mode && { mode: previous.mode }), ...(previous.salt && { salt: previous.salt }), entries: sortEntries(entries) }, added, removed, moved, unchanged };
}

/**
 * A version 1 (unsalted) baseline carried over to `salt`: an entry whose secret a current finding
 * still holds takes that secret's salted fingerprint, its locations kept. The others cannot be
 * carried over (only their secret could name them again); they are `lost`, and an update reports
 * them removed. An entry's secret is never needed: the unsalted fingerprint of each finding is
 * matched against the file's.
 */
export function resalt(previous: Baseline, findings: readonly Finding[], salt: string): { baseline: Baseline; lost: BaselineEntry[] } {
  const salted = saltedFingerprints(salt);
  const now = new Map<string, string>();
  for (const finding of findings) now.set(keyOf(finding.ruleId, unsaltedFingerprint(finding.ruleId, finding.secret)), salted(finding.ruleId, finding.secret));
  const entries: BaselineEntry[] = [];
  const lost: BaselineEntry[] = [];
  for (const entry of previous.entries) {
    const fingerprint = now.get(entryKey(entry));
    if (fingerprint) entries.push({ ...entry, fingerprint });
    else lost.push(entry);
  }
  return { baseline: { ...(previous.mode && { mode: previous.mode }), salt, entries: sortEntries(entries) }, lost };
}

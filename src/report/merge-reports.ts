import { failsAt, SEVERITY_ORDER, type Severity } from '../model/rule.js';

/**
 * Joins JSON reports (shards of one scan, or scans of separate repositories) into one, as data: the
 * findings stay as the reports print them (masked), so nothing here ever sees a secret. A history
 * secret found by several shards is one finding with every location, earliest first, the way one
 * run groups it (enrich/group-history.ts); what two reports both hold is kept once.
 */

/** A JSON report's finding, as parsed: only the fields merging reads are checked (readReport). */
export type FindingRecord = Record<string, unknown> & {
  ruleId: string;
  severity: Severity;
  path: string;
  foundIn: string;
  startLine: number;
  startColumn: number;
  secret: string;
  locations?: LocationRecord[];
  exposure?: { stillExposed: boolean; refs: string[]; since: string; days: number };
  commit?: { sha: string; date: string };
  mergeId?: string;
};

export type LocationRecord = Record<string, unknown> & { path: string; blob: string; startLine: number; startColumn: number; commit?: { sha: string; date: string }; order?: number };

export interface ErrorRecord {
  path: string;
  message: string;
  object?: string;
}

export interface StatsRecord {
  files: number;
  bytes: number;
  commits?: number;
  skipped: Record<string, number>;
  suppressed: Record<string, number>;
}

/** What merging needs of one JSON report, checked by readReport. */
export interface ReportRecord {
  /** The file it was read from, for messages. */
  file: string;
  toolVersion: string;
  kind: 'history' | 'scan';
  target: string[];
  snapshot?: string;
  ruleSet: string;
  shard?: string;
  failOn: Severity;
  redacted: boolean;
  findings: FindingRecord[];
  /** Present when the report lists suppressed findings (shards always do). */
  suppressed?: (FindingRecord & { reason: string })[];
  stats: StatsRecord;
  errors: ErrorRecord[];
  warnings: ErrorRecord[];
}

/** A report merging refuses, naming the files. */
export class MergeError extends Error {
  override name = 'MergeError';
}

/** Reports made with different versions, rule sets or kinds of scan cannot be one report. */
export function checkCompatible(reports: readonly ReportRecord[]): void {
  const differ = (what: string, property: (report: ReportRecord) => string) => {
    const first = reports[0] as ReportRecord;
    const other = reports.find((report) => property(report) !== property(first));
    if (other) throw new MergeError(`cannot merge ${first.file} and ${other.file}: ${what} differ (${property(first)} and ${property(other)})`);
  };
  differ('the secretsift versions', (report) => report.toolVersion);
  differ('the kinds of scan', (report) => report.kind);
  differ('the rule sets (rules, config or scan limits)', (report) => report.ruleSet);
}

/**
 * The reports without a shard given twice (the same part of the same scan): its findings would be
 * kept once anyway, but its counts would add up twice. Says which were left out.
 */
export function withoutRepeatedShards(reports: readonly ReportRecord[]): { kept: ReportRecord[]; repeated: string[] } {
  const seen = new Map<string, string>();
  const kept: ReportRecord[] = [];
  const repeated: string[] = [];
  for (const report of reports) {
    const part = report.shard === undefined ? undefined : `${report.kind}\0${report.snapshot ?? report.target.join('\0')}\0${report.shard}`;
    const first = part === undefined ? undefined : seen.get(part);
    if (first !== undefined) repeated.push(`${report.file} is shard ${report.shard} again (as ${first}): left out`);
    else {
      if (part !== undefined) seen.set(part, report.file);
      kept.push(report);
    }
  }
  return { kept, repeated };
}

/** Each N of sharded reports of one scan, and which of its parts are missing. */
export function missingShards(reports: readonly ReportRecord[]): string[] {
  const byScan = new Map<string, { target: string; totals: Set<number>; seen: Set<string> }>();
  for (const report of reports) {
    if (report.shard === undefined) continue;
    const scan = `${report.kind}\0${report.snapshot ?? report.target.join('\0')}`;
    let entry = byScan.get(scan);
    if (!entry) byScan.set(scan, (entry = { target: report.target.join(' '), totals: new Set(), seen: new Set() }));
    entry.totals.add(Number(report.shard.split('/')[1]));
    entry.seen.add(report.shard);
  }
  const missing: string[] = [];
  for (const { target, totals, seen } of byScan.values()) {
    for (const total of totals) {
      for (let part = 1; part <= total; part++) if (!seen.has(`${part}/${total}`)) missing.push(`shard ${part}/${total} of ${target}`);
    }
  }
  return missing;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function timeOf(location: LocationRecord): number {
  const time = location.commit ? Date.parse(location.commit.date) : Number.NaN;
  return Number.isNaN(time) ? Number.POSITIVE_INFINITY : time;
}

/** As group-history orders placements: by date, then the walk's order, then path and position. */
function compareLocations(a: LocationRecord, b: LocationRecord): number {
  const byTime = timeOf(a) - timeOf(b);
  if (byTime) return byTime;
  const byOrder = (a.order ?? Number.POSITIVE_INFINITY) - (b.order ?? Number.POSITIVE_INFINITY);
  if (byOrder) return byOrder;
  return compareText(a.path, b.path) || a.startLine - b.startLine || a.startColumn - b.startColumn;
}

function sameLocation(a: LocationRecord, b: LocationRecord): boolean {
  return a.path === b.path && a.blob === b.blob && a.startLine === b.startLine && a.startColumn === b.startColumn && a.commit?.sha === b.commit?.sha;
}

/** As model/finding.ts compareFindings. */
function compareFindingRecords(a: FindingRecord, b: FindingRecord): number {
  return compareText(a.path, b.path) || a.startLine - b.startLine || a.startColumn - b.startColumn || compareText(a.ruleId, b.ruleId);
}

/** As enrich/group-history.ts compareHistoryFindings: still exposed first, then the longest exposed. */
function compareHistoryRecords(a: FindingRecord, b: FindingRecord): number {
  const exposed = Number(Boolean(b.exposure?.stillExposed)) - Number(Boolean(a.exposure?.stillExposed));
  return exposed || (b.exposure?.days ?? 0) - (a.exposure?.days ?? 0) || compareFindingRecords(a, b);
}

/**
 * Which findings are one. In history, a secret in content is named by its merge id (keyed, see
 * run-identity.ts) within one snapshot, and a secret in a path (a file inside archive blobs of
 * several shards) by rule and path; anything else, and every finding of a scan, by what it is and
 * where, so a report given twice adds nothing.
 */
function groupKey(report: ReportRecord, finding: FindingRecord): string {
  const where = [finding.ruleId, finding.foundIn, finding.path, finding.startLine, finding.startColumn].join('\0');
  if (report.kind === 'history') {
    const scan = report.snapshot ?? report.target.join('\0');
    if (finding.foundIn === 'content' && finding.mergeId !== undefined) return `content\0${scan}\0${finding.ruleId}\0${finding.mergeId}`;
    if (finding.foundIn === 'path') return `path\0${scan}\0${where}`;
    return `at\0${scan}\0${where}\0${finding.commit?.sha ?? ''}\0${finding.mergeId ?? finding.secret}`;
  }
  return `at\0${where}\0${finding.mergeId ?? finding.secret}`;
}

/** One finding from the parts several reports hold of it: every location once, earliest first; exposed if any part is. */
function joined(parts: readonly FindingRecord[], firstOnly: boolean): FindingRecord {
  const first = parts[0] as FindingRecord;
  if (parts.length === 1 || !parts.some((part) => part.locations)) return first;
  const locations: LocationRecord[] = [];
  for (const part of parts) for (const location of part.locations ?? []) if (!locations.some((seen) => sameLocation(seen, location))) locations.push(location);
  locations.sort(compareLocations);
  const earliest = locations[0] as LocationRecord;
  const base = parts.find((part) => part.locations?.[0] && sameLocation(part.locations[0], earliest)) ?? first;
  const refs = [...new Set(parts.flatMap((part) => part.exposure?.refs ?? []))].sort(compareText);
  const kept = firstOnly ? [earliest] : locations;
  return {
    ...base,
    ...(base.exposure && { exposure: { ...base.exposure, stillExposed: refs.length > 0, refs } }),
    locationCount: kept.length,
    locations: kept,
  };
}

function mergeFindings(reports: readonly ReportRecord[], listOf: (report: ReportRecord) => readonly FindingRecord[] | undefined, prefix: (finding: FindingRecord) => string): FindingRecord[] {
  const groups = new Map<string, FindingRecord[]>();
  for (const report of reports) {
    for (const finding of listOf(report) ?? []) {
      const key = `${prefix(finding)}\0${groupKey(report, finding)}`;
      const group = groups.get(key);
      if (group) group.push(finding);
      else groups.set(key, [finding]);
    }
  }
  const history = reports[0]?.kind === 'history';
  return [...groups.values()].map((parts) => joined(parts, (parts[0] as FindingRecord).foundIn === 'path')).sort(history ? compareHistoryRecords : compareFindingRecords);
}

function byPath(a: ErrorRecord, b: ErrorRecord): number {
  return compareText(a.path, b.path);
}

function distinct(lists: readonly (readonly ErrorRecord[])[]): ErrorRecord[] {
  const seen = new Set<string>();
  const out: ErrorRecord[] = [];
  for (const list of lists) {
    for (const error of list) {
      const key = `${error.path}\0${error.message}\0${error.object ?? ''}`;
      if (!seen.has(key)) {
        seen.add(key);
        out.push(error);
      }
    }
  }
  return out.sort(byPath);
}

function addCounts(into: Record<string, number>, from: Record<string, number>): void {
  for (const [key, value] of Object.entries(from)) into[key] = (into[key] ?? 0) + value;
}

/** The merged report, before it is rendered. */
export interface MergedReport {
  toolVersion: string;
  kind: 'history' | 'scan';
  target: string[];
  snapshot?: string;
  ruleSet: string;
  findings: FindingRecord[];
  suppressed?: (FindingRecord & { reason: string })[];
  stats: StatsRecord;
  errors: ErrorRecord[];
  warnings: ErrorRecord[];
  /** The --fail-on every report was made with, when they agree. */
  failOn?: Severity;
}

/**
 * Counts add up, but a history's commits are read by every shard of it: counted once per
 * snapshot. Suppressed findings are counted after joining, when every report lists them.
 */
export function mergeReports(reports: readonly ReportRecord[]): MergedReport {
  checkCompatible(reports);
  const first = reports[0] as ReportRecord;
  const findings = mergeFindings(reports, (report) => report.findings, () => '');
  const listsSuppressed = reports.every((report) => report.suppressed !== undefined);
  const suppressed = listsSuppressed ? (mergeFindings(reports, (report) => report.suppressed, (finding) => String(finding.reason)) as (FindingRecord & { reason: string })[]) : undefined;
  const stats: StatsRecord = { files: 0, bytes: 0, skipped: {}, suppressed: {} };
  const commits = new Map<string, number>();
  for (const report of reports) {
    stats.files += report.stats.files;
    stats.bytes += report.stats.bytes;
    addCounts(stats.skipped, report.stats.skipped);
    addCounts(stats.suppressed, report.stats.suppressed);
    if (report.stats.commits !== undefined) {
      const scan = report.snapshot ?? report.file;
      commits.set(scan, Math.max(commits.get(scan) ?? 0, report.stats.commits));
    }
  }
  if (commits.size > 0) stats.commits = [...commits.values()].reduce((sum, count) => sum + count, 0);
  if (suppressed) {
    for (const reason of Object.keys(stats.suppressed)) stats.suppressed[reason] = 0;
    for (const { reason } of suppressed) stats.suppressed[reason] = (stats.suppressed[reason] ?? 0) + 1;
  }
  const targets = [...new Set(reports.flatMap((report) => report.target))];
  const snapshots = new Set(reports.map((report) => report.snapshot));
  const failOns = new Set(reports.map((report) => report.failOn));
  return {
    toolVersion: first.toolVersion,
    kind: first.kind,
    target: targets,
    ...(snapshots.size === 1 && first.snapshot !== undefined && { snapshot: first.snapshot }),
    ruleSet: first.ruleSet,
    findings,
    ...(suppressed && { suppressed }),
    stats,
    errors: distinct(reports.map((report) => report.errors)),
    warnings: distinct(reports.map((report) => report.warnings)),
    ...(failOns.size === 1 && { failOn: first.failOn }),
  };
}

/** A finding below --fail-on is marked so, as the JSON report marks it. */
export function withFailOn(finding: FindingRecord, failOn: Severity): FindingRecord {
  const { belowFailOn: _below, ...rest } = finding;
  if (failsAt(finding.severity, failOn)) return rest as FindingRecord;
  // belowFailOn sits right after severity, where the JSON report puts it.
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(rest)) {
    out[key] = value;
    if (key === 'severity') out.belowFailOn = true;
  }
  return out as FindingRecord;
}

export function isSeverity(value: unknown): value is Severity {
  return SEVERITY_ORDER.some((severity) => severity === value);
}

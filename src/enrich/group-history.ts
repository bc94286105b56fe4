import { compareFindings, secretKey, type Finding, type FindingLocation } from '../model/finding.js';
import type { Introduction } from '../sources/git-attribution.js';

/** A finding detection made in one blob, before provenance is attached. */
export interface BlobFinding {
  readonly oid: string;
  readonly finding: Finding;
  /** For a file inside an archive blob, its path within the archive (`!inner/file.env`). */
  readonly inner?: string;
}

export interface Provenance {
  /** Blob → the commits and paths that introduced it. */
  readonly introductions: ReadonlyMap<string, readonly Introduction[]>;
  /** Blob → refs whose tip still holds it. */
  readonly exposedAt: ReadonlyMap<string, ReadonlySet<string>>;
  /** When the scan ran, for how long a secret has been exposed. */
  readonly now: Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;

interface Placed {
  location: FindingLocation;
  finding: Finding;
  time: number;
  order: number;
}

/** Each (path, blob) once, with the earliest commit that put the blob at that path. */
function placements({ oid, finding, inner = '' }: BlobFinding, introductions: readonly Introduction[] | undefined): Placed[] {
  const { startLine, startColumn, endLine, endColumn } = finding;
  const position = { startLine, startColumn, endLine, endColumn, blob: oid };
  if (!introductions?.length) return [{ location: { path: finding.path, ...position }, finding, time: Number.POSITIVE_INFINITY, order: Number.POSITIVE_INFINITY }];
  const byPath = new Map<string, Introduction>();
  for (const intro of introductions) {
    const seen = byPath.get(intro.path);
    if (!seen || earlier(intro, seen)) byPath.set(intro.path, intro);
  }
  return [...byPath.values()].map((intro) => ({
    location: { path: intro.path + inner, ...position, commit: intro.commit, order: intro.order },
    finding,
    time: timeOf(intro),
    order: intro.order,
  }));
}

function timeOf(intro: Introduction): number {
  const time = Date.parse(intro.commit.date);
  return Number.isNaN(time) ? Number.POSITIVE_INFINITY : time;
}

function earlier(a: Introduction, b: Introduction): boolean {
  return timeOf(a) < timeOf(b) || (timeOf(a) === timeOf(b) && a.order < b.order);
}

function comparePlaced(a: Placed, b: Placed): number {
  return a.time - b.time || a.order - b.order || compareFindings({ ...a.finding, path: a.location.path }, { ...b.finding, path: b.location.path });
}

/**
 * Attaches provenance to blob findings and groups them: one finding per rule and secret, shown at
 * its earliest location, carrying every location and whether any ref tip still exposes it.
 */
export function groupHistoryFindings(found: readonly BlobFinding[], provenance: Provenance): Finding[] {
  const groups = new Map<string, { placed: Placed[]; blobs: Set<string> }>();
  for (const item of found) {
    const key = secretKey(item.finding);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { placed: [], blobs: new Set() }));
    group.placed.push(...placements(item, provenance.introductions.get(item.oid)));
    group.blobs.add(item.oid);
  }
  const findings: Finding[] = [];
  for (const { placed, blobs } of groups.values()) {
    placed.sort(comparePlaced);
    const first = placed[0] as Placed;
    const refs = new Set<string>();
    for (const blob of blobs) provenance.exposedAt.get(blob)?.forEach((ref) => refs.add(ref));
    const since = first.location.commit?.date;
    const sinceTime = since ? Date.parse(since) : Number.NaN;
    findings.push({
      ...first.finding,
      path: first.location.path,
      ...(first.location.commit && { commit: first.location.commit }),
      exposure: {
        stillExposed: refs.size > 0,
        refs: [...refs].sort(),
        since: since ?? '',
        days: Number.isNaN(sinceTime) ? 0 : Math.max(0, Math.floor((provenance.now.getTime() - sinceTime) / DAY_MS)),
      },
      locations: placed.map(({ location }) => location),
    });
  }
  return findings.sort(compareHistoryFindings);
}

/** Still-exposed secrets first (they need rotating and removing), then the longest exposed. */
export function compareHistoryFindings(a: Finding, b: Finding): number {
  const exposed = Number(Boolean(b.exposure?.stillExposed)) - Number(Boolean(a.exposure?.stillExposed));
  return exposed || (b.exposure?.days ?? 0) - (a.exposure?.days ?? 0) || compareFindings(a, b);
}

import { severityRank, type Severity } from '../model/rule.js';

/** What decides between two findings of one span. */
export interface SpanClaim {
  /** A generic (keyword-anchored) rule: it yields to every specific one. */
  readonly generic: boolean;
  readonly severity: Severity;
  /** Byte offsets of the secret in the buffer. */
  readonly start: number;
  readonly end: number;
  /** The rule's place in the ruleset: the earlier rule wins a tie. */
  readonly order: number;
  readonly secret: string;
}

/**
 * One span, one finding. Where secrets of several rules overlap, one is kept: a specific rule over
 * a generic one, then the higher severity, then the longer secret, then the rule listed first. A
 * generic rule also never reports a value a specific rule matched elsewhere in the same content.
 * Depends only on the set of claims, not on their order, so the windowed and whole-buffer matchers
 * resolve alike. Returns the kept claims by position.
 */
export function oneFindingPerSpan<T extends SpanClaim>(claims: readonly T[]): T[] {
  if (claims.length < 2) return [...claims];
  const specificSecrets = new Set<string>();
  for (const claim of claims) if (!claim.generic) specificSecrets.add(claim.secret);
  const candidates = claims.filter((claim) => !(claim.generic && specificSecrets.has(claim.secret)));
  const byPosition = [...candidates].sort((a, b) => a.start - b.start || a.end - b.end || a.order - b.order);
  const kept: T[] = [];
  // Claims that overlap one another, directly or through a chain, form a cluster; only within a
  // cluster can one claim cost another its place.
  let cluster: T[] = [];
  let clusterEnd = -1;
  const settle = (): void => {
    if (cluster.length === 1) kept.push(cluster[0] as T);
    else if (cluster.length > 1) kept.push(...settleCluster(cluster));
    cluster = [];
  };
  for (const claim of byPosition) {
    if (claim.start >= clusterEnd) settle();
    cluster.push(claim);
    clusterEnd = Math.max(clusterEnd, claim.end);
  }
  settle();
  return kept.sort((a, b) => a.start - b.start || a.order - b.order);
}

function settleCluster<T extends SpanClaim>(cluster: readonly T[]): T[] {
  const ranked = [...cluster].sort(byStrength);
  const kept: T[] = [];
  for (const claim of ranked) if (!kept.some((other) => other.start < claim.end && claim.start < other.end)) kept.push(claim);
  return kept;
}

function byStrength(a: SpanClaim, b: SpanClaim): number {
  return (
    Number(a.generic) - Number(b.generic) ||
    severityRank(b.severity) - severityRank(a.severity) ||
    b.end - b.start - (a.end - a.start) ||
    a.order - b.order ||
    a.start - b.start
  );
}

import type { VerifySpec } from './verify-spec.js';

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';

/** Most severe first: a finding fails a run when its severity is at or above the run's `--fail-on`. */
export const SEVERITY_ORDER: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

/** Higher is more severe. */
export function severityRank(severity: Severity): number {
  return SEVERITY_ORDER.length - SEVERITY_ORDER.indexOf(severity);
}

/** Whether a finding of `severity` makes the exit code 1 under `failOn`. */
export function failsAt(severity: Severity, failOn: Severity): boolean {
  return severityRank(severity) >= severityRank(failOn);
}

export type FilterName = 'placeholder' | 'template';
export const ALL_FILTERS: readonly FilterName[] = ['placeholder', 'template'];

export interface RuleExample {
  text: string;
  /** Path the example is scanned under (for rules limited by `paths`). */
  path?: string;
  /** The secret the rule must capture from `text`. */
  secret?: string;
}

/** Where a rule was declared, so every complaint about it can point there. */
export interface RuleOrigin {
  file: string;
  line: number | undefined;
}

/** A rule as declared in a pack, validated but not compiled. Plain data: it crosses to workers. */
export interface RuleSpec {
  id: string;
  description: string;
  pattern: string;
  secretGroup?: number | string | undefined;
  keywords: string[];
  entropy?: number | undefined;
  paths?: { include?: string[]; exclude?: string[] } | undefined;
  allowlist?: { regexes?: string[]; stopwords?: string[]; matches?: string[] } | undefined;
  validate?: string | undefined;
  /** Name of a built-in classifier that may lower the severity of a value public by design. */
  classify?: string;
  filters: FilterName[];
  severity: Severity;
  tags: string[];
  references: string[];
  remediation?: string | undefined;
  examples: RuleExample[];
  negatives: RuleExample[];
  /** How `--verify` asks the provider whether a found secret is live. */
  verify?: VerifySpec | undefined;
  origin: RuleOrigin;
}

/** Generic rules (keyword-anchored assignments) yield to specific ones on the same span. */
export function isGeneric(rule: { readonly tags: readonly string[] }): boolean {
  return rule.tags.includes('generic');
}

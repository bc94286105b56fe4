import { compileRules, type CompiledRules } from '../detect/compile.js';
import { whyNotDetected } from '../detect/why-missed.js';
import type { Finding } from '../model/finding.js';
import type { RuleExample, RuleSpec } from '../model/rule.js';

export interface RuleTestFailure {
  ruleId: string;
  origin: string;
  kind: 'example' | 'negative';
  text: string;
  reason: string;
}

const DEFAULT_EXAMPLE_PATH = 'example.txt';

/**
 * What a scan reports in one piece of text: the pipeline's own scan of a buffer, with a scan's
 * settings (decoding, inline markers). Passed in, as the pipeline sits above rule loading.
 */
export type ScanText = (compiled: CompiledRules, data: Buffer, path: string) => readonly Finding[];

/**
 * Runs every rule's examples and negatives through `scan` with all `specs` loaded, so an example
 * also proves the keyword gate, the Sets, the filters, decoding and the overlap resolution let it
 * through, and a negative that a scan would report (its base64, say) fails: exactly what a scan does.
 */
export function testRules(specs: readonly RuleSpec[], scan: ScanText, only?: ReadonlySet<string>): { failures: RuleTestFailure[]; cases: number } {
  const compiled = compileRules(specs);
  const failures: RuleTestFailure[] = [];
  let cases = 0;
  for (const rule of specs) {
    if (only && !only.has(rule.id)) continue;
    const origin = `${rule.origin.file}:${rule.origin.line ?? '?'}`;
    const scanned = (example: RuleExample) => scan(compiled, Buffer.from(example.text, 'utf8'), example.path ?? DEFAULT_EXAMPLE_PATH);
    const run = (example: RuleExample) => scanned(example).filter((f) => f.ruleId === rule.id);
    for (const example of rule.examples) {
      cases++;
      const found = run(example);
      const fail = (reason: string) => failures.push({ ruleId: rule.id, origin, kind: 'example', text: example.text, reason });
      if (found.length === 0) fail(`not reported: ${notReported(compiled, rule.id, example, scanned(example))}`);
      else if (example.secret !== undefined && !found.some((f) => f.secret === example.secret)) {
        fail(`reported, but the secret captured was not the expected one (got ${found.length} other span${found.length === 1 ? '' : 's'})`);
      }
    }
    for (const negative of rule.negatives) {
      cases++;
      if (run(negative).length > 0) failures.push({ ruleId: rule.id, origin, kind: 'negative', text: negative.text, reason: 'reported' });
    }
  }
  return { failures, cases };
}

/** Which check dropped an example: one of the rule's own (see whyNotDetected), or a later stage. */
function notReported(compiled: CompiledRules, ruleId: string, example: RuleExample, all: readonly Finding[]): string {
  const why = whyNotDetected(compiled, ruleId, Buffer.from(example.text, 'utf8'), example.path ?? DEFAULT_EXAMPLE_PATH);
  if (why !== undefined) return why;
  const others = [...new Set(all.map((finding) => finding.ruleId))];
  if (others.length) return `it passes the rule's checks, but ${others.join(', ')} reported the text instead (one finding per span)`;
  return "it passes the rule's checks, but was suppressed after detection (an inline allow marker?)";
}

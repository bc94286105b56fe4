import type { Verification } from '../model/finding.js';
import type { VerifyBodyMatcher, VerifyMatcher, VerifySpec } from '../model/verify-spec.js';

/** What a provider answered: the status and, when a matcher reads it, the start of the body. */
export interface Answer {
  readonly status: number;
  readonly body?: string;
}

export type Verdict = Pick<Verification, 'status' | 'reason'>;

/** Whether a block's matchers read the response body (otherwise it is never read). */
export function readsBody(spec: VerifySpec): boolean {
  return spec.valid.body !== undefined || spec.invalid?.body !== undefined;
}

/**
 * What an answer says of the secret: valid or invalid when a matcher's status (and body, if it
 * has one) fit, else unknown. A redirect is never followed, and is unknown whatever the rule lists.
 */
export function classify(spec: VerifySpec, answer: Answer): Verdict {
  if (answer.status >= 300 && answer.status < 400) return { status: 'unknown', reason: 'redirect' };
  if (fits(spec.valid, answer)) return { status: 'valid' };
  if (spec.invalid && fits(spec.invalid, answer)) return { status: 'invalid' };
  if (spec.valid.status.includes(answer.status)) return { status: 'unknown', reason: `HTTP ${answer.status} with an unexpected body` };
  return { status: 'unknown', reason: `HTTP ${answer.status}` };
}

function fits(matcher: VerifyMatcher, answer: Answer): boolean {
  return matcher.status.includes(answer.status) && (matcher.body === undefined || bodyFits(matcher.body, answer.body ?? ''));
}

function bodyFits(matcher: VerifyBodyMatcher, body: string): boolean {
  if (matcher.contains !== undefined && !body.includes(matcher.contains)) return false;
  if (matcher.json !== undefined) {
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch {
      return false;
    }
    for (const key of matcher.json.path.split('.')) {
      if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return false;
      value = (value as Record<string, unknown>)[key];
    }
    if (value !== matcher.json.equals) return false;
  }
  return true;
}

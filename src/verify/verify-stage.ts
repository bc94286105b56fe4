import { debuglog } from 'node:util';
import { secretKey, type Finding, type Verification } from '../model/finding.js';
import type { Stage } from '../model/occurrence.js';
import type { RuleSpec } from '../model/rule.js';
import { classify, readsBody, type Verdict } from './classify.js';
import { HostPacer, send, type SendPolicy } from './send.js';
import { prepareRequest, type Prepared } from './verify-request.js';

export interface VerifyStageOptions {
  readonly specs: readonly RuleSpec[];
  readonly timeoutMs: number;
  /** Keep only findings found live. */
  readonly onlyVerified: boolean;
  readonly userAgent: string;
  /** Packs whose verify: blocks may not send anything (those a config named, unless the command line asked). */
  readonly heldBackPacks: ReadonlySet<string>;
  /** Said once, on stderr: how many secrets go to which hosts. */
  notice(message: string): void;
  /** --debug lines: rule ids, hosts, statuses, timings; never a secret, a value or a body. */
  log(message: string): void;
  readonly concurrency?: number;
  readonly perHostIntervalMs?: number;
}

/** The defaults of a run; tests of the stage itself may shorten them. */
const POLICY: Omit<SendPolicy, 'timeoutMs' | 'userAgent'> = { networkRetries: 2, backoffMs: 250, maxRetryAfterMs: 30_000, rateLimitRetries: 2 };
const CONCURRENCY = 8;
const PER_HOST_INTERVAL_MS = 100;

// NODE_DEBUG=secretsift shows the same lines as --debug.
const nodeDebug = debuglog('secretsift');

interface Job {
  readonly key: string;
  readonly ruleId: string;
  readonly prepared: Prepared;
  readonly readBody: boolean;
}

/**
 * The verify stage: after suppression and the baseline, each distinct secret (rule and secret)
 * whose rule has a `verify:` block is checked once with its provider, and every finding of it
 * carries the answer. With `onlyVerified`, only findings found live stay.
 */
export function verifyStage(options: VerifyStageOptions): Stage {
  return {
    name: 'verify',
    run: async (draft) => {
      const verdicts = await verifyAll(draft.findings, options);
      const checkedAt = new Date().toISOString();
      const findings = draft.findings.map((finding) => withVerification(finding, verdicts.get(secretKey(finding)) ?? { status: 'unknown', checkedAt }));
      return { ...draft, findings: options.onlyVerified ? findings.filter((finding) => finding.verification?.status === 'valid') : findings };
    },
  };
}

/** The finding with the provider's answer, and without the values it was verified with. */
function withVerification(finding: Finding, verification: Verification): Finding {
  const { verifyValues: _values, ...rest } = finding;
  return { ...rest, verification };
}

async function verifyAll(findings: readonly Finding[], options: VerifyStageOptions): Promise<Map<string, Verification>> {
  const byRule = new Map(options.specs.map((spec) => [spec.id, spec]));
  const bySecret = new Map<string, Finding[]>();
  for (const finding of findings) {
    const key = secretKey(finding);
    const same = bySecret.get(key);
    if (same) same.push(finding);
    else bySecret.set(key, [finding]);
  }
  const verdicts = new Map<string, Verification>();
  const settle = (key: string, verdict: Verdict): void => {
    verdicts.set(key, { status: verdict.status, ...(verdict.reason !== undefined && { reason: verdict.reason }), checkedAt: new Date().toISOString() });
  };
  const jobs: Job[] = [];
  for (const [key, same] of bySecret) {
    const first = same[0] as Finding;
    const spec = byRule.get(first.ruleId);
    if (!spec?.verify) settle(key, { status: 'unknown', reason: 'no verifier for this rule' });
    else if (options.heldBackPacks.has(spec.origin.file)) settle(key, { status: 'unknown', reason: 'rule from a pack the config names: verified only with --verify on the command line' });
    else {
      const verify = spec.verify;
      // The occurrence that has every value the request needs, if any has: one may lack a companion another has.
      const preparations = same.map((finding) => prepareRequest(verify, { ...finding.verifyValues, secret: finding.secret }));
      const prepared = preparations.find((preparation) => preparation.kind === 'request') ?? preparations[0];
      if (prepared?.kind === 'request') jobs.push({ key, ruleId: spec.id, prepared, readBody: readsBody(verify) });
      else settle(key, { status: 'unknown', reason: prepared?.reason ?? 'nothing to verify' });
    }
  }
  options.notice(planNotice(jobs));
  const policy: SendPolicy = { ...POLICY, timeoutMs: options.timeoutMs, userAgent: options.userAgent };
  const pacer = new HostPacer(options.perHostIntervalMs ?? PER_HOST_INTERVAL_MS);
  const log = (message: string): void => {
    options.log(message);
    nodeDebug('%s', message);
  };
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let job = jobs[next++]; job; job = jobs[next++]) {
      const started = Date.now();
      const sent = await send(job.prepared.request, policy, pacer, job.readBody);
      const verdict: Verdict = sent.kind === 'answer' ? classify(byRule.get(job.ruleId)?.verify as NonNullable<RuleSpec['verify']>, sent.answer) : { status: 'unknown', reason: sent.reason };
      const said = sent.kind === 'answer' ? `HTTP ${sent.answer.status}` : sent.reason;
      log(`verify: rule ${job.ruleId} at ${job.prepared.hostLabel}: ${said} → ${verdict.status} in ${Date.now() - started} ms`);
      settle(job.key, verdict);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? CONCURRENCY, jobs.length) }, worker));
  return verdicts;
}

/** "--verify: sending 3 distinct secrets: 2 to api.github.com, 1 to api.stripe.com" */
export function planNotice(jobs: readonly { readonly prepared: Prepared }[]): string {
  if (jobs.length === 0) return '--verify: no finding has a secret to verify; nothing is sent';
  const perHost = new Map<string, number>();
  for (const { prepared } of jobs) perHost.set(prepared.hostLabel, (perHost.get(prepared.hostLabel) ?? 0) + 1);
  const hosts = [...perHost].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([host, count]) => `${count} to ${host}`);
  return `--verify: sending ${jobs.length} distinct secret${jobs.length === 1 ? '' : 's'} to their providers: ${hosts.join(', ')}`;
}

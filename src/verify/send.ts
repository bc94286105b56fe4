import { setTimeout as sleep } from 'node:timers/promises';
import type { Answer } from './classify.js';
import type { RenderedRequest } from './template.js';

/** How requests go out: bounded in time, in retries and in their pace per host. */
export interface SendPolicy {
  readonly timeoutMs: number;
  readonly userAgent: string;
  /** Retries after a network error (never after an answer or a timeout). */
  readonly networkRetries: number;
  /** Backoff before the first retry, doubled for each next one. */
  readonly backoffMs: number;
  /** A 429 whose Retry-After asks for longer than this is not waited for. */
  readonly maxRetryAfterMs: number;
  /** Times a 429 is waited out. */
  readonly rateLimitRetries: number;
}

export type Sent = { readonly kind: 'answer'; readonly answer: Answer } | { readonly kind: 'failed'; readonly reason: string };

/** Bodies are read only as far as a matcher could need. */
const MAX_BODY_BYTES = 64 * 1024;

/** Spaces the start of requests to one host: at most one every `intervalMs`. */
export class HostPacer {
  private readonly next = new Map<string, number>();

  constructor(private readonly intervalMs: number) {}

  async wait(host: string): Promise<void> {
    const now = Date.now();
    const at = Math.max(now, this.next.get(host) ?? 0);
    this.next.set(host, at + this.intervalMs);
    if (at > now) await sleep(at - now);
  }
}

/** Retry-After in milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Sends one verify request: redirects never followed, the policy's timeout over the whole
 * exchange, network errors retried with backoff, a 429 waited out when it says for how long and
 * that is short. Failures are fixed words: an error's own message may quote the url, which may
 * hold the secret.
 */
export async function send(request: RenderedRequest, policy: SendPolicy, pacer: HostPacer, readBody: boolean): Promise<Sent> {
  const host = new URL(request.url).host;
  let networkTries = 0;
  let rateTries = 0;
  for (;;) {
    await pacer.wait(host);
    const signal = AbortSignal.timeout(policy.timeoutMs);
    try {
      const response = await fetch(request.url, {
        method: request.method,
        headers: { ...request.headers, 'User-Agent': policy.userAgent },
        ...(request.body !== undefined && { body: request.body }),
        redirect: 'manual',
        signal,
      });
      if (response.status === 429) {
        await response.body?.cancel();
        const wait = retryAfterMs(response.headers.get('retry-after'));
        if (wait === undefined || wait > policy.maxRetryAfterMs || rateTries >= policy.rateLimitRetries) return { kind: 'failed', reason: 'rate limited' };
        rateTries++;
        await sleep(wait);
        continue;
      }
      const body = readBody ? await readCapped(response) : undefined;
      if (!readBody) await response.body?.cancel();
      return { kind: 'answer', answer: { status: response.status, ...(body !== undefined && { body }) } };
    } catch (error) {
      if (signal.aborted) return { kind: 'failed', reason: 'timed out' };
      // fetch's own refusals (a header it will not send) have no cause: trying again changes nothing.
      if (!isNetworkError(error)) return { kind: 'failed', reason: 'request could not be sent' };
      if (networkTries >= policy.networkRetries) return { kind: 'failed', reason: networkReason(error) };
      await sleep(policy.backoffMs * 2 ** networkTries);
      networkTries++;
    }
  }
}

async function readCapped(response: Response): Promise<string> {
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    bytes += value.length;
    if (bytes >= MAX_BODY_BYTES) {
      await reader.cancel();
      break;
    }
  }
  return Buffer.concat(chunks).subarray(0, MAX_BODY_BYTES).toString('utf8');
}

const NETWORK_REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host not found',
  ETIMEDOUT: 'connection timed out',
  CERT_HAS_EXPIRED: 'TLS certificate problem',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'TLS certificate problem',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'TLS certificate problem',
  ERR_TLS_CERT_ALTNAME_INVALID: 'TLS certificate problem',
};

function isNetworkError(error: unknown): boolean {
  return error instanceof TypeError && (error as { cause?: unknown }).cause !== undefined;
}

/** A fixed phrase for a failed exchange; never the error's message. */
function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  return (code && NETWORK_REASONS[code]) ?? 'network error';
}

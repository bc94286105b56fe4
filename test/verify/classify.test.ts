import { describe, expect, it } from 'vitest';
import { classify } from '../../src/verify/classify.js';
import { retryAfterMs } from '../../src/verify/send.js';
import type { VerifySpec } from '../../src/verify/verify-spec.js';

const spec = (valid: VerifySpec['valid'], invalid?: VerifySpec['invalid']): VerifySpec => ({ request: { method: 'GET', url: 'https://api.example.com/' }, valid, ...(invalid && { invalid }) });

describe('classify', () => {
  it('goes by status', () => {
    const block = spec({ status: [200] }, { status: [401, 403] });
    expect(classify(block, { status: 200 })).toEqual({ status: 'valid' });
    expect(classify(block, { status: 403 })).toEqual({ status: 'invalid' });
    expect(classify(block, { status: 500 })).toEqual({ status: 'unknown', reason: 'HTTP 500' });
    expect(classify(block, { status: 404 })).toEqual({ status: 'unknown', reason: 'HTTP 404' });
  });

  it('never takes a redirect for an answer, whatever the rule lists', () => {
    expect(classify(spec({ status: [200, 302] }), { status: 302 })).toEqual({ status: 'unknown', reason: 'redirect' });
  });

  it('refines a status with the body: a substring or a JSON path', () => {
    const contains = spec({ status: [200], body: { contains: '"ok":true' } }, { status: [200], body: { contains: '"ok":false' } });
    expect(classify(contains, { status: 200, body: '{"ok":true}' })).toEqual({ status: 'valid' });
    expect(classify(contains, { status: 200, body: '{"ok":false,"error":"invalid_auth"}' })).toEqual({ status: 'invalid' });
    expect(classify(contains, { status: 200, body: 'maintenance' })).toEqual({ status: 'unknown', reason: 'HTTP 200 with an unexpected body' });
    const json = spec({ status: [200], body: { json: { path: 'result.items.0.active', equals: true } } });
    expect(classify(json, { status: 200, body: '{"result":{"items":[{"active":true}]}}' })).toEqual({ status: 'valid' });
    expect(classify(json, { status: 200, body: '{"result":{"items":[{"active":"true"}]}}' }).status).toBe('unknown');
    expect(classify(json, { status: 200, body: 'not json' }).status).toBe('unknown');
    expect(classify(json, { status: 200, body: '{"result":null}' }).status).toBe('unknown');
  });
});

describe('retryAfterMs', () => {
  it('reads delta-seconds and HTTP dates', () => {
    expect(retryAfterMs('2')).toBe(2000);
    expect(retryAfterMs(null)).toBeUndefined();
    expect(retryAfterMs('soon')).toBeUndefined();
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterMs('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000);
    expect(retryAfterMs('Wed, 31 Dec 2025 23:00:00 GMT', now)).toBe(0);
  });
});

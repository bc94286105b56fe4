import { describe, expect, it } from 'vitest';
import { prepareRequest } from '../../src/verify/verify-request.js';
import { planNotice } from '../../src/verify/verify-stage.js';
import type { VerifySpec } from '../../src/verify/verify-spec.js';
import { randomString } from '../helpers/tokens.js';

const okta: VerifySpec = {
  hosts: ['*.okta.com'],
  request: { method: 'GET', url: 'https://{{ org }}.okta.com/api/v1/users/me', headers: { Authorization: 'SSWS {{ secret }}' } },
  valid: { status: [200] },
};

describe('prepareRequest', () => {
  const secret = randomString(40);

  it('renders the request, named by the hosts: entry when a template filled the host', () => {
    const prepared = prepareRequest(okta, { secret, org: 'acme' });
    expect(prepared).toEqual({ kind: 'request', request: { method: 'GET', url: 'https://acme.okta.com/api/v1/users/me', headers: { Authorization: `SSWS ${secret}` } }, hostLabel: '*.okta.com' });
  });

  it('sends nothing to a host the rule does not allow, or without a value it needs', () => {
    expect(prepareRequest(okta, { secret, org: 'evil.test/x?' })).toEqual({ kind: 'unknown', reason: 'host not allowed' });
    expect(prepareRequest(okta, { secret, org: 'evil.test#' })).toEqual({ kind: 'unknown', reason: 'host not allowed' });
    expect(prepareRequest(okta, { secret })).toEqual({ kind: 'unknown', reason: 'no org found near the secret' });
  });

  it('sends nothing when a value would break out of its header', () => {
    expect(prepareRequest(okta, { secret: `${secret}\r\nX-Evil: 1`, org: 'acme' })).toEqual({ kind: 'unknown', reason: 'value not usable in a header' });
  });
});

describe('planNotice', () => {
  it('says how many secrets go to which hosts', () => {
    const job = (hostLabel: string) => ({ prepared: { kind: 'request' as const, request: { method: 'GET', url: 'https://x/', headers: {} }, hostLabel } });
    expect(planNotice([job('api.github.com'), job('api.stripe.com'), job('api.github.com')])).toBe('--verify: sending 3 distinct secrets to their providers: 2 to api.github.com, 1 to api.stripe.com');
    expect(planNotice([])).toBe('--verify: no finding has a secret to verify; nothing is sent');
  });
});

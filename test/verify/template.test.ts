import { describe, expect, it } from 'vitest';
import type { VerifySpec } from '../../src/verify/verify-spec.js';
import { MissingValueError, renderRequest, templateNames } from '../../src/verify/template.js';
import { randomString } from '../helpers/tokens.js';

const spec = (request: Partial<VerifySpec['request']>): VerifySpec => ({
  request: { method: 'GET', url: 'https://api.example.com/v1/me', ...request },
  valid: { status: [200] },
  invalid: { status: [401] },
});

describe('renderRequest', () => {
  const secret = `tok_${randomString(24)}`;

  it('fills the url and headers with the secret, named groups and companions', () => {
    const rendered = renderRequest(spec({ url: 'https://{{ org }}.example.com/v1/{{id}}', headers: { Authorization: 'Bearer {{ secret }}', 'X-Id': '{{ id }}' } }), { secret, id: 'u1', org: 'acme' });
    expect(rendered).toEqual({ method: 'GET', url: 'https://acme.example.com/v1/u1', headers: { Authorization: `Bearer ${secret}`, 'X-Id': 'u1' } });
  });

  it('applies urlencode only where asked', () => {
    const rendered = renderRequest(spec({ url: 'https://api.example.com/check?t={{ secret | urlencode }}&raw={{secret}}' }), { secret: 'a/b+c=' });
    expect(rendered.url).toBe('https://api.example.com/check?t=a%2Fb%2Bc%3D&raw=a/b+c=');
  });

  it('turns Basic auth into its header', () => {
    const rendered = renderRequest(spec({ auth: { basic: { username: '{{ sid }}', password: '{{ secret }}' } } }), { secret, sid: 'AC1' });
    expect(rendered.headers.Authorization).toBe(`Basic ${Buffer.from(`AC1:${secret}`).toString('base64')}`);
  });

  it('escapes values in a body as its encoding says', () => {
    const tricky = 'a"b\\c&d=e\n';
    const json = renderRequest(spec({ method: 'POST', body: '{"token":"{{ secret }}"}', bodyEncoding: 'json' }), { secret: tricky });
    expect(JSON.parse(json.body as string)).toEqual({ token: tricky });
    const form = renderRequest(spec({ method: 'POST', body: 'token={{ secret }}', bodyEncoding: 'form' }), { secret: tricky });
    expect(new URLSearchParams(form.body as string).get('token')).toBe(tricky);
    const raw = renderRequest(spec({ method: 'POST', body: 'token={{ secret }}' }), { secret: tricky });
    expect(raw.body).toBe(`token=${tricky}`);
  });

  it('throws naming the missing value, never a value', () => {
    let error: unknown;
    try {
      renderRequest(spec({ headers: { Authorization: '{{ sid }}:{{ secret }}' } }), { secret });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(MissingValueError);
    expect((error as Error).message).toBe('no sid found near the secret');
    expect((error as Error).message).not.toContain(secret);
  });
});

describe('templateNames', () => {
  it('lists the names a template uses', () => {
    expect(templateNames('Bearer {{ secret }} {{id|urlencode}}')).toEqual({ names: ['secret', 'id'] });
  });

  it('says what is wrong with a filter or a stray brace pair', () => {
    expect(templateNames('{{ secret | base64 }}').problem).toMatch(/filter "base64"/);
    expect(templateNames('{{ secret.x }}').problem).toMatch(/not \{\{ name \}\}/);
    expect(templateNames('{{ secret }').problem).toMatch(/not \{\{ name \}\}/);
  });
});

import { describe, expect, it } from 'vitest';
import type { VerifySpec } from '../../src/verify/verify-spec.js';
import { destinationProblem, hostAllowed, isLoopback } from '../../src/verify/hosts.js';

const spec = (url: string, hosts?: string[]): VerifySpec => ({ ...(hosts && { hosts }), request: { method: 'GET', url }, valid: { status: [200] } });

describe('hostAllowed', () => {
  it('allows the literal host of the url, over https', () => {
    const block = spec('https://api.example.com/v1/me');
    expect(hostAllowed(block, 'https://api.example.com/v1/me')).toBe(true);
    expect(hostAllowed(block, 'https://API.example.com/other')).toBe(true);
    expect(hostAllowed(block, 'http://api.example.com/v1/me')).toBe(false);
    expect(hostAllowed(block, 'https://api.example.com.evil.test/v1/me')).toBe(false);
    expect(hostAllowed(block, 'https://evil.test/api.example.com')).toBe(false);
  });

  it('checks a templated host against hosts, after rendering', () => {
    const block = spec('https://{{ org }}.okta.com/api/v1/users/me', ['*.okta.com']);
    expect(hostAllowed(block, 'https://acme.okta.com/api/v1/users/me')).toBe(true);
    expect(hostAllowed(block, 'https://a.b.okta.com/x')).toBe(true);
    expect(hostAllowed(block, 'https://okta.com/x')).toBe(false);
    // A value that ends the host early, or smuggles another one in, leaves the allowed hosts.
    expect(hostAllowed(block, 'https://evil.test#.okta.com/api')).toBe(false);
    expect(hostAllowed(block, 'https://evil.test/.okta.com/api')).toBe(false);
    expect(hostAllowed(block, 'https://x.okta.com@evil.test/')).toBe(false);
    expect(hostAllowed(block, 'https://user:pw@x.okta.com/')).toBe(false);
    expect(hostAllowed(block, 'not a url')).toBe(false);
  });

  it('allows http only to loopback', () => {
    expect(hostAllowed(spec('http://127.0.0.1:8080/me'), 'http://127.0.0.1:8080/me')).toBe(true);
    expect(hostAllowed(spec('http://localhost/me'), 'http://localhost/me')).toBe(true);
    expect(hostAllowed(spec('http://[::1]:9/me'), 'http://[::1]:9/me')).toBe(true);
    expect(hostAllowed(spec('https://api.example.com/'), 'http://api.example.com/')).toBe(false);
    expect(hostAllowed(spec('https://x/', ['10.0.0.1']), 'http://10.0.0.1/')).toBe(false);
  });
});

describe('isLoopback', () => {
  it('is 127.0.0.0/8, ::1 and localhost', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '[::1]', '::1']) expect(isLoopback(host), host).toBe(true);
    for (const host of ['128.0.0.1', '10.0.0.1', 'localhost.evil.test', '127.0.0.1.evil.test', '[::2]', '0.0.0.0']) expect(isLoopback(host), host).toBe(false);
  });
});

describe('destinationProblem', () => {
  it('refuses http to anything but loopback, other schemes, and a templated host without hosts', () => {
    expect(destinationProblem(spec('https://api.example.com/'))).toBeUndefined();
    expect(destinationProblem(spec('http://127.0.0.1:1234/'))).toBeUndefined();
    expect(destinationProblem(spec('http://api.example.com/'))).toMatch(/http to a host that is not loopback/);
    expect(destinationProblem(spec('http://{{ h }}/', ['127.0.0.1', 'evil.test']))).toMatch(/not loopback/);
    expect(destinationProblem(spec('http://{{ h }}:8080/', ['127.0.0.1', 'localhost']))).toBeUndefined();
    expect(destinationProblem(spec('ftp://api.example.com/'))).toMatch(/https/);
    expect(destinationProblem(spec('https://{{ org }}.okta.com/'))).toMatch(/templated host/);
    expect(destinationProblem(spec('https://{{ org }}.okta.com/', ['*.okta.com']))).toBeUndefined();
    expect(destinationProblem(spec('https://api.example.com/', ['other.example.com']))).toMatch(/not one of verify.hosts/);
  });
});

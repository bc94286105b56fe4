import type { VerifySpec } from '../model/verify-spec.js';

/*
 * Where a secret may go: only to the host its rule names, over https; plain http only to this
 * machine (which is how the tests' stand-in providers listen). Checked on the rendered url, since
 * a template may fill the host (an Okta org) with text from the scanned repository.
 */

const IPV4_LOOPBACK = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

/** 127.0.0.0/8, ::1 or localhost, as `URL` spells a hostname. */
export function isLoopback(hostname: string): boolean {
  const host = bare(hostname);
  return host === 'localhost' || host === '::1' || IPV4_LOOPBACK.test(host);
}

function bare(hostname: string): string {
  return hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
}

/** The url template's scheme and authority, when the authority holds no template. */
function literalAuthority(urlTemplate: string): URL | undefined {
  const authority = /^[a-z]+:\/\/([^/?#]*)/i.exec(urlTemplate)?.[1];
  if (authority === undefined || authority.includes('{{')) return undefined;
  try {
    return new URL(`${urlTemplate.slice(0, urlTemplate.indexOf('://'))}://${authority}/`);
  } catch {
    return undefined;
  }
}

/** The url template's host, when no template fills it (undefined otherwise: `hosts` must say). */
export function literalHost(urlTemplate: string): string | undefined {
  return literalAuthority(urlTemplate)?.hostname;
}

/** Hosts a rendered url may name: `hosts:`, else the url's literal host. */
export function allowedHosts(spec: VerifySpec): string[] {
  if (spec.hosts) return [...spec.hosts];
  const host = literalHost(spec.request.url);
  return host ? [host] : [];
}

/** Whether `hostname` is `pattern`, or for `*.example.com` any subdomain of example.com. */
export function hostMatches(pattern: string, hostname: string): boolean {
  const want = bare(pattern);
  const host = bare(hostname);
  if (want.startsWith('*.')) return host.endsWith(want.slice(1)) && host.length > want.length - 1;
  return host === want;
}

/**
 * Whether a rendered url may receive the rule's secret: https (or http to loopback), no
 * credentials in the url, and a host the rule allows.
 */
export function hostAllowed(spec: VerifySpec, url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.username || parsed.password) return false;
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && isLoopback(parsed.hostname))) return false;
  return allowedHosts(spec).some((pattern) => hostMatches(pattern, parsed.hostname));
}

/**
 * What is wrong with where a block sends its secret, found at load: a scheme other than https
 * (http is kept for loopback), a templated host without `hosts`, http to a host list not all loopback.
 */
export function destinationProblem(spec: VerifySpec): string | undefined {
  const { url } = spec.request;
  const scheme = /^([a-z]+):\/\//i.exec(url)?.[1]?.toLowerCase();
  if (scheme !== 'https' && scheme !== 'http') return 'verify.request.url must start with https://';
  const literal = literalAuthority(url);
  if (!literal && !spec.hosts) return 'verify.request.url has a templated host: list the hosts it may be in verify.hosts';
  if (!literal && /^[a-z]+:\/\/[^/?#]*\{\{/i.test(url) === false) return 'verify.request.url has no valid host';
  if (literal && spec.hosts && !spec.hosts.some((host) => hostMatches(host, literal.hostname))) return "verify.request.url's host is not one of verify.hosts";
  if (scheme === 'http') {
    // A templated host is fine over http when every host it may be is this machine.
    const hosts = spec.hosts ?? [];
    if ((literal && !isLoopback(literal.hostname)) || hosts.some((host) => !isLoopback(host))) {
      return 'verify.request.url uses http to a host that is not loopback (127.0.0.0/8, ::1, localhost): secrets are sent over https only';
    }
  }
  return undefined;
}

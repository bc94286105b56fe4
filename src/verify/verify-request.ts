import type { VerifySpec } from '../model/verify-spec.js';
import { signSigV4 } from './aws-sigv4.js';
import { allowedHosts, hostAllowed, hostMatches, literalHost } from './hosts.js';
import { MissingValueError, render, renderRequest, type RenderedRequest } from './template.js';

/** A request ready to go, and the name its host goes by in notices and logs. */
export interface Prepared {
  readonly kind: 'request';
  readonly request: RenderedRequest;
  /**
   * The url's host when the rule wrote it, else the `hosts:` entry it matched: a host a template
   * filled came from the scanned content, and is not printed.
   */
  readonly hostLabel: string;
}

export type Preparation = Prepared | { readonly kind: 'unknown'; readonly reason: string };

// Header values go on the wire as they are: a line break would start a header of the value's choosing.
const UNSAFE_IN_HEADER = /[\r\n\0]/;

/**
 * The request for one secret, or why none goes out: a value the templates need is missing, the
 * rendered url's host is not the rule's, a value cannot be sent in a header. `values` holds the
 * secret and the finding's named groups and companions.
 */
export function prepareRequest(spec: VerifySpec, values: Readonly<Record<string, string>>): Preparation {
  let request: RenderedRequest;
  try {
    request = renderRequest(spec, values);
    const sign = spec.request.sign?.['aws-sigv4'];
    if (!hostAllowed(spec, request.url)) return { kind: 'unknown', reason: 'host not allowed' };
    if (sign) {
      const params = { region: render(sign.region, values), service: render(sign.service, values), accessKeyId: render(sign.accessKeyId, values) };
      request = signSigV4(request, params, values.secret ?? '');
    }
  } catch (error) {
    if (error instanceof MissingValueError) return { kind: 'unknown', reason: error.message };
    return { kind: 'unknown', reason: 'request could not be built' };
  }
  if (Object.values(request.headers).some((value) => UNSAFE_IN_HEADER.test(value))) return { kind: 'unknown', reason: 'value not usable in a header' };
  return { kind: 'request', request, hostLabel: hostLabel(spec, request.url) };
}

function hostLabel(spec: VerifySpec, url: string): string {
  const parsed = new URL(url);
  if (literalHost(spec.request.url) !== undefined) return parsed.host;
  return allowedHosts(spec).find((pattern) => hostMatches(pattern, parsed.hostname)) ?? 'an allowed host';
}

import RE2 from 're2';
import type { VerifySpec } from '../model/verify-spec.js';
import { regexProblem } from '../util/regex-problem.js';
import { destinationProblem } from '../verify/hosts.js';
import { templateNames, templatesOf } from '../verify/template.js';

/** Says what is wrong with a rule's `verify:` block, at a key path below `verify`, and stops. */
type Fail = (detail: string, at?: (string | number)[]) => never;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Headers the sender sets itself: a rule that set them could point the request elsewhere or confuse the framing. */
const RESERVED_HEADERS = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'user-agent']);

/** The named capture groups of an RE2 pattern, read from its source. */
export function namedGroupsOf(pattern: string): string[] {
  return [...pattern.matchAll(/\(\?P?<([A-Za-z_][A-Za-z0-9_]*)>/g)].map((match) => match[1] as string);
}

/**
 * Checks a `verify:` block beyond its schema: where it sends the secret (https, or http to
 * loopback; a templated host only with `hosts`), its companions' names and patterns, and that every
 * template names a value the finding can have: `secret`, a named group of `pattern`, a companion.
 */
export function checkVerifyBlock(verify: VerifySpec, pattern: string, fail: Fail): void {
  const destination = destinationProblem(verify);
  if (destination) fail(destination, ['verify', 'request', 'url']);
  const groups = namedGroupsOf(pattern);
  const known = new Set(['secret', ...groups]);
  for (const [name, companion] of Object.entries(verify.with ?? {})) {
    const at = ['verify', 'with', name];
    if (!NAME.test(name)) fail('verify.with has a name that is not a template name (letters, digits, _)', at);
    if (known.has(name)) fail(`verify.with.${name} has the name of ${name === 'secret' ? 'the secret' : 'a named group of the pattern'}`, at);
    const problem = regexProblem(() => new RE2(companion.pattern, 'u'));
    if (problem) fail(`verify.with.${name}.pattern ${problem}`, [...at, 'pattern']);
    known.add(name);
  }
  for (const { at, template } of templatesOf(verify)) {
    const where = `verify.${at.join('.')}`;
    const { names, problem } = templateNames(template);
    if (problem) fail(`${where} ${problem}`, ['verify', ...at]);
    const unknown = names.find((name) => !known.has(name));
    if (unknown !== undefined) {
      fail(`${where} uses {{ ${unknown} }}, which is not secret, a named group of the pattern or a verify.with companion (known: ${[...known].join(', ')})`, ['verify', ...at]);
    }
  }
  const { request } = verify;
  for (const name of Object.keys(request.headers ?? {})) {
    const at = ['verify', 'request', 'headers', name];
    if (!HEADER_NAME.test(name)) fail('verify.request.headers has a name that is not a valid header name', at);
    if (RESERVED_HEADERS.has(name.toLowerCase())) fail(`verify.request.headers.${name} is set by secretsift itself`, at);
  }
  const setsAuthorization = Object.keys(request.headers ?? {}).some((name) => name.toLowerCase() === 'authorization');
  if (request.auth && setsAuthorization) fail('verify.request has both auth and an Authorization header', ['verify', 'request', 'auth']);
  if (request.sign && (request.auth || setsAuthorization)) fail('verify.request.sign sets the Authorization header: drop auth and the Authorization header', ['verify', 'request', 'sign']);
  if (request.body !== undefined && (request.method === 'GET' || request.method === 'HEAD')) fail(`verify.request.body with ${request.method}: use POST or PUT`, ['verify', 'request', 'body']);
}

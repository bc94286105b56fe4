import type { VerifySpec } from '../model/verify-spec.js';

/**
 * The templates of a `verify:` block: `{{ name }}` or `{{ name | urlencode }}`, nothing else. Names
 * are `secret`, the rule's named capture groups and its `with:` companions; the loader refuses any
 * other name, so rendering only meets a missing value when a finding lacks one.
 */
const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:\|\s*([A-Za-z0-9_]+)\s*)?\}\}/g;
const FILTERS = new Set(['urlencode']);

export interface RenderedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/** A value a template names and the finding does not have. Its message names the value, never one. */
export class MissingValueError extends Error {
  constructor(readonly valueName: string) {
    super(`no ${valueName} found near the secret`);
  }
}

/** The names a template uses, or what is wrong with it (a filter we do not have, a stray brace pair). */
export function templateNames(template: string): { names: string[]; problem?: string } {
  const names: string[] = [];
  let problem: string | undefined;
  const rest = template.replace(PLACEHOLDER, (_all, name: string, filter: string | undefined) => {
    if (filter !== undefined && !FILTERS.has(filter)) problem ??= `uses the filter "${filter}" (the only one is urlencode)`;
    names.push(name);
    return '';
  });
  if (rest.includes('{{') || rest.includes('}}')) problem ??= 'has a {{ }} that is not {{ name }} or {{ name | urlencode }}';
  return problem ? { names, problem } : { names };
}

/** Every template of a block, with where it is (for load errors). */
export function templatesOf(spec: VerifySpec): { at: (string | number)[]; template: string }[] {
  const { request } = spec;
  const found: { at: (string | number)[]; template: string }[] = [{ at: ['request', 'url'], template: request.url }];
  for (const [name, value] of Object.entries(request.headers ?? {})) found.push({ at: ['request', 'headers', name], template: value });
  if (request.auth) {
    found.push({ at: ['request', 'auth', 'basic', 'username'], template: request.auth.basic.username });
    found.push({ at: ['request', 'auth', 'basic', 'password'], template: request.auth.basic.password });
  }
  if (request.body !== undefined) found.push({ at: ['request', 'body'], template: request.body });
  const sign = request.sign?.['aws-sigv4'];
  if (sign) for (const key of ['region', 'service', 'accessKeyId'] as const) found.push({ at: ['request', 'sign', 'aws-sigv4', key], template: sign[key] });
  return found;
}

type Escape = (value: string) => string;
const asIs: Escape = (value) => value;
const BODY_ESCAPES: Record<NonNullable<VerifySpec['request']['bodyEncoding']>, Escape> = {
  raw: asIs,
  // Inside a JSON string: quotes, backslashes and control characters escaped.
  json: (value) => JSON.stringify(value).slice(1, -1),
  form: (value) => encodeURIComponent(value),
};

/** Fills one template. Throws MissingValueError for a name `values` lacks. */
export function render(template: string, values: Readonly<Record<string, string>>, escapeValue: Escape = asIs): string {
  return template.replace(PLACEHOLDER, (_all, name: string, filter: string | undefined) => {
    if (!Object.hasOwn(values, name)) throw new MissingValueError(name);
    const value = values[name] as string;
    return escapeValue(filter === 'urlencode' ? encodeURIComponent(value) : value);
  });
}

/**
 * The request a block describes for one finding's values (`secret`, named groups, companions):
 * Basic auth already turned into its header; AWS signing is left to the sender. Throws
 * MissingValueError when a value is missing.
 */
export function renderRequest(spec: VerifySpec, values: Readonly<Record<string, string>>): RenderedRequest {
  const { request } = spec;
  const headers: Record<string, string> = {};
  for (const [name, template] of Object.entries(request.headers ?? {})) headers[name] = render(template, values);
  if (request.auth) {
    const { username, password } = request.auth.basic;
    headers.Authorization = `Basic ${Buffer.from(`${render(username, values)}:${render(password, values)}`).toString('base64')}`;
  }
  const rendered: RenderedRequest = { method: request.method, url: render(request.url, values), headers };
  if (request.body !== undefined) rendered.body = render(request.body, values, BODY_ESCAPES[request.bodyEncoding ?? 'raw']);
  return rendered;
}

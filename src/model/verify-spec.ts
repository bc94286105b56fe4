/**
 * A rule's `verify:` block, as validated by the pack loader (rules/schema.json): how `--verify`
 * asks the provider whether a found secret is live. Plain data: it crosses to worker threads.
 */
export type VerifyMethod = 'GET' | 'POST' | 'HEAD' | 'PUT';

/** The response body must also match: a substring, or a value at a dot-separated JSON path. */
export interface VerifyBodyMatcher {
  readonly contains?: string;
  readonly json?: { readonly path: string; readonly equals: string | number | boolean };
}

export interface VerifyMatcher {
  readonly status: readonly number[];
  readonly body?: VerifyBodyMatcher;
}

export interface VerifyRequestSpec {
  readonly method: VerifyMethod;
  /** Template. https, or http to a loopback address. */
  readonly url: string;
  /** Header name → template. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Turned into `Authorization: Basic …` when rendered. */
  readonly auth?: { readonly basic: { readonly username: string; readonly password: string } };
  /** Template; values are escaped per `bodyEncoding`. */
  readonly body?: string;
  readonly bodyEncoding?: 'json' | 'form' | 'raw';
  /** AWS Signature Version 4; the secret is the secret access key. Templates in each field. */
  readonly sign?: { readonly 'aws-sigv4': { readonly region: string; readonly service: string; readonly accessKeyId: string } };
}

export interface VerifySpec {
  /** Hosts the rendered url may name (`*.example.com`: any subdomain); else the url's own literal host. */
  readonly hosts?: readonly string[];
  /** Values found near the secret in the same content: name → RE2 pattern (group 1, or the whole match). */
  readonly with?: Readonly<Record<string, { readonly pattern: string }>>;
  readonly request: VerifyRequestSpec;
  readonly valid: VerifyMatcher;
  readonly invalid?: VerifyMatcher;
}

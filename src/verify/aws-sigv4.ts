import aws4 from 'aws4';
import type { RenderedRequest } from './template.js';

/** What `sign: { aws-sigv4: … }` gives, its templates filled. */
export interface SigV4Params {
  readonly region: string;
  readonly service: string;
  readonly accessKeyId: string;
}

// Set by fetch itself, from the same url and body that were signed.
const SENT_BY_FETCH = new Set(['host', 'content-length']);

/**
 * Signs a rendered request with AWS Signature Version 4 (the `aws4` package: signing is not code to
 * write by hand). `amzDate` (20150830T123600Z) pins the time, for the test suite's vectors.
 */
export function signSigV4(request: RenderedRequest, params: SigV4Params, secretAccessKey: string, amzDate?: string): RenderedRequest {
  const url = new URL(request.url);
  const options: aws4.Request = {
    host: url.host,
    path: `${url.pathname}${url.search}`,
    method: request.method,
    service: params.service,
    region: params.region,
    headers: { ...request.headers, ...(amzDate !== undefined && { 'X-Amz-Date': amzDate }) },
    ...(request.body !== undefined && { body: request.body }),
  };
  aws4.sign(options, { accessKeyId: params.accessKeyId, secretAccessKey });
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(options.headers ?? {})) if (!SENT_BY_FETCH.has(name.toLowerCase())) headers[name] = String(value);
  return { ...request, headers };
}

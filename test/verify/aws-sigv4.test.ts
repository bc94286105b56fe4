import { describe, expect, it } from 'vitest';
import { signSigV4 } from '../../src/verify/aws-sigv4.js';
import { prepareRequest } from '../../src/verify/verify-request.js';
import type { VerifySpec } from '../../src/verify/verify-spec.js';
import { fakeAwsAccessKeyId, randomString } from '../helpers/tokens.js';

// AWS's published SigV4 test suite, case get-vanilla: documentation example credentials, not a secret.
const SUITE = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  amzDate: '20150830T123600Z',
};

describe('signSigV4', () => {
  it("produces the test suite's get-vanilla signature", () => {
    const signed = signSigV4({ method: 'GET', url: 'https://example.amazonaws.com/', headers: {} }, { region: 'us-east-1', service: 'service', accessKeyId: SUITE.accessKeyId }, SUITE.secretAccessKey, SUITE.amzDate);
    expect(signed.headers.Authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
    );
    expect(signed.headers['X-Amz-Date']).toBe(SUITE.amzDate);
    // fetch sets Host from the url that was signed.
    expect(Object.keys(signed.headers).map((name) => name.toLowerCase())).not.toContain('host');
  });

  it('signs a verify: block’s STS request with the key id from a named group, the secret as the secret key', () => {
    const spec: VerifySpec = {
      request: {
        method: 'POST',
        url: 'https://sts.amazonaws.com/',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' },
        body: 'Action=GetCallerIdentity&Version=2011-06-15',
        sign: { 'aws-sigv4': { region: 'us-east-1', service: 'sts', accessKeyId: '{{ id }}' } },
      },
      valid: { status: [200] },
      invalid: { status: [403] },
    };
    const id = fakeAwsAccessKeyId();
    const secret = randomString(40);
    const prepared = prepareRequest(spec, { secret, id });
    expect(prepared.kind).toBe('request');
    if (prepared.kind !== 'request') return;
    expect(prepared.request.headers.Authorization).toMatch(new RegExp(`^AWS4-HMAC-SHA256 Credential=${id}/\\d{8}/us-east-1/sts/aws4_request, SignedHeaders=[a-z;-]+, Signature=[0-9a-f]{64}$`));
    expect(prepared.request.headers.Authorization).not.toContain(secret);
    expect(prepared.hostLabel).toBe('sts.amazonaws.com');
  });
});

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../helpers/cli.js';
import { git, initRepo } from '../helpers/git.js';
import { closeProvider, fileLoopbackProvider, leakedWindows, loopbackProvider, type LoopbackProvider, type Received, type Reply } from '../helpers/loopback-provider.js';
import { fileTempDir, tempDir, writeTree } from '../helpers/temp.js';
import { randomString } from '../helpers/tokens.js';

const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
const token = (): string => `lvt_${randomString(24)}`;
const keyId = (): string => `kid_${randomString(16, '0123456789abcdef')}`;

/** A pack with one rule for `lvt_` tokens whose verify: block is `verify` (YAML, indented by the caller's 0). */
function writePack(dir: string, verify: string, pattern = '\\b(lvt_[A-Za-z0-9]{24})\\b', extra = ''): string {
  const file = path.join(dir, 'pack.yaml');
  const indented = verify.trim().replace(/^/gm, '      ');
  writeFileSync(
    file,
    `rules:
  - id: loop-token
    description: Loopback test token
    pattern: '${pattern}'
    keywords: [lvt_]
${extra}    examples: ['lvt_${'Q7rT2wXz9LmN4bVc8KpJa1Zq'}']
    negatives: []
    verify:
${indented}
`,
  );
  return file;
}

const bearer = (provider: LoopbackProvider, route = '/v1/me') => `
request:
  method: GET
  url: '${provider.url}${route}'
  headers: { Authorization: 'Bearer {{ secret }}' }
valid: { status: [200] }
invalid: { status: [401, 403] }`;

const tokenOf = (request: Received): string => String(request.headers.authorization ?? '').replace(/^Bearer /, '');

/** A tree with a file per secret, and a pack; the scan's arguments. */
function setup(verify: (provider: LoopbackProvider) => string, provider: LoopbackProvider, files: Record<string, string>): { dir: string; args: string[] } {
  const dir = tempDir();
  const tree = path.join(dir, 'tree');
  writeTree(tree, files);
  const pack = writePack(dir, verify(provider));
  return { dir, args: ['scan', '--no-config', '--rules', pack, tree] };
}

/**
 * The provider and the bearer pack most tests share: the pack's path and bytes stay the same from
 * test to test, so only the first CLI run loads the built-in rules with it; the others find them
 * in the cache. The provider is reset before each test (nothing received, answers 200).
 */
let provider: LoopbackProvider;
let sharedPack: string;
beforeAll(async () => {
  provider = await fileLoopbackProvider();
  sharedPack = writePack(fileTempDir(), bearer(provider));
});

/** A tree with a file per secret, scanned with the shared bearer pack; the scan's arguments. */
function bearerSetup(files: Record<string, string>): { dir: string; args: string[] } {
  const dir = tempDir();
  const tree = path.join(dir, 'tree');
  writeTree(tree, files);
  return { dir, args: ['scan', '--no-config', '--rules', sharedPack, tree] };
}

interface JsonFinding {
  path: string;
  verification?: { status: string; reason?: string; checkedAt: string };
}
const findingsOf = (result: CliResult): JsonFinding[] => (JSON.parse(result.stdout) as { findings: JsonFinding[] }).findings;
const statusByFile = (result: CliResult): Record<string, string> =>
  Object.fromEntries(findingsOf(result).map((finding) => [path.basename(finding.path), `${finding.verification?.status}${finding.verification?.reason ? `: ${finding.verification.reason}` : ''}`]));

function expectNoLeak(result: CliResult, secrets: readonly string[]): void {
  expect(leakedWindows(result.stdout + result.stderr, secrets)).toEqual([]);
}

describe('--verify', () => {
  it('marks live, revoked and failing secrets, once per distinct secret, in JSON, SARIF and text', async () => {
    const [live, revoked, broken] = [token(), token(), token()];
    provider.reply = (request) => (tokenOf(request) === live ? { status: 200, body: '{}' } : tokenOf(request) === revoked ? { status: 401 } : { status: 500 });
    const { args } = bearerSetup({
      'live.env': `API_TOKEN=${live}\n`,
      'copy/live-again.env': `TOKEN=${live}\n`,
      'revoked.env': `API_TOKEN=${revoked}\n`,
      'broken.env': `API_TOKEN=${broken}\n`,
    });

    const json = await runCli([...args, '--verify', '-f', 'json']);
    expect(json.code).toBe(1);
    expect(statusByFile(json)).toEqual({ 'live.env': 'valid', 'live-again.env': 'valid', 'revoked.env': 'invalid', 'broken.env': 'unknown: HTTP 500' });
    for (const finding of findingsOf(json)) expect(Date.parse(finding.verification?.checkedAt ?? '')).not.toBeNaN();
    // One request per distinct secret, with our User-Agent, to the path the rule names.
    expect(provider.received.map(tokenOf).sort()).toEqual([live, revoked, broken].sort());
    expect(provider.received.every((request) => request.path === '/v1/me' && request.method === 'GET')).toBe(true);
    expect(provider.received.every((request) => request.headers['user-agent'] === `secretsift/${VERSION}`)).toBe(true);
    // Said once on stderr: how many secrets go to which hosts.
    expect(json.stderr.match(/--verify: sending/g)).toHaveLength(1);
    expect(json.stderr).toContain(`--verify: sending 3 distinct secrets to their providers: 3 to 127.0.0.1:${provider.port}`);
    expectNoLeak(json, [live, revoked, broken]);

    const sarif = await runCli([...args, '--verify', '-f', 'sarif']);
    const results = (JSON.parse(sarif.stdout) as { runs: { results: { properties: { verification?: { status: string } } }[] }[] }).runs[0]?.results ?? [];
    expect(results.map((result) => result.properties.verification?.status).sort()).toEqual(['invalid', 'unknown', 'valid', 'valid']);
    expectNoLeak(sarif, [live, revoked, broken]);

    const text = await runCli([...args, '--verify']);
    expect(text.stdout).toMatch(/loop-token {2}LIVE/);
    expect(text.stdout).toMatch(/loop-token {2}revoked/);
    expect(text.stdout).toMatch(/loop-token {2}unverified \(HTTP 500\)/);
    expect(text.stdout).toMatch(/verified: 2 LIVE, 1 revoked, 1 unverified/);
    expectNoLeak(text, [live, revoked, broken]);
  });

  it('explain says where --verify sends the secret', async () => {
    const { args } = bearerSetup({});
    const result = await runCli(['explain', 'loop-token', '--no-config', '--rules', args[3] as string]);
    expect(result.stdout).toContain(`With --verify:\n  GET ${provider.url}/v1/me\n`);
    expect(provider.received).toEqual([]);
  });

  it('sends nothing without --verify, and no finding carries a verification', async () => {
    const secret = token();
    const { args } = bearerSetup({ 'a.env': `API_TOKEN=${secret}\n` });
    const result = await runCli([...args, '-f', 'json']);
    expect(result.code).toBe(1);
    expect(findingsOf(result)[0]?.verification).toBeUndefined();
    expect(result.stderr).not.toContain('--verify');
    expect(provider.received).toEqual([]);
  });

  it('--only-verified reports only live secrets, and the exit code follows what is reported', async () => {
    const [live, revoked] = [token(), token()];
    provider.reply = (request) => ({ status: tokenOf(request) === live ? 200 : 401 });
    const { args } = bearerSetup({ 'live.env': `API_TOKEN=${live}\n`, 'revoked.env': `API_TOKEN=${revoked}\n` });
    const some = await runCli([...args, '--only-verified', '-f', 'json']);
    expect(some.code).toBe(1);
    expect(statusByFile(some)).toEqual({ 'live.env': 'valid' });

    provider.reply = () => ({ status: 401 });
    const none = await runCli([...args, '--only-verified']);
    expect(none.code).toBe(0);
    expect(none.stdout).toMatch(/no leaks found/);
    expectNoLeak(some, [live, revoked]);
    expectNoLeak(none, [live, revoked]);
  });

  it('gives up on a provider that hangs (--verify-timeout) and waits for a slow one', async () => {
    const [hanging, slow] = [token(), token()];
    provider.reply = (request): Reply => (tokenOf(request) === hanging ? 'hang' : { status: 200, delayMs: 300 });
    const { args } = bearerSetup({ 'hanging.env': `API_TOKEN=${hanging}\n`, 'slow.env': `API_TOKEN=${slow}\n` });
    // The slow answer comes 300 ms in, the timeout 5 s in: room for a machine too busy to answer on time.
    const result = await runCli([...args, '--verify', '--verify-timeout', '5s', '-f', 'json']);
    expect(statusByFile(result)).toEqual({ 'hanging.env': 'unknown: timed out', 'slow.env': 'valid' });
    // A timeout is not a network error: it is not retried.
    expect(provider.received.filter((request) => tokenOf(request) === hanging)).toHaveLength(1);
    expectNoLeak(result, [hanging, slow]);
  });

  it('waits out a 429 with a short Retry-After, then takes the answer', async () => {
    const secret = token();
    provider.reply = (_request, count) => (count === 1 ? { status: 429, headers: { 'Retry-After': '1' } } : { status: 200 });
    const { args } = bearerSetup({ 'a.env': `API_TOKEN=${secret}\n` });
    const result = await runCli([...args, '--verify', '-f', 'json']);
    expect(statusByFile(result)).toEqual({ 'a.env': 'valid' });
    expect(provider.received).toHaveLength(2);
  });

  it('does not wait out a long Retry-After: rate limited', async () => {
    const secret = token();
    provider.reply = () => ({ status: 429, headers: { 'Retry-After': '3600' } });
    const { args } = bearerSetup({ 'a.env': `API_TOKEN=${secret}\n` });
    const result = await runCli([...args, '--verify', '-f', 'json']);
    expect(statusByFile(result)).toEqual({ 'a.env': 'unknown: rate limited' });
    expect(provider.received).toHaveLength(1);
  });

  it('retries a refused connection a few times, then gives up: unknown', async () => {
    const gone = await loopbackProvider();
    const secret = token();
    const { args } = setup((p) => bearer(p), gone, { 'a.env': `API_TOKEN=${secret}\n` });
    await closeProvider(gone);
    const result = await runCli([...args, '--verify', '-f', 'json']);
    expect(statusByFile(result)).toEqual({ 'a.env': 'unknown: connection refused' });
    expectNoLeak(result, [secret]);
  });

  it('refuses a --verify-timeout that is not a duration, and --only-verified with --no-verify', async () => {
    const bad = await runCli(['scan', '--no-config', '--verify', '--verify-timeout', 'soon', tempDir()]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--verify-timeout must be a positive duration');
    const both = await runCli(['scan', '--no-config', '--only-verified', '--no-verify', tempDir()]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--only-verified');
  });

  it('never follows a redirect: the target gets nothing', async () => {
    const target = await loopbackProvider();
    const secret = token();
    provider.reply = () => ({ status: 302, headers: { Location: `${target.url}/steal` } });
    const { args } = bearerSetup({ 'a.env': `API_TOKEN=${secret}\n` });
    const result = await runCli([...args, '--verify', '-f', 'json']);
    expect(statusByFile(result)).toEqual({ 'a.env': 'unknown: redirect' });
    expect(provider.received).toHaveLength(1);
    expect(target.received).toEqual([]);
  });

  it('sends nothing when a templated host renders outside hosts:, and uses named groups', async () => {
    const provider = await loopbackProvider();
    const [outside, inside] = [token(), token()];
    const verify = (p: LoopbackProvider) => `
hosts: ['127.0.0.1']
request:
  method: GET
  url: 'http://{{ host }}:${p.port}/v1/me'
  headers: { Authorization: 'Bearer {{ secret }}' }
valid: { status: [200] }`;
    const dir = tempDir();
    const tree = path.join(dir, 'tree');
    writeTree(tree, { 'outside.txt': `endpoint localhost/${outside}\n`, 'inside.txt': `endpoint 127.0.0.1/${inside}\n` });
    const pack = writePack(dir, verify(provider), '(?P<host>[a-z0-9.]+)/(lvt_[A-Za-z0-9]{24})\\b', '    secretGroup: 2\n');
    const result = await runCli(['scan', '--no-config', '--rules', pack, tree, '--verify', '-f', 'json']);
    expect(statusByFile(result)).toEqual({ 'outside.txt': 'unknown: host not allowed', 'inside.txt': 'valid' });
    expect(provider.received.map(tokenOf)).toEqual([inside]);
    // A host a template filled is not printed: the notice names the hosts: entry it matched.
    expect(result.stderr).toContain('--verify: sending 1 distinct secret to their providers: 1 to 127.0.0.1');
    expectNoLeak(result, [outside, inside]);
  });

  it('sends a companion found near the secret; without one, sends nothing', async () => {
    const provider = await loopbackProvider();
    const [paired, alone, kid] = [token(), token(), keyId()];
    const verify = (p: LoopbackProvider) => `
with:
  kid: { pattern: '\\b(kid_[0-9a-f]{16})\\b' }
request:
  method: POST
  url: '${p.url}/v1/check'
  headers: { Content-Type: application/json }
  body: '{"key_id":"{{ kid }}","secret":"{{ secret }}"}'
  bodyEncoding: json
valid: { status: [200], body: { json: { path: 'data.active', equals: true } } }
invalid: { status: [200], body: { json: { path: 'data.active', equals: false } } }`;
    provider.reply = (request) => {
      const sent = JSON.parse(request.body) as { key_id: string; secret: string };
      return { status: 200, body: JSON.stringify({ data: { active: sent.key_id === kid && sent.secret === paired } }) };
    };
    const { args } = setup(verify, provider, { 'paired.env': `KEY_ID=${kid}\nKEY_SECRET=${paired}\n`, 'alone.env': `KEY_SECRET=${alone}\n` });
    const result = await runCli([...args, '--verify', '-f', 'json', '--debug']);
    expect(statusByFile(result)).toEqual({ 'paired.env': 'valid', 'alone.env': 'unknown: no kid found near the secret' });
    expect(provider.received.map((request) => JSON.parse(request.body))).toEqual([{ key_id: kid, secret: paired }]);
    expectNoLeak(result, [paired, alone, kid]);
  });

  it('signs with AWS SigV4: the key id from a named group, the secret as the secret key, which is never sent', async () => {
    const provider = await loopbackProvider();
    const id = `AKLV${randomString(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`;
    const secret = `lvt_${randomString(24)}`;
    const verify = (p: LoopbackProvider) => `
request:
  method: POST
  url: '${p.url}/'
  headers: { Content-Type: 'application/x-www-form-urlencoded; charset=utf-8' }
  body: 'Action=GetCallerIdentity&Version=2011-06-15'
  sign: { aws-sigv4: { region: us-east-1, service: sts, accessKeyId: '{{ id }}' } }
valid: { status: [200] }
invalid: { status: [403] }`;
    const dir = tempDir();
    const tree = path.join(dir, 'tree');
    writeTree(tree, { 'creds.txt': `aws ${id}:${secret}\n` });
    const pack = writePack(dir, verify(provider), '\\b(?P<id>AKLV[A-Z2-7]{16}):(lvt_[A-Za-z0-9]{24})\\b', '    secretGroup: 2\n');
    provider.reply = () => ({ status: 403 });
    const result = await runCli(['scan', '--no-config', '--rules', pack, tree, '--verify', '-f', 'json', '--debug']);
    expect(statusByFile(result)).toEqual({ 'creds.txt': 'invalid' });
    const [request] = provider.received;
    expect(request?.headers.authorization).toMatch(new RegExp(`^AWS4-HMAC-SHA256 Credential=${id}/\\d{8}/us-east-1/sts/aws4_request, SignedHeaders=[a-z;-]+, Signature=[0-9a-f]{64}$`));
    expect(request?.headers['x-amz-date']).toMatch(/^\d{8}T\d{6}Z$/);
    expect(request?.body).toBe('Action=GetCallerIdentity&Version=2011-06-15');
    expect(JSON.stringify(request)).not.toContain(secret);
    expectNoLeak(result, [secret]);
  });

  it('prints no secret with --debug or NODE_DEBUG=secretsift, whatever the answer', async () => {
    const secrets = [token(), token(), token(), token()];
    provider.reply = (request) => {
      const index = secrets.indexOf(tokenOf(request));
      // Answers that echo the secret back, in a body and a header, must not reach the output either.
      return [{ status: 200, body: tokenOf(request) }, { status: 401, headers: { 'X-Echo': tokenOf(request) } }, { status: 500, body: tokenOf(request) }, { status: 302, headers: { Location: `/${tokenOf(request)}` } }][index] ?? { status: 404 };
    };
    const { args } = bearerSetup(Object.fromEntries(secrets.map((secret, i) => [`f${i}.env`, `API_TOKEN=${secret}\n`])));
    for (const extra of [['--debug'], ['--debug', '-f', 'json'], ['-f', 'sarif'], ['-f', 'github'], ['-f', 'junit']]) {
      const result = await runCli([...args, '--verify', ...extra], { env: { NODE_DEBUG: 'secretsift' } });
      expect(result.code).toBe(1);
      expectNoLeak(result, secrets);
    }
  });

  it('is taken from defaults.verify in the config, and --no-verify overrides it; a baseline never verifies', async () => {
    const secret = token();
    const { dir, args } = bearerSetup({ 'a.env': `API_TOKEN=${secret}\n` });
    const pack = args[3] as string;
    const tree = path.join(dir, 'tree');
    writeFileSync(path.join(dir, 'config.yaml'), 'defaults:\n  verify: true\n');
    const config = ['scan', '--config', path.join(dir, 'config.yaml'), '--rules', pack, tree, '-f', 'json'];
    const on = await runCli(config);
    expect(statusByFile(on)).toEqual({ 'a.env': 'valid' });
    expect(provider.received).toHaveLength(1);
    const off = await runCli([...config, '--no-verify']);
    expect(findingsOf(off)[0]?.verification).toBeUndefined();
    const baseline = path.join(dir, 'baseline.json');
    const created = await runCli(['baseline', 'create', '--config', path.join(dir, 'config.yaml'), '--rules', pack, '-o', baseline, tree]);
    expect(created.code).toBe(0);
    expect(readFileSync(baseline, 'utf8')).not.toMatch(/verif/);
    expect(provider.received).toHaveLength(1);
  });

  it('verifies in history and staged too', async () => {
    const [old, added] = [token(), token()];
    const dir = tempDir();
    const repo = path.join(dir, 'repo');
    writeTree(repo, { 'a.env': `API_TOKEN=${old}\n` });
    initRepo(repo);
    git(repo, ['add', '.']);
    git(repo, ['commit', '-qm', 'add']);
    const history = await runCli(['history', '--no-config', '--rules', sharedPack, '--verify', '-f', 'json', repo]);
    expect(statusByFile(history)).toEqual({ 'a.env': 'valid' });
    writeTree(repo, { 'b.env': `API_TOKEN=${added}\n` });
    git(repo, ['add', 'b.env']);
    const staged = await runCli(['staged', '--no-config', '--rules', sharedPack, '--verify', '-f', 'json'], { cwd: repo });
    expect(statusByFile(staged)).toEqual({ 'b.env': 'valid' });
    expect(provider.received.map(tokenOf)).toEqual([old, added]);
  });
});

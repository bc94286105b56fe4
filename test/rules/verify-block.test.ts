import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePack } from '../../src/rules/rule-pack.js';
import { runCli } from '../helpers/cli.js';
import { packProblems as problemsOf } from '../helpers/rules.js';
import { tempDir } from '../helpers/temp.js';

const pack = (verify: string, pattern = '\\b(?P<id>vid_[a-z0-9]{4})_(vsk_[A-Za-z0-9]{20})\\b') => `rules:
  - id: verified-token
    description: d
    pattern: '${pattern}'
    keywords: [vsk_]
    secretGroup: 2
    examples: ['vid_ab12_vsk_Q7rT2wXz9LmN4bVc8KpJ']
    negatives: ['vsk_x']
    verify:
${verify.replace(/^/gm, '      ')}
`;

const REQUEST = `request:
  method: GET
  url: 'https://api.example.com/v1/{{ id }}'
  headers: { Authorization: 'Bearer {{ secret }}' }
valid: { status: [200] }
invalid: { status: [401, 403] }`;

describe('a verify: block', () => {
  it('is loaded onto the rule as data', () => {
    const [rule] = parsePack('pack.yaml', pack(`hosts: [api.example.com]\nwith:\n  region: { pattern: 'region=([a-z0-9-]+)' }\n${REQUEST}`));
    expect(rule?.verify).toEqual({
      hosts: ['api.example.com'],
      with: { region: { pattern: 'region=([a-z0-9-]+)' } },
      request: { method: 'GET', url: 'https://api.example.com/v1/{{ id }}', headers: { Authorization: 'Bearer {{ secret }}' } },
      valid: { status: [200] },
      invalid: { status: [401, 403] },
    });
  });

  it('refuses http to a host that is not loopback, naming the rule and the line', () => {
    const problems = problemsOf(pack(REQUEST.replace('https://api.example.com', 'http://api.example.com')));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^pack\.yaml:\d+: rule verified-token: verify\.request\.url uses http to a host that is not loopback/);
  });

  it('accepts http to loopback', () => {
    expect(problemsOf(pack(REQUEST.replace('https://api.example.com', 'http://127.0.0.1:8080')))).toEqual([]);
  });

  it('refuses a template naming no value the finding can have', () => {
    const problems = problemsOf(pack(REQUEST.replace('{{ id }}', '{{ account }}')));
    expect(problems[0]).toMatch(/rule verified-token: verify\.request\.url uses \{\{ account \}\}, which is not secret, a named group/);
  });

  it('refuses a templated host without hosts', () => {
    expect(problemsOf(pack(REQUEST.replace('https://api.example.com', 'https://{{ id }}.example.com')))[0]).toMatch(/templated host/);
  });

  it('refuses what the schema does not allow: DELETE, a missing url, an unknown key', () => {
    expect(problemsOf(pack(REQUEST.replace('GET', 'DELETE')))[0]).toMatch(/rule verified-token: .*method/);
    expect(problemsOf(pack(REQUEST.replace(/ {2}url: .*\n/, '')))[0]).toMatch(/rule verified-token: .*"url"/);
    expect(problemsOf(pack(`${REQUEST}\nfollowRedirects: true`))[0]).toMatch(/rule verified-token: .*unknown key/);
  });

  it('refuses a companion named like a group or with a broken pattern, a Host header, a body on GET', () => {
    expect(problemsOf(pack(`with:\n  id: { pattern: 'x' }\n${REQUEST}`))[0]).toMatch(/verify\.with\.id has the name of a named group/);
    expect(problemsOf(pack(`with:\n  sid: { pattern: '(x' }\n${REQUEST}`))[0]).toMatch(/verify\.with\.sid\.pattern is not valid RE2/);
    expect(problemsOf(pack(REQUEST.replace('Authorization:', 'Host:')))[0]).toMatch(/headers\.Host is set by secretsift/);
    expect(problemsOf(pack(REQUEST.replace('  headers:', "  body: 'x'\n  headers:")))[0]).toMatch(/body with GET/);
  });

  it('stops the CLI with exit 2 naming the rule', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'pack.yaml');
    writeFileSync(file, pack(REQUEST.replace('https://api.example.com', 'http://api.example.com')));
    const result = await runCli(['scan', '--no-config', '--rules', file, dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/rule verified-token: verify\.request\.url uses http/);
  });

  it('keeps `rules test` working', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'pack.yaml');
    writeFileSync(file, pack(REQUEST));
    const result = await runCli(['rules', 'test', file]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });
});

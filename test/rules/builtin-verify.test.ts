import { readFileSync } from 'node:fs';
import path from 'node:path';
import RE2 from 're2';
import { describe, expect, it } from 'vitest';
import type { RuleSpec } from '../../src/model/rule.js';
import type { VerifySpec } from '../../src/model/verify-spec.js';
import { defaultPackFiles } from '../../src/rules/pack-files.js';
import { loadPacks } from '../../src/rules/rule-pack.js';
import { RULES_DIR } from '../../src/util/paths.js';
import { findCompanions } from '../../src/verify/companions.js';
import { allowedHosts, hostAllowed } from '../../src/verify/hosts.js';
import { render, renderRequest, templateNames, templatesOf, type RenderedRequest } from '../../src/verify/template.js';
import { prepareRequest } from '../../src/verify/verify-request.js';

/*
 * The built-in `verify:` blocks, rendered against their own rules' examples: every block must
 * produce a request that could be sent (https, to a host the rule allows, every template filled)
 * and that carries the example's secret, as the verify stage would build it from a finding.
 */

const rules = loadPacks(defaultPackFiles());
const verifying = rules.filter((rule): rule is RuleSpec & { verify: VerifySpec } => rule.verify !== undefined);

/** The rule's named capture groups, from the match of its pattern that holds the secret. */
function namedGroups(rule: RuleSpec, text: string, secretStart: number, secret: string): Record<string, string> {
  const regex = new RE2(rule.pattern, 'gu');
  for (let match = regex.exec(text); match; match = regex.exec(text)) {
    if (match[0].length === 0) {
      regex.lastIndex++;
      continue;
    }
    if (match.index <= secretStart && secretStart + secret.length <= match.index + match[0].length) {
      const groups: Record<string, string> = {};
      for (const [name, value] of Object.entries(match.groups ?? {})) if (typeof value === 'string' && value) groups[name] = value;
      return groups;
    }
  }
  return {};
}

/** The names a block's templates use. */
function namesUsed(spec: VerifySpec): Set<string> {
  return new Set(templatesOf(spec).flatMap(({ template }) => templateNames(template).names));
}

interface Case {
  rule: RuleSpec & { verify: VerifySpec };
  example: number;
  secret: string;
  values: Record<string, string>;
  /** Names the block needs that this example does not hold (a companion written elsewhere). */
  missing: string[];
}

const cases: Case[] = verifying.flatMap((rule) =>
  rule.examples.flatMap((example, index) => {
    if (example.secret === undefined) return [];
    const { secret } = example;
    const at = example.text.indexOf(secret);
    const values = { ...namedGroups(rule, example.text, at, secret), ...findCompanions(rule.verify, example.text, at), secret };
    const missing = [...namesUsed(rule.verify)].filter((name) => !Object.hasOwn(values, name));
    return [{ rule, example: index, secret, values, missing }];
  }),
);
const renderable = cases.filter((each) => each.missing.length === 0);

/** Every place a request may carry the secret, with Basic credentials decoded. */
function carriedText(request: RenderedRequest): string {
  const parts = [request.url, decodeURIComponent(request.url), request.body ?? '', ...Object.values(request.headers)];
  for (const value of Object.values(request.headers)) {
    const basic = /^Basic (.+)$/.exec(value);
    if (basic?.[1]) parts.push(Buffer.from(basic[1], 'base64').toString('utf8'));
  }
  return parts.join('\n');
}

/** The registrable part of a host ("api.github.com" -> "github.com"; "*.okta.com" -> "okta.com"). */
function providerDomain(host: string): string {
  const labels = host.replace(/^\*\./, '').split('.');
  const twoPartSuffix = labels.length > 2 && ['co', 'com'].includes(labels.at(-2) ?? '') && (labels.at(-1) ?? '').length === 2;
  return labels.slice(twoPartSuffix ? -3 : -2).join('.');
}

describe('built-in verify blocks', () => {
  it('are many: at least 50 rules of at least 40 providers, counted by tag and by host', () => {
    expect(verifying.length).toBeGreaterThanOrEqual(50);
    const byTag = new Set(verifying.map((rule) => rule.tags[0]));
    const byHost = new Set(verifying.flatMap((rule) => allowedHosts(rule.verify).map(providerDomain)));
    expect(byTag.size).toBeGreaterThanOrEqual(40);
    expect(byHost.size).toBeGreaterThanOrEqual(40);
  });

  it('each render at least once from an example of their rule that holds every companion', () => {
    const exercised = new Set(renderable.map((each) => each.rule.id));
    expect(verifying.map((rule) => rule.id).filter((id) => !exercised.has(id))).toEqual([]);
  });

  it.each(renderable.map((each) => [`${each.rule.id} example ${each.example + 1}`, each] as const))('%s renders a request that can be sent', (_name, { rule, secret, values }) => {
    const request = renderRequest(rule.verify, values);
    expect(['GET', 'POST', 'HEAD']).toContain(request.method);
    expect(new URL(request.url).protocol).toBe('https:');
    expect(hostAllowed(rule.verify, request.url)).toBe(true);
    const text = [request.url, request.body ?? '', ...Object.keys(request.headers), ...Object.values(request.headers)].join('\n');
    expect(text).not.toContain('{{');
    expect(text).not.toContain('}}');
    // What the verify stage would send: the same request, signed where the block says.
    const prepared = prepareRequest(rule.verify, values);
    expect(prepared.kind === 'request' ? '' : prepared.reason).toBe('');
    const sent = prepared.kind === 'request' ? prepared.request : request;
    const sign = rule.verify.request.sign?.['aws-sigv4'];
    if (sign) {
      // The secret access key signs the request; it is never sent, in any form we can spot.
      const keyId = render(sign.accessKeyId, values);
      expect(keyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
      expect(sent.headers.Authorization).toMatch(new RegExp(`^AWS4-HMAC-SHA256 Credential=${keyId}/\\d{8}/${sign.region}/${sign.service}/aws4_request, `));
      for (const text of [carriedText(request), carriedText(sent)]) {
        expect(text).not.toContain(secret);
        expect(text).not.toContain(encodeURIComponent(secret));
      }
    } else {
      expect(sent).toEqual(request);
      expect(carriedText(request)).toContain(secret);
    }
  });

  it('read, never write: GET, POST or HEAD only, and only the PyPI probes use an upload endpoint', () => {
    for (const rule of verifying) expect(['GET', 'POST', 'HEAD'], rule.id).toContain(rule.verify.request.method);
    const uploads = verifying.filter((rule) => /upload|legacy/.test(rule.verify.request.url)).map((rule) => rule.id);
    expect(uploads.sort()).toEqual(['pypi-upload-token', 'testpypi-upload-token']);
    for (const id of uploads) {
      // A request naming no package and carrying no file: refused after the token is checked.
      const body = verifying.find((rule) => rule.id === id)?.verify.request.body ?? '';
      expect(new URLSearchParams(body).has('name')).toBe(false);
      expect(new URLSearchParams(body).has('content')).toBe(false);
    }
  });

  it('never verify database URLs or connection strings', () => {
    const databasePacks = new Set(['connection-strings.yaml', 'databases.yaml', 'credential-files.yaml', 'password-hashes.yaml']);
    const offending = verifying.filter((rule) => databasePacks.has(path.basename(rule.origin.file)) || rule.tags.includes('database'));
    expect(offending.map((rule) => rule.id)).toEqual([]);
  });

  it('tell a live token from a dead one only where a refusal means the token is dead', () => {
    // A matcher that accepts every status would call anything live; one shared with `invalid`
    // could not decide. Body matchers must then tell the two apart.
    for (const rule of verifying) {
      const { valid, invalid } = rule.verify;
      expect(valid.status.length, rule.id).toBeGreaterThan(0);
      if (!invalid) continue;
      const shared = valid.status.filter((status) => invalid.status.includes(status));
      if (shared.length > 0) {
        expect(valid.body, rule.id).toBeDefined();
        expect(invalid.body, rule.id).toBeDefined();
        expect(JSON.stringify(valid.body), rule.id).not.toBe(JSON.stringify(invalid.body));
      }
    }
  });
  it('are each listed, with their rules, in the table of rules/README.md', () => {
    const readme = readFileSync(path.join(RULES_DIR, 'README.md'), 'utf8');
    const start = readme.indexOf('## Built-in verification');
    const end = readme.indexOf('\n## ', start + 1);
    const table = readme.slice(start, end < 0 ? undefined : end);
    const listed = new Set([...table.matchAll(/^\| [^|]+ \| ([^|]+) \|/gm)].flatMap((row) => [...(row[1] ?? '').matchAll(/`([a-z0-9-]+)`/g)].map((id) => id[1])));
    expect([...listed].sort()).toEqual(verifying.map((rule) => rule.id).sort());
  });
});

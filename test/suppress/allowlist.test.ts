import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/model/finding.js';
import { compileAllowlist, skippingFiles } from '../../src/suppress/allowlist.js';
import { fakeDemoToken, randomString } from '../helpers/tokens.js';
import { detectDemo } from './detect-demo.js';

const none: Parameters<typeof compileAllowlist>[0] = { paths: [], regexes: [], lines: [], stopwords: [], contexts: [] };

function finding(line: string): Finding {
  const [found] = detectDemo(`${line}\n`);
  if (!found) throw new Error(`no finding in ${line}`);
  return found;
}

describe('compileAllowlist', () => {
  const base = '/repo';

  it('skips files matching path globs relative to the config directory, and nothing outside it', () => {
    const allowlist = compileAllowlist({ ...none, paths: ['test/fixtures/**', '**/*.snap'] }, base);
    expect(allowlist.skipsFile('/repo/test/fixtures/keys.env')).toBe(true);
    expect(allowlist.skipsFile('/repo/src/a/b.snap')).toBe(true);
    expect(allowlist.skipsFile('/repo/src/app.env')).toBe(false);
    expect(allowlist.skipsFile('/elsewhere/test/fixtures/keys.env')).toBe(false);
  });

  it('allows a finding whose secret matches a regex', () => {
    const allowlist = compileAllowlist({ ...none, regexes: ['^dmo_Zq9'] }, base);
    expect(allowlist.allowsFinding(finding(`a=dmo_Zq9${randomString(21)}`))).toBe(true);
    expect(allowlist.allowsFinding(finding(`a=${fakeDemoToken()}`))).toBe(false);
  });

  it('allows a finding whose line matches a regex', () => {
    const allowlist = compileAllowlist({ ...none, lines: ['^\\s*example_'] }, base);
    expect(allowlist.allowsFinding(finding(`  example_value = ${fakeDemoToken()}`))).toBe(true);
    expect(allowlist.allowsFinding(finding(`value = ${fakeDemoToken()}`))).toBe(false);
  });

  it('allows a finding whose secret contains a stopword, ignoring case', () => {
    const allowlist = compileAllowlist({ ...none, stopwords: ['kestrel'] }, base);
    expect(allowlist.allowsFinding(finding(`a=dmo_xKeStReLx${randomString(15)}`))).toBe(true);
    expect(allowlist.allowsFinding(finding(`a=${fakeDemoToken()} # kestrel`))).toBe(false);
  });

  it('skippingFiles adds exact files to what is skipped and keeps the rest', () => {
    const allowlist = skippingFiles(compileAllowlist({ ...none, paths: ['*.snap'], stopwords: ['kestrel'] }, base), [path.join(base, 'sub', '..', 'baseline.json')]);
    expect(allowlist.skipsFile('/repo/baseline.json')).toBe(true);
    expect(allowlist.skipsFile('/repo/x.snap')).toBe(true);
    expect(allowlist.skipsFile('/repo/other.json')).toBe(false);
    expect(allowlist.allowsFinding(finding(`a=dmo_xKeStReLx${randomString(15)}`))).toBe(true);
  });
});

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir, writeTree } from '../helpers/temp.js';
import { randomString } from '../helpers/tokens.js';

/** A rule of `prefix` tokens (24 characters after it) with one example the named check drops. */
function rule(id: string, prefix: string, example: string, extra: string[] = [], examplePath?: string): string {
  const shown = examplePath ? `{ text: '${example}', path: '${examplePath}' }` : `'${example}'`;
  return [
    `  - id: ${id}`,
    `    description: ${id}`,
    `    pattern: '\\b(${prefix}_[A-Za-z0-9]{24})\\b'`,
    `    keywords: [${prefix}_]`,
    '    severity: high',
    ...extra.map((line) => `    ${line}`),
    '    examples:',
    `      - ${shown}`,
    '    negatives:',
    `      - '${prefix}_short'`,
  ].join('\n');
}

describe('rules test says why an example was not reported', () => {
  it('names the check that dropped it: entropy, placeholder, validator, stopword, keyword, path rule, pattern, inline marker', async () => {
    const dir = tempDir();
    const pack = [
      'rules:',
      rule('low-entropy', 'ent', `T=ent_${'ab'.repeat(12)}`, ['entropy: 3.5']),
      rule('placeholder-value', 'plc', `T=plc_${randomString(17)}EXAMPLE`),
      rule('bad-checksum', 'vld', `T=vld_${randomString(24)}`, ['validate: base62-crc32']),
      rule('stopworded', 'stp', `T=stp_${randomString(17)}sandbox`, ['allowlist: { stopwords: [sandbox] }']),
      rule('no-keyword', 'kwd', `T=${randomString(28)}`),
      rule('env-only', 'pth', `T=pth_${randomString(24)}`, ["paths: { include: ['*.env'] }"], 'notes.txt'),
      rule('too-short', 'sht', `T=sht_${randomString(20)} and sht_`),
      rule('marked', 'mrk', `T=mrk_${randomString(24)} # secretsift:allow`),
      '',
    ].join('\n');
    writeTree(dir, { 'pack.yaml': pack });
    const run = await runCli(['rules', 'test', path.join(dir, 'pack.yaml')], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const reason = (id: string): string => new RegExp(`^FAIL ${id} \\(.*\\) example not reported: (.*): "`, 'm').exec(run.stdout)?.[1] ?? `no failure line for ${id}`;
    expect(reason('low-entropy')).toBe("entropy 1.73 below the rule's 3.5");
    expect(reason('placeholder-value')).toBe('the placeholder filter took it for a placeholder or documented example');
    expect(reason('bad-checksum')).toBe('validator base62-crc32 rejected the secret (checksum or structure)');
    expect(reason('stopworded')).toBe("a stopword of the rule's allowlist is in the secret");
    expect(reason('no-keyword')).toBe('keyword missing: the text holds none of "kwd_"');
    expect(reason('env-only')).toBe('path rule: the rule does not run on notes.txt');
    expect(reason('too-short')).toBe('the pattern does not match');
    expect(reason('marked')).toBe("it passes the rule's checks, but was suppressed after detection (an inline allow marker?)");
    expect(run.stdout).toMatch(/8 rules, 16 cases: 8 passed, 8 failed/);
  });
});

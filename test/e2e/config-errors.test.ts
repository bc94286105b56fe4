import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { initRepo } from '../helpers/git.js';
import { leakedPieces } from '../helpers/secret-corpus.js';
import { tempDir, writeTree } from '../helpers/temp.js';
import { fakeDemoToken } from '../helpers/tokens.js';

const DEMO_RULE = (extra: string) =>
  `rules:\n  - id: demo-two\n    description: x\n    pattern: '(dmt_[a-z0-9]{8})'\n    examples: ['dmt_abcd1234']\n    negatives: []\n${extra}`;

interface Case {
  /** The config, given the planted token. */
  config: (token: string) => string;
  /** Other files of the repository, given the token. */
  files?: (token: string) => Record<string, string>;
  /** Which file the error must name, relative to the repository. */
  file?: string;
  /** The line it must name; undefined when no line can be had. */
  line: number | undefined;
  /** What it must say: the key, and what is wrong with it. */
  says: RegExp;
}

/**
 * Each config holds a (fake) secret where a careless or hostile config could put one: as a value, a
 * key, a pattern, an id, in a pack or baseline the config names. The error must point at it (file,
 * line, key) and never repeat it: CI logs are read by many.
 */
const CASES: Record<string, Case> = {
  'unknown top-level key': { config: (t) => `${t}: 1\n`, line: 1, says: /config has an unknown key \(expected one of: rules, /},
  'unknown nested key': { config: (t) => `allowlist:\n  ${t}: [x]\n`, line: 2, says: /allowlist has an unknown key/ },
  'value not in an enum': { config: (t) => `defaults:\n  format: ${t}\n`, line: 2, says: /defaults\.format must be one of "text", "json"/ },
  'override key and enum value': { config: (t) => `override:\n  ${t}:\n    severity: ${t}\n`, line: 3, says: /override\.<key>\.severity must be one of/ },
  'wrong type': { config: (t) => `rules: ${t}\n`, line: 1, says: /rules must be an array, not string/ },
  'allowlist regex': { config: (t) => `allowlist:\n  regexes: ['${t}(']\n`, line: 2, says: /allowlist\.regexes\.0 is not valid RE2 syntax: missing \)/ },
  'allowlist line regex': { config: (t) => `allowlist:\n  lines:\n    - '[${t}'\n`, line: 3, says: /allowlist\.lines\.0 is not valid RE2 syntax: missing \]/ },
  'override allowlist regex': {
    config: (t) => `override:\n  openai-project-key:\n    allowlist:\n      regexes: ['\\q${t}']\n`,
    line: 4,
    says: /override\.<key>\.allowlist\.regexes\.0 is not valid RE2 syntax: invalid escape sequence/,
  },
  'glob': { config: (t) => `allowlist:\n  paths:\n    - '${t}${'a'.repeat(70_000)}'\n`, line: 3, says: /allowlist\.paths\.0 is not a valid glob/ },
  'disabled rule that does not exist': { config: (t) => `disable:\n  - openai-project-key\n  - ${t}\n`, line: 3, says: /disable\.1 names no rule/ },
  'overridden rule that does not exist': { config: (t) => `override:\n  ${t}:\n    entropy: 3\n`, line: 2, says: /override\.<key> names no rule/ },
  'unclosed flow sequence': { config: (t) => `allowlist:\n  paths: [${t}\n`, line: 3, says: /invalid YAML: bad indentation/ },
  'unexpected scalar': { config: (t) => `- x\nkey: ${t}\n`, line: 2, says: /invalid YAML: unexpected text \(column \d+\)/ },
  'bad escape': { config: (t) => `allowlist:\n  paths: ["\\q${t}"]\n`, line: 2, says: /invalid YAML: an invalid escape sequence/ },
  'undefined alias': { config: (t) => `allowlist:\n  paths: *${t}\n`, line: undefined, says: /invalid YAML: unresolved alias/ },
  'rule pack regex': {
    config: () => 'rules: [pack.yaml]\n',
    files: (t) => ({ 'pack.yaml': DEMO_RULE(`    allowlist:\n      regexes: ['${t}(']\n`) }),
    file: 'pack.yaml',
    line: 8,
    says: /rule demo-two: allowlist\.regexes\.0 is not valid RE2 syntax/,
  },
  'rule pack validator': {
    config: () => 'rules: [pack.yaml]\n',
    files: (t) => ({ 'pack.yaml': DEMO_RULE(`    validate: ${t}\n`) }),
    file: 'pack.yaml',
    line: 7,
    says: /rule demo-two: validate names no known validator/,
  },
  'baseline fingerprint': {
    config: () => 'defaults:\n  baseline: base.json\n',
    files: (t) => ({ 'base.json': JSON.stringify({ version: 1, entries: [{ rule: 'demo-token', fingerprint: `${t}${t}`, locations: [{ path: 'a', line: 1 }] }] }, null, 2) }),
    file: 'base.json',
    line: 6,
    says: /entries\.0\.fingerprint does not match/,
  },
  'baseline version': {
    config: () => 'defaults:\n  baseline: base.json\n',
    files: (t) => ({ 'base.json': `{\n  "version": "${t}",\n  "entries": []\n}\n` }),
    file: 'base.json',
    line: 2,
    says: /baseline version is not supported/,
  },
};

describe('config, rule pack and baseline errors', () => {
  it.each(Object.entries(CASES))('%s: exit 2 naming file, line and key, never the value', async (_name, { config, files, file, line, says }) => {
    const token = fakeDemoToken();
    const parent = tempDir();
    const dir = path.join(parent, 'repo');
    mkdirSync(dir);
    initRepo(dir);
    writeTree(dir, { '.secretsift.yaml': config(token), ...files?.(token) });
    const run = await runCli(['scan', '--debug'], { cwd: dir });
    expect(run.code, run.stderr).toBe(2);
    expect(leakedPieces(run.stdout + run.stderr, [token])).toEqual([]);
    const where = path.join(dir, file ?? '.secretsift.yaml');
    expect(run.stderr).toContain(line === undefined ? `${where}: ` : `${where}:${line}: `);
    expect(run.stderr).toMatch(says);
  });
});

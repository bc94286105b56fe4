import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputFileError } from '../../src/util/yaml-file.js';
import { entriesFromFindings, type Baseline } from '../../src/suppress/baseline.js';
import { parseBaseline, readBaseline, serializeBaseline, writeBaseline } from '../../src/suppress/baseline-file.js';
import { newSalt, saltedFingerprints, unsaltedFingerprint } from '../../src/suppress/fingerprint.js';
import { tempDir } from '../helpers/temp.js';
import { fakeDemoToken } from '../helpers/tokens.js';
import { detectDemo } from './detect-demo.js';

function sample(): { baseline: Baseline; secrets: string[] } {
  const secrets = [fakeDemoToken(), fakeDemoToken(), fakeDemoToken()];
  const findings = [...detectDemo(`a=${secrets[0]}\nb=${secrets[1]}\n`, 'src/app.env'), ...detectDemo(`\n\nc=${secrets[2]}\nd=${secrets[0]}\n`, 'config/dev.env')];
  const salt = newSalt();
  return { baseline: { salt, entries: entriesFromFindings(findings, (f) => f.path, saltedFingerprints(salt)) }, secrets };
}

function parseError(text: string): InputFileError {
  try {
    parseBaseline('base.json', text);
  } catch (error) {
    if (error instanceof InputFileError) return error;
    throw error;
  }
  throw new Error('parsed without error');
}

describe('serializeBaseline', () => {
  it('writes version, salt, sorted entries and nothing that changes between runs', () => {
    const { baseline } = sample();
    const text = serializeBaseline(baseline);
    const document = JSON.parse(text) as { version: number; salt: string; entries: { rule: string; fingerprint: string; locations: { path: string; line: number }[] }[] };
    expect(Object.keys(document)).toEqual(['version', 'salt', 'entries']);
    expect(document.version).toBe(2);
    expect(document.salt).toMatch(/^[0-9a-f]{64}$/);
    expect(document.salt).toBe(baseline.salt);
    expect(document.entries.map((e) => Object.keys(e))).toEqual(Array(3).fill(['rule', 'fingerprint', 'locations']));
    expect(document.entries.map((e) => e.locations[0])).toEqual([
      { path: 'config/dev.env', line: 3 },
      { path: 'config/dev.env', line: 4 },
      { path: 'src/app.env', line: 2 },
    ]);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).not.toMatch(/date|time|secretsift \d/i);
  });

  it('gives the same bytes for the same entries in any order, and round-trips', () => {
    const { baseline } = sample();
    const text = serializeBaseline(baseline);
    expect(serializeBaseline({ ...baseline, entries: [...baseline.entries].reverse() })).toBe(text);
    expect(serializeBaseline(parseBaseline('base.json', text))).toBe(text);
  });

  it('holds no piece of any secret of 8 or more characters, nor an encoding of it, nor its unsalted hash', () => {
    const { baseline, secrets } = sample();
    const text = serializeBaseline(baseline);
    for (const secret of secrets) {
      expect(text).not.toContain(unsaltedFingerprint('demo-token', secret));
      for (let i = 0; i + 8 <= secret.length; i++) expect(text).not.toContain(secret.slice(i, i + 8));
      expect(text).not.toContain(Buffer.from(secret).toString('base64').slice(0, 12));
      expect(text).not.toContain(Buffer.from(secret).toString('hex').slice(0, 16));
    }
  });
});

describe('parseBaseline', () => {
  const valid = serializeBaseline(sample().baseline);

  it('refuses an empty or truncated file', () => {
    expect(parseError('').message).toMatch(/base\.json: baseline is empty/);
    expect(parseError(valid.slice(0, valid.length / 2)).message).toMatch(/base\.json(:\d+)?: baseline is not valid JSON/);
  });

  it('never echoes the file content in its message', () => {
    const secret = fakeDemoToken();
    expect(parseError(`token=${secret}`).message).not.toContain(secret.slice(4, 12));
  });

  it('refuses an unknown version, pointing at it without quoting it', () => {
    expect(parseError('{\n  "version": 3,\n  "entries": []\n}\n').message).toBe('base.json:2: baseline version is not supported: this secretsift reads versions 1 and 2 (was the file written by a newer secretsift?)');
    expect(parseError('{"entries": []}').message).toMatch(/not a secretsift baseline/);
    expect(parseError('[1, 2]').message).toMatch(/not a secretsift baseline/);
  });

  it('validates against the schema, naming the line', () => {
    const bad = valid.replace(/"fingerprint": "[0-9a-f]+"/, '"fingerprint": "ABC"');
    const error = parseError(bad);
    expect(error.message).toBe('base.json:7: entries.0.fingerprint does not match ^[0-9a-f]{64}$');
    expect(error.line).toBe(bad.split('\n').findIndex((line) => line.includes('"ABC"')) + 1);
    expect(parseError(valid.replace('"rule"', '"secret": "x", "rule"')).message).toMatch(/entries\.0 has an unknown key \(expected one of: rule, fingerprint, locations\)/);
    expect(parseError(valid.replace(/"line": \d+/, '"line": 0')).message).toMatch(/line must be at least 1/);
    expect(parseError('{"version": 1}').message).toMatch(/missing required key "entries"/);
    expect(parseError(valid.replace(/"salt": "[0-9a-f]+"/, '"salt": "short"')).message).toMatch(/salt does not match/);
  });

  it('needs the salt of a version 2 baseline, and refuses one on a version 1 baseline', () => {
    expect(parseError(valid.replace(/\s*"salt": "[0-9a-f]+",/, '')).message).toBe('base.json:2: baseline version 2 needs its "salt" (truncated or hand-edited?)');
    expect(parseError(valid.replace('"version": 2', '"version": 1')).message).toMatch(/version 1 baseline has no "salt"/);
  });

  it('reads a version 1 baseline: unsalted, no salt', () => {
    const [finding] = detectDemo(`a=${fakeDemoToken()}\n`);
    const legacy = { version: 1, entries: [{ rule: 'demo-token', fingerprint: unsaltedFingerprint('demo-token', finding?.secret ?? ''), locations: [{ path: 'app.env', line: 1 }] }] };
    const baseline = parseBaseline('base.json', JSON.stringify(legacy, null, 2));
    expect(baseline).toEqual({ entries: legacy.entries });
    expect(baseline.salt).toBeUndefined();
    // Written back only with a salt: a version 1 file is never written.
    expect(() => serializeBaseline(baseline)).toThrow(/only with a salt/);
  });

  it('refuses an entry that appears twice', () => {
    const document = JSON.parse(valid) as { version: number; entries: unknown[] };
    document.entries.push(document.entries[0]);
    expect(parseError(JSON.stringify(document, null, 2)).message).toMatch(/entries\.3 repeats entries\.0 \(same rule and fingerprint\)/);
  });
});

describe('readBaseline and writeBaseline', () => {
  it('says how to make a baseline that does not exist', () => {
    expect(() => readBaseline('/nonexistent/base.json')).toThrow(/no such baseline \(make one with: secretsift baseline create/);
  });

  it('writes atomically and leaves an identical file alone', () => {
    const dir = tempDir();
    const file = path.join(dir, 'base.json');
    const { baseline } = sample();
    expect(writeBaseline(file, baseline)).toBe(true);
    const firstInode = statSync(file).ino;
    expect(readBaseline(file)).toEqual(baseline);
    expect(writeBaseline(file, { ...baseline, entries: [...baseline.entries].reverse() })).toBe(false);
    expect(statSync(file).ino).toBe(firstInode);
    expect(writeBaseline(file, { ...baseline, entries: baseline.entries.slice(1) })).toBe(true);
    // A rename replaces the file rather than rewriting it in place.
    expect(statSync(file).ino).not.toBe(firstInode);
    expect(readBaseline(file).entries).toHaveLength(2);
  });

  it('reads a hand-sorted file back in canonical order', () => {
    const dir = tempDir();
    const file = path.join(dir, 'base.json');
    const { baseline } = sample();
    const document = JSON.parse(serializeBaseline(baseline)) as { entries: unknown[] };
    document.entries.reverse();
    writeFileSync(file, JSON.stringify(document));
    expect(serializeBaseline(readBaseline(file))).toBe(serializeBaseline(baseline));
    expect(readFileSync(file, 'utf8')).not.toBe(serializeBaseline(baseline));
  });
});

import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/commands/exit-codes.js';
import { longFlag, OPTIONS, parseOption, type OptionDef } from '../../src/commands/option-defs.js';
import { ARCHIVE_OPTIONS, RULESET_OPTIONS, SCAN_OPTIONS, SCAN_SETTING_OPTIONS } from '../../src/commands/scan-flags.js';

const defs: [string, OptionDef][] = Object.entries(OPTIONS);

describe('the option table', () => {
  it('spells each flag once, but for the two that mean one thing in a report and another in a baseline', () => {
    const spellings = defs.map(([, def]) => def.flags);
    expect(spellings.filter((flags, i) => spellings.indexOf(flags) !== i)).toEqual(['-o, --output <file>']);
    const longs = defs.map(([, def]) => longFlag(def));
    expect(longs.filter((flag, i) => longs.indexOf(flag) !== i).sort()).toEqual(['--baseline', '--output']);
  });

  it('states every default in the help it gives', () => {
    for (const [name, def] of defs) {
      if (typeof def.default === 'number' || typeof def.default === 'string') expect(def.description, name).toContain(String(def.default));
    }
  });

  it('names the flag when a value does not parse', () => {
    for (const [name, def] of defs) {
      if (!def.parse) continue;
      const parse = () => parseOption({ flags: def.flags, parse: def.parse as (text: string, flag: string) => unknown }, 'not-a-value');
      expect(parse, name).toThrow(UsageError);
      expect(parse, name).toThrow(name === 'format' ? /unknown format "not-a-value"/ : longFlag(def));
    }
    expect(parseOption(OPTIONS.maxDecodeDepth, '0')).toBe(0);
    expect(() => parseOption(OPTIONS.maxFileSize, '0')).toThrow('--max-file-size must be a positive size in bytes, plain or with a unit (512k, 10MB, 1GiB: powers of 1024), not "0"');
    expect(parseOption(OPTIONS.threads, undefined)).toBeUndefined();
  });

  it('reads durations in seconds or with a unit, as milliseconds', () => {
    const durations: [string, number][] = [
      ['10', 10_000],
      ['10s', 10_000],
      ['1.5s', 1500],
      ['500ms', 500],
      ['2m', 120_000],
      [' 3 S ', 3000],
    ];
    for (const [text, ms] of durations) expect(parseOption(OPTIONS.verifyTimeout, text), text).toBe(ms);
    for (const text of ['0', '0ms', '-1', '10h', '', 's', '1e3']) expect(() => parseOption(OPTIONS.verifyTimeout, text), text).toThrow('--verify-timeout must be a positive duration');
  });

  it('reads sizes in bytes or with a unit, every unit a power of 1024', () => {
    const sizes: [string, number][] = [
      ['5242880', 5242880],
      ['512k', 512 * 1024],
      ['512K', 512 * 1024],
      ['10MB', 10 * 1024 ** 2],
      ['10M', 10 * 1024 ** 2],
      ['10MiB', 10 * 1024 ** 2],
      ['1G', 1024 ** 3],
      ['1GiB', 1024 ** 3],
      ['2gb', 2 * 1024 ** 3],
      ['100B', 100],
    ];
    for (const [text, bytes] of sizes) {
      expect(parseOption(OPTIONS.maxFileSize, text), text).toBe(bytes);
      expect(parseOption(OPTIONS.maxArchiveBytes, text), text).toBe(bytes);
    }
    for (const bad of ['0', '0k', '1.5M', '10TB', 'MB', '-1', '10 M B', '99999999999G']) {
      expect(() => parseOption(OPTIONS.maxFileSize, bad), bad).toThrow(/--max-file-size must be a positive size/);
    }
  });

  it('gives a baseline every option of scan that decides what is found, and the rule options to every command reading rules', () => {
    expect(SCAN_SETTING_OPTIONS).toEqual(expect.arrayContaining([...RULESET_OPTIONS, ...ARCHIVE_OPTIONS, 'maxDecodeDepth', 'maxFileSize', 'noInlineAllow', 'threads']));
    expect(SCAN_SETTING_OPTIONS.every((name) => SCAN_OPTIONS.includes(name) || ARCHIVE_OPTIONS.includes(name))).toBe(true);
  });
});

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { zipOf } from '../helpers/archives.js';
import { DEMO_PACK, runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';
import { fakeDemoToken } from '../helpers/tokens.js';

const demo = ['--no-config', '--rules', DEMO_PACK];

const COMMANDS = [['scan'], ['history'], ['staged'], ['baseline', 'create'], ['baseline', 'update'], ['baseline', 'check'], ['rules', 'list'], ['explain']];

/** Spelled alike, meaning two things: a report or a baseline to write, a baseline to apply or to work on. */
const TWO_MEANINGS = new Set(['--output', '--baseline']);

/** Options about the report and which findings fail the run: a baseline records every finding, and takes none of them. */
// A baseline records findings, never what their providers said of them: the verify options are the report's.
const REPORT_ONLY = new Set(['--format', '--output', '--show-secrets', '--show-suppressed', '--no-color', '--fail-on', '--baseline', '--no-baseline', '--sarif-category', '--verify', '--no-verify', '--verify-timeout', '--only-verified']);

/** Each option of a command's help, by long flag: its flags and description as one line, whatever the wrapping. */
async function helpLines(command: readonly string[]): Promise<Map<string, string>> {
  const help = await runCli([...command, '--help']);
  expect(help.code, command.join(' ')).toBe(0);
  const section = help.stdout.split('\nOptions:\n')[1]?.split('\n\n')[0] ?? '';
  const lines = new Map<string, string>();
  let current: string | undefined;
  for (const line of section.split('\n')) {
    const entry = /^ {2}(-.*?)(?: {2,}(.*))?$/.exec(line);
    if (entry) {
      current = /--[\w-]+/.exec(entry[1] as string)?.[0] as string;
      lines.set(current, [entry[1], entry[2] ?? ''].join('  ').trim());
    } else if (current !== undefined) {
      lines.set(current, `${lines.get(current) ?? ''} ${line.trim()}`);
    }
  }
  lines.delete('--help');
  return lines;
}

async function baselineEntries(args: readonly string[], options: { cwd: string; input?: string }): Promise<unknown[]> {
  const run = await runCli(['baseline', 'create', ...demo, '-o', 'base.json', ...args], options);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return (JSON.parse(readFileSync(path.join(options.cwd, 'base.json'), 'utf8')) as { entries: unknown[] }).entries;
}

describe('options defined once', () => {
  it('every command that takes an option shows the same help line for it', async () => {
    const byFlag = new Map<string, Map<string, string[]>>();
    for (const command of COMMANDS) {
      for (const [flag, line] of await helpLines(command)) {
        const lines = byFlag.get(flag) ?? new Map<string, string[]>();
        lines.set(line, [...(lines.get(line) ?? []), command.join(' ')]);
        byFlag.set(flag, lines);
      }
    }
    for (const [flag, lines] of byFlag) expect(lines.size, `${flag}: ${JSON.stringify(Object.fromEntries(lines), null, 2)}`).toBe(TWO_MEANINGS.has(flag) ? 2 : 1);
    const takers = (flag: string) => [...(byFlag.get(flag)?.values() ?? [])].flat();
    for (const flag of ['--config', '--no-config', '--rules']) expect(takers(flag), flag).toHaveLength(COMMANDS.length);
    expect(takers('--max-decode-depth')).toHaveLength(6);
  });

  it('baseline create, update and check take every option of scan but those of the report', async () => {
    const scan = [...(await helpLines(['scan'])).keys()].filter((flag) => !REPORT_ONLY.has(flag));
    expect(scan).toEqual(expect.arrayContaining(['--max-decode-depth', '--no-archives', '--max-archive-depth', '--max-archive-bytes', '--threads', '--max-file-size']));
    for (const command of [['baseline', 'create'], ['baseline', 'update'], ['baseline', 'check']]) {
      const flags = [...(await helpLines(command)).keys()];
      expect(flags, command.join(' ')).toEqual(expect.arrayContaining(scan));
    }
  });
});

describe('baseline create scans as scan does', () => {
  it('--max-decode-depth 0 records no base64-encoded token; the default decodes it, as scan does', async () => {
    const dir = tempDir();
    const input = `blob: ${Buffer.from(`DEMO_TOKEN=${fakeDemoToken()}`).toString('base64')}\n`;
    expect((await runCli(['scan', '-', ...demo], { cwd: dir, input })).code).toBe(1);
    expect(await baselineEntries(['-'], { cwd: dir, input })).toHaveLength(1);
    expect((await runCli(['scan', '-', ...demo, '--max-decode-depth', '0'], { cwd: dir, input })).code).toBe(0);
    expect(await baselineEntries(['-', '--max-decode-depth', '0'], { cwd: dir, input })).toHaveLength(0);
  });

  it('--no-archives and --max-archive-depth 0 record nothing inside a zip; the default looks inside it', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'app.zip'), await zipOf({ 'config/.env': `DEMO_TOKEN=${fakeDemoToken()}\n` }));
    expect(await baselineEntries(['app.zip'], { cwd: dir })).toHaveLength(1);
    expect(await baselineEntries(['app.zip', '--no-archives'], { cwd: dir })).toHaveLength(0);
    expect(await baselineEntries(['app.zip', '--max-archive-depth', '0'], { cwd: dir })).toHaveLength(0);
  });

  it('checks the values of scan options as scan does', async () => {
    const run = await runCli(['baseline', 'create', '-', ...demo, '-o', 'base.json', '--max-decode-depth', 'deep'], { cwd: tempDir() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--max-decode-depth must be a non-negative whole number, not "deep"');
  });
});

describe('rules test runs what a scan runs', () => {
  function pack(dir: string, negative: (example: string) => string): string {
    const file = path.join(dir, 'pack.yaml');
    const example = `DEMO_TOKEN=${fakeDemoToken()}`;
    writeFileSync(
      file,
      `rules:
  - id: demo-encoded
    description: Demo token, negatives checked through decoding
    pattern: '\\b(dmo_[A-Za-z0-9]{24})\\b'
    keywords: [dmo_]
    entropy: 3
    severity: high
    examples: [${JSON.stringify(example)}]
    negatives: [${JSON.stringify(negative(example))}]
`,
    );
    return file;
  }

  it('fails a pack whose negative holds the base64 of its own example, as scan reports it', async () => {
    const dir = tempDir();
    const file = pack(dir, (example) => `blob: ${Buffer.from(example).toString('base64')}`);
    const negative = (readFileSync(file, 'utf8').match(/negatives: \["(.*)"\]/) as RegExpMatchArray)[1] as string;
    const scan = await runCli(['scan', '-', '--no-config', '--rules', file], { cwd: dir, input: `${negative}\n` });
    expect(scan.code).toBe(1);
    const run = await runCli(['rules', 'test', file], { cwd: dir });
    expect(run.stdout).toMatch(/FAIL demo-encoded .* negative reported/);
    expect(run.stdout).toContain('1 rules, 2 cases: 1 passed, 1 failed');
    expect(run.code).toBe(1);
  });

  it('passes the same pack with a plain negative', async () => {
    const dir = tempDir();
    const run = await runCli(['rules', 'test', pack(dir, () => 'dmo_short')], { cwd: dir });
    expect(run.stdout).toContain('1 rules, 2 cases: 2 passed, 0 failed');
    expect(run.code).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const COMMANDS = [['scan'], ['history'], ['staged'], ['baseline', 'create'], ['baseline', 'update'], ['baseline', 'check'], ['rules', 'list'], ['explain']];

/** Spelled alike, meaning two things: a report or a baseline to write, a baseline to apply or to work on. */
const TWO_MEANINGS = new Set(['--output', '--baseline']);

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
  });
});

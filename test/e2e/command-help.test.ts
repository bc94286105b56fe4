import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';

describe('a command that names no subcommand', () => {
  it('prints its help on stdout and exits 0: secretsift, baseline, rules, hook', async () => {
    const cwd = tempDir();
    for (const [args, usage] of [
      [[], 'Usage: secretsift [options] [command]'],
      [['baseline'], 'Usage: secretsift baseline [options] [command]'],
      [['rules'], 'Usage: secretsift rules [options] [command]'],
      [['hook'], 'Usage: secretsift hook [options] [command]'],
    ] as const) {
      const run = await runCli(args, { cwd });
      expect(run.code, args.join(' ')).toBe(0);
      expect(run.stdout.startsWith(usage), run.stdout).toBe(true);
      expect(run.stderr).toBe('');
    }
  });

  it('an unknown subcommand is a usage error, exit 2, naming it', async () => {
    const cwd = tempDir();
    for (const args of [['frobnicate'], ['rules', 'frobnicate'], ['baseline', 'frobnicate'], ['hook', 'frobnicate', 'now']]) {
      const run = await runCli(args, { cwd });
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr.split('\n')[0]).toBe("error: unknown command 'frobnicate'");
    }
  });
});

import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CLI, cliEnv, DEMO_PACK } from '../helpers/cli.js';
import { tempDir, writeTree } from '../helpers/temp.js';
import { fakeDemoToken } from '../helpers/tokens.js';

/** Runs the CLI with its stdout read only up to the first chunk and then closed, as `| head -c 10` does. */
function readFirstChunkOnly(args: readonly string[]): Promise<{ code: number | null; stderr: string; first: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: cliEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let first = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.stdout.once('data', (chunk: Buffer) => {
      first = chunk.toString('utf8');
      child.stdout.destroy();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr, first }));
  });
}

describe('a reader that closes the pipe early', () => {
  it('rules list | head: exit 0, no EPIPE stack trace', async () => {
    const run = await readFirstChunkOnly(['rules', 'list']);
    expect(run.first.length).toBeGreaterThan(0);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('scan -f sarif | head -c 10: the exit code still says leaks were found, quietly', async () => {
    const dir = tempDir();
    writeTree(dir, Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`f${i}.env`, `T=${fakeDemoToken()}\n`])));
    const run = await readFirstChunkOnly(['scan', dir, '--rules', DEMO_PACK, '--no-config', '-f', 'sarif']);
    expect(run.first.startsWith('{')).toBe(true);
    expect(run.stderr).not.toMatch(/EPIPE|Error|at /);
    expect(run.code).toBe(1);
  });
});

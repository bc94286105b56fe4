import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { progressBar, wantsProgress } from '../../src/pipeline/progress.js';

function fakeTerminal(): { stream: NodeJS.WriteStream; output: () => string } {
  const stream = new PassThrough() as unknown as NodeJS.WriteStream & PassThrough;
  const chunks: string[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  Object.assign(stream, { isTTY: true, columns: 120, cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
  return { stream, output: () => chunks.join('') };
}

describe('progress display', () => {
  it('shows only for a person at a terminal', () => {
    const base = { stderrIsTTY: true, quiet: false, machineOutputOnStdout: false };
    expect(wantsProgress(base)).toBe(true);
    expect(wantsProgress({ ...base, stderrIsTTY: false })).toBe(false);
    expect(wantsProgress({ ...base, quiet: true })).toBe(false);
    expect(wantsProgress({ ...base, machineOutputOnStdout: true })).toBe(false);
  });

  it('stays hidden for short scans, then shows counts, bytes, rate and ETA', async () => {
    let clock = 0;
    const { stream, output } = fakeTerminal();
    const bar = progressBar(stream, 'files', 1000, () => clock);
    clock = 500;
    bar.update({ done: 1, total: 10, bytes: 2048 });
    expect(output()).toBe('');
    clock = 1500;
    bar.update({ done: 2, total: 10, bytes: 3 * 1024 * 1024 });
    bar.update({ done: 5, total: 10, bytes: 6 * 1024 * 1024 });
    bar.stop();
    await new Promise((resolve) => setImmediate(resolve));
    expect(output()).toMatch(/scanning .* \d+\/10 files \| \d\.\d MB \| \d+\.\d MB\/s \| ETA/);
  });

  it('says what the count is out of, when the source has more to say (the commits of a history)', async () => {
    let clock = 0;
    const { stream, output } = fakeTerminal();
    const bar = progressBar(stream, 'blobs', 0, () => clock);
    clock = 10;
    bar.update({ done: 1, total: 10, bytes: 100 });
    bar.update({ done: 4, total: 10, bytes: 400, detail: '12 commits' });
    bar.stop();
    await new Promise((resolve) => setImmediate(resolve));
    expect(output()).toMatch(/\d+\/10 blobs \(12 commits\) \|/);
  });
});

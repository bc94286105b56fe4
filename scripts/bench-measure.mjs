// Timing and peak memory of one command, best of several runs, for the benchmarks.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const MIB = 1024 * 1024;

/** @typedef {{ seconds: number, peakMb: number, status: number | null, stdout: string, stderr: string }} Run */

// GNU time prints the peak RSS in KiB as its last stderr line; BSD/busybox time lack -f, so probe.
const TIME_BIN = existsSync('/usr/bin/time') && spawnSync('/usr/bin/time', ['-f', '%M', 'true'], { encoding: 'utf8' }).status === 0 ? '/usr/bin/time' : undefined;

/** True when peak RSS can be measured on this machine. */
export const canMeasurePeak = TIME_BIN !== undefined;

/**
 * Runs `command` and returns wall seconds, peak RSS in MiB (NaN when unmeasurable), status,
 * stdout and stderr (the time line removed).
 * @param {string} command
 * @param {readonly string[]} args
 * @param {import('node:child_process').SpawnSyncOptions} [options]
 * @returns {Run}
 */
export function runOnce(command, args, options = {}) {
  const started = performance.now();
  const result = TIME_BIN
    ? spawnSync(TIME_BIN, ['-f', '%M', command, ...args], { maxBuffer: 1 << 28, ...options, encoding: 'utf8' })
    : spawnSync(command, args, { maxBuffer: 1 << 28, ...options, encoding: 'utf8' });
  const seconds = (performance.now() - started) / 1000;
  let stderr = result.stderr ?? '';
  let peakMb = NaN;
  if (TIME_BIN) {
    const lines = stderr.trimEnd().split('\n');
    peakMb = Number(lines.pop()) / 1024;
    stderr = lines.join('\n');
  }
  if (result.error) throw result.error;
  return { seconds, peakMb, status: result.status, stdout: result.stdout ?? '', stderr };
}

/**
 * Best (shortest) of `runs` runs; its peak is the highest seen over all runs, so a lucky run cannot
 * hide memory. `check` sees each run and throws when the command failed.
 * @param {string} command
 * @param {readonly string[]} args
 * @param {import('node:child_process').SpawnSyncOptions & { runs?: number, check?: (run: Run) => void }} [settings]
 * @returns {Run}
 */
export function measure(command, args, { runs = 3, check, ...options } = {}) {
  /** @type {Run | undefined} */
  let best;
  let peakMb = NaN;
  for (let i = 0; i < runs; i++) {
    const run = runOnce(command, args, options);
    check?.(run);
    if (!Number.isNaN(run.peakMb)) peakMb = Number.isNaN(peakMb) ? run.peakMb : Math.max(peakMb, run.peakMb);
    if (!best || run.seconds < best.seconds) best = run;
  }
  if (!best) throw new Error('measure: runs must be at least 1');
  return { ...best, peakMb };
}

/** MiB per second. @param {number} bytes @param {number} seconds */
export function rate(bytes, seconds) {
  return bytes / MIB / seconds;
}

/** @param {number} bytes */
export function mib(bytes) {
  return bytes / MIB;
}

/** The middle value (the upper one of an even count); NaN when there are none. @param {readonly number[]} values */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

/**
 * `--name value` from the command line, or `fallback` when `--name` is absent.
 * @template {string | undefined} [F=undefined]
 * @param {string} name
 * @param {F} [fallback]
 * @returns {string | F}
 */
export function option(name, fallback) {
  const args = process.argv.slice(2);
  const at = args.indexOf(`--${name}`);
  if (at === -1) return /** @type {F} */ (fallback);
  const value = args[at + 1];
  if (value === undefined) throw new Error(`--${name} needs a value`);
  return value;
}

/** Whether `--name` is on the command line. */
/** @param {string} name */
export function flag(name) {
  return process.argv.slice(2).includes(`--${name}`);
}

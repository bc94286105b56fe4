// Timing and peak memory of one command, best of several runs, for the benchmarks.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const MIB = 1024 * 1024;

// GNU time prints the peak RSS in KiB as its last stderr line; BSD/busybox time lack -f, so probe.
const TIME_BIN = existsSync('/usr/bin/time') && spawnSync('/usr/bin/time', ['-f', '%M', 'true'], { encoding: 'utf8' }).status === 0 ? '/usr/bin/time' : undefined;

/** True when peak RSS can be measured on this machine. */
export const canMeasurePeak = TIME_BIN !== undefined;

/**
 * Runs `command` and returns wall seconds, peak RSS in MiB (NaN when unmeasurable), status,
 * stdout and stderr (the time line removed).
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
 */
export function measure(command, args, { runs = 3, check, ...options } = {}) {
  let best;
  let peakMb = NaN;
  for (let i = 0; i < runs; i++) {
    const run = runOnce(command, args, options);
    check?.(run);
    if (!Number.isNaN(run.peakMb)) peakMb = Number.isNaN(peakMb) ? run.peakMb : Math.max(peakMb, run.peakMb);
    if (!best || run.seconds < best.seconds) best = run;
  }
  return { ...best, peakMb };
}

/** MiB per second. */
export function rate(bytes, seconds) {
  return bytes / MIB / seconds;
}

export function mib(bytes) {
  return bytes / MIB;
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** `--name value` from the command line, or `fallback`. */
export function option(name, fallback) {
  const args = process.argv.slice(2);
  const at = args.indexOf(`--${name}`);
  return at === -1 ? fallback : args[at + 1];
}

/** Whether `--name` is on the command line. */
export function flag(name) {
  return process.argv.slice(2).includes(`--${name}`);
}

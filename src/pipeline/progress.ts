import type cliProgress from 'cli-progress';
import { lazyModule } from '../util/lazy-module.js';

const progressBars = lazyModule<typeof cliProgress>('cli-progress');

/** How far a scan has got: items are files for `scan`, blobs for history. */
export interface ScanProgress {
  done: number;
  /** Known so far: a history's blobs are counted while they are listed. */
  total: number;
  bytes: number;
  /** Said after the count, such as how many commits a history holds. */
  detail?: string;
}

export interface ProgressReporter {
  update(progress: ScanProgress): void;
  stop(): void;
}

export const NO_PROGRESS: ProgressReporter = { update() {}, stop() {} };

/** A short scan finishes before a bar would help; flashing one is noise. */
export const PROGRESS_DELAY_MS = 1000;

export interface ProgressWhen {
  stderrIsTTY: boolean;
  quiet: boolean;
  /** A machine format (json, sarif, …) is being written to stdout. */
  machineOutputOnStdout: boolean;
}

/** Progress is for a person watching a terminal, and must never mix into output meant for programs. */
export function wantsProgress(when: ProgressWhen): boolean {
  return when.stderrIsTTY && !when.quiet && !when.machineOutputOnStdout;
}

function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

/**
 * A bar on `stream` (stderr) that appears only once the scan has run for `delayMs`, and clears
 * itself when the scan ends so the report starts on a clean line.
 */
export function progressBar(stream: NodeJS.WriteStream, unit: string, delayMs = PROGRESS_DELAY_MS, now: () => number = () => performance.now()): ProgressReporter {
  const startedAt = now();
  let bar: cliProgress.SingleBar | undefined;
  const payload = (progress: ScanProgress) => {
    const seconds = Math.max((now() - startedAt) / 1000, 0.001);
    return { bytes: formatBytes(progress.bytes), rate: `${formatBytes(progress.bytes / seconds)}/s`, detail: progress.detail ? ` (${progress.detail})` : '' };
  };
  return {
    update(progress) {
      if (!bar) {
        if (now() - startedAt < delayMs) return;
        bar = new (progressBars().SingleBar)(
          {
            stream,
            format: `scanning {bar} {value}/{total} ${unit}{detail} | {bytes} | {rate} | ETA {eta_formatted}`,
            clearOnComplete: true,
            hideCursor: true,
            barsize: 24,
            etaBuffer: 50,
          },
          progressBars().Presets.shades_classic,
        );
        bar.start(progress.total, progress.done, payload(progress));
        return;
      }
      bar.setTotal(progress.total);
      bar.update(progress.done, payload(progress));
    },
    stop() {
      bar?.stop();
    },
  };
}

/** The reporter a command should use: a bar on stderr when a person is watching, else nothing. */
export function stderrProgress(options: { quiet?: boolean; output?: string }, machineFormat: boolean, unit: string): ProgressReporter {
  const wanted = wantsProgress({
    stderrIsTTY: Boolean(process.stderr.isTTY),
    quiet: Boolean(options.quiet),
    machineOutputOnStdout: machineFormat && options.output === undefined,
  });
  return wanted ? progressBar(process.stderr, unit) : NO_PROGRESS;
}

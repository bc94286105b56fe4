import { killGitProcesses } from '../sources/git-process.js';

/** Exit codes of a run ended by a signal, as a shell reports them: 128 + the signal's number. */
const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;

/**
 * Ends an interrupted run cleanly. Output files are written synchronously and atomically, and a
 * handler only runs between synchronous steps, so the previous report or baseline is left whole;
 * git processes started for the run are ended rather than left behind.
 */
export function handleSignals(): void {
  for (const [signal, code] of Object.entries(SIGNAL_EXIT)) {
    process.once(signal, () => {
      killGitProcesses();
      process.stderr.write(`secretsift: interrupted by ${signal}\n`);
      process.exit(code);
    });
  }
}

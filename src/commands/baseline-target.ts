import path from 'node:path';
import type { Config } from '../config/config.js';
import { InputFileError } from '../util/yaml-file.js';
import { isInside, resolveOutput, type OutputTarget } from '../util/output-target.js';
import { neutralise } from '../report/redact.js';
import { withBaselineLock } from '../suppress/baseline-lock.js';
import { OPTIONS, parseOption } from './option-defs.js';

export interface BaselineWrite {
  /** The baseline as the user or config named it. */
  readonly file: string;
  /** Scanned directories and files, where a symlink is never written through. */
  readonly trees: readonly string[];
  /** Set when the config chose the file (defaults.baseline), not the command line. */
  readonly config?: Config;
}

/**
 * Where `baseline create` or `update` will write, checked before scanning. A baseline the config
 * names must lie inside the config's own directory: the config comes with the repository, and a
 * repository must not choose a file outside itself for us to create (the entries' paths are its
 * file names, which could be made to read as shell). The command line may name any file.
 */
export function baselineTarget({ file, trees, config }: BaselineWrite): OutputTarget {
  if (config?.file && !isInside(config.baseDir, file)) {
    throw new InputFileError(
      config.file,
      config.lines?.baseline,
      'defaults.baseline points outside the directory of the config, where baseline create and update do not write (name the file with -o or --baseline to write it there)',
    );
  }
  // Shown as the user would write it: relative when inside the working directory.
  const relative = path.relative(process.cwd(), file);
  const shown = relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
  return resolveOutput(shown, { scanned: trees });
}

export function parseLockTimeout(value: string | undefined): number {
  return (parseOption(OPTIONS.lockTimeout, value) ?? OPTIONS.lockTimeout.default) * 1000;
}

/**
 * Runs `work` holding the baseline's lock, so two runs that change one baseline take turns. Only a
 * regular file is locked: a device (/dev/stdout) has nothing to lose to a concurrent writer.
 */
export function whileLocked<T>(target: OutputTarget, options: { lockTimeout?: string; quiet?: boolean }, work: () => Promise<T>): Promise<T> {
  if (target.kind !== 'file') return work();
  const timeoutMs = parseLockTimeout(options.lockTimeout);
  return withBaselineLock(target.file, {
    timeoutMs,
    onWait: (holder) => {
      if (!options.quiet) process.stderr.write(`secretsift: waiting up to ${timeoutMs / 1000} s for ${neutralise(path.relative(process.cwd(), target.file) || target.file)} (locked by ${neutralise(holder)})\n`);
    },
  }, work);
}

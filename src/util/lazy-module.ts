import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * A dependency loaded on first use. Start-up time is what a pre-commit hook feels, and most runs
 * never parse YAML (cached rules), walk outside git, open an archive or draw a progress bar.
 */
export function lazyModule<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(name) as T);
}

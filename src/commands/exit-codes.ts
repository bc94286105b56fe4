/** The exit-code contract CI depends on. */
export const EXIT = {
  clean: 0,
  leaks: 1,
  error: 2,
} as const;

/** A mistake in how secretsift was called: reported in one line, exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

import type { ScanError } from '../model/scan-result.js';

/**
 * A scan that could not read every git object (a partial clone, a damaged store) must not pass for
 * a clean one: it fails, exit 2, unless the user accepts it with --allow-incomplete. Says why the
 * run must fail, or undefined when it need not.
 */
export function incompleteScan(errors: readonly ScanError[], allowIncomplete: boolean | undefined): string | undefined {
  const unread = errors.filter((error) => error.object !== undefined).length;
  if (unread === 0 || allowIncomplete) return undefined;
  const objects = unread === 1 ? '1 git object' : `${unread} git objects`;
  return `${objects} could not be read, so the scan is incomplete (--allow-incomplete reports what was found anyway)`;
}

import { homedir } from 'node:os';
import path from 'node:path';

/**
 * secretsift's directory in the user's cache ($XDG_CACHE_HOME/secretsift, else ~/.cache/secretsift),
 * or undefined when caching is off (SECRETSIFT_NO_CACHE) or no absolute place is known. A relative
 * XDG_CACHE_HOME is ignored, as the XDG spec asks: it would put the cache under the working
 * directory, which is usually the repository being scanned. Imported by bin/ before anything
 * else, so it depends on nothing of ours.
 */
export function cacheDir(): string | undefined {
  if (process.env.SECRETSIFT_NO_CACHE) return undefined;
  const xdg = process.env.XDG_CACHE_HOME;
  if (xdg && path.isAbsolute(xdg)) return path.join(xdg, 'secretsift');
  let home: string;
  try {
    home = homedir();
  } catch {
    // No HOME and no passwd entry: nowhere of the user's own to keep anything.
    return undefined;
  }
  return home && path.isAbsolute(home) ? path.join(home, '.cache', 'secretsift') : undefined;
}

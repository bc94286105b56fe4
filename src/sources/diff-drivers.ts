import { gitComplaint, runGitAsync } from './git-process.js';
import { TargetError } from './worktree.js';

// Matches at the first line git tries, so labelling a hunk costs one match.
const HARMLESS_FUNCNAME = '^';

/**
 * Settings that disarm the repository's diff drivers for our own `git diff`. Git labels each hunk
 * with a line above it that the driver's funcname pattern matches, and a repository can give a
 * driver (picked by `diff=<name>` in .gitattributes) a pattern that backtracks for minutes on
 * each line. Every driver with a pattern in the config git diff will read (includes followed)
 * gets a harmless one. They go in the environment, where a driver name is taken whole: `-c`
 * would split one holding "=".
 */
export async function disarmedDiffDrivers(cwd: string, env: NodeJS.ProcessEnv): Promise<NodeJS.ProcessEnv> {
  const result = await runGitAsync(cwd, ['config', '-z', '--get-regexp', '^diff\\..+\\.x?funcname$'], undefined, { env, maxBuffer: 1 << 26 });
  // Exit 1: no key matched.
  if (result.status !== 0 && result.status !== 1) throw new TargetError(`git config failed in ${cwd}: ${gitComplaint(result.stderr)}`);
  const drivers = new Set<string>();
  for (let start = 0, end = result.stdout.indexOf(0); end !== -1; start = end + 1, end = result.stdout.indexOf(0, start)) {
    const record = result.stdout.subarray(start, end);
    const newline = record.indexOf(0x0a);
    const key = record.subarray(0, newline === -1 ? record.length : newline);
    const name = key.subarray('diff.'.length, key.lastIndexOf(0x2e));
    // A name that is not UTF-8 cannot be passed back to git: refuse rather than leave it armed.
    const text = name.toString('utf8');
    if (!Buffer.from(text).equals(name)) throw new TargetError(`${cwd} configures a diff driver whose name is not UTF-8; secretsift cannot disable its pattern`);
    drivers.add(text);
  }
  const settings: NodeJS.ProcessEnv = { GIT_CONFIG_COUNT: String(drivers.size) };
  [...drivers].forEach((name, i) => {
    settings[`GIT_CONFIG_KEY_${i}`] = `diff.${name}.xfuncname`;
    settings[`GIT_CONFIG_VALUE_${i}`] = HARMLESS_FUNCNAME;
  });
  return drivers.size ? settings : {};
}

import path from 'node:path';
import picomatch from 'picomatch';
import RE2 from 're2';
import type { GlobalAllowlist } from '../config/config.js';
import type { Finding } from '../model/finding.js';
import { findingContext, type PathContext } from '../detect/path-context.js';
import { toPosix } from '../util/paths.js';

/** The config's allowlist, compiled once: which files are not scanned, which findings are dropped. */
export interface CompiledAllowlist {
  skipsFile(absPath: string): boolean;
  /** By the secret, its line, or the context of the path the finding names. */
  allowsFinding(finding: Finding): boolean;
  /** By the secret or its line only: for a git blob, whose paths are known only later (see history-contexts.ts). */
  allowsValue(finding: Finding): boolean;
  /** Whether findings in this context are suppressed (`allowlist.contexts`). */
  dropsContext(context: PathContext | undefined): boolean;
}

/** The config loader has checked every pattern; should one still fail, RE2's message (which quotes the pattern) is not passed on. */
function compile(pattern: string, where: string): RE2 {
  try {
    return new RE2(pattern, 'u');
  } catch {
    throw new Error(`${where} is not valid RE2 syntax`);
  }
}

/**
 * The globs a path pattern stands for, read as .gitignore reads it: a pattern with no slash but a
 * trailing one matches at any depth (`docs`, `*.rst`), one with a slash is relative to the config's
 * directory (`/build`, `src/gen`), a trailing slash matches directories only, and a pattern that
 * matches a directory matches everything below it.
 */
export function gitignoreGlobs(pattern: string): string[] {
  const dirOnly = pattern.endsWith('/');
  const body = pattern.replace(/^\//, '').replace(/\/$/, '');
  const anchored = pattern.startsWith('/') || body.includes('/');
  const glob = anchored ? body : `**/${body}`;
  // `dir/**` would match a file named dir too: `dir/**/*` needs something below it.
  return dirOnly ? [`${glob}/**/*`] : [glob, `${glob}/**`];
}

export function compileAllowlist(allowlist: GlobalAllowlist, baseDir: string): CompiledAllowlist {
  const pathMatch = allowlist.paths.length ? picomatch(allowlist.paths.flatMap(gitignoreGlobs), { dot: true }) : undefined;
  const secretRegexes = allowlist.regexes.map((pattern, i) => compile(pattern, `allowlist.regexes.${i}`));
  const lineRegexes = allowlist.lines.map((pattern, i) => compile(pattern, `allowlist.lines.${i}`));
  const stopwords = allowlist.stopwords.map((word) => word.toLowerCase());
  const contexts = new Set(allowlist.contexts);
  const dropsContext = (context: PathContext | undefined): boolean => context !== undefined && contexts.has(context);
  const allowsValue = ({ secret, lineText }: Finding): boolean => {
    if (secretRegexes.some((regex) => regex.test(secret))) return true;
    if (lineRegexes.some((regex) => regex.test(lineText))) return true;
    const lower = secret.toLowerCase();
    return stopwords.some((word) => lower.includes(word));
  };
  return {
    skipsFile(absPath) {
      if (!pathMatch) return false;
      const relative = path.relative(baseDir, absPath);
      return !relative.startsWith('..') && pathMatch(toPosix(relative));
    },
    allowsFinding: (finding) => allowsValue(finding) || dropsContext(findingContext(finding)),
    allowsValue,
    dropsContext,
  };
}

/** The allowlist plus files a scan must not read as content, such as the baseline it applies. */
export function skippingFiles(allowlist: CompiledAllowlist, absPaths: readonly string[]): CompiledAllowlist {
  const skipped = new Set(absPaths.map((file) => path.resolve(file)));
  return {
    skipsFile: (absPath) => skipped.has(path.resolve(absPath)) || allowlist.skipsFile(absPath),
    allowsFinding: (finding) => allowlist.allowsFinding(finding),
    allowsValue: (finding) => allowlist.allowsValue(finding),
    dropsContext: (context) => allowlist.dropsContext(context),
  };
}

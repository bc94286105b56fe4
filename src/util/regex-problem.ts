/**
 * Why a pattern from a pack or config does not compile, or undefined when it does. RE2's message
 * is "<what>: <the offending part of the pattern>"; only the first half is kept, because a
 * pattern in a config may hold anything, even a secret.
 */
export function regexProblem(compile: () => unknown): string | undefined {
  try {
    compile();
    return undefined;
  } catch (error) {
    const what = (error as Error).message.split(':')[0]?.trim() ?? '';
    return `is not valid RE2 syntax${/^[a-z][a-z ()[\]-]{0,80}$/i.test(what) ? `: ${what}` : ''}`;
  }
}

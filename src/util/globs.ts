import picomatch from 'picomatch';

/**
 * Why a path glob from a pack or config cannot be used, or undefined when it can. Globs compile
 * when a scan starts (in every worker thread): one that cannot must be refused on load, named.
 */
export function globProblem(glob: string): string | undefined {
  if (glob.trim() === '') return 'is empty (it would match nothing, or everything)';
  try {
    picomatch(glob, { dot: true });
    return undefined;
  } catch (error) {
    return `is not a valid glob: ${(error as Error).message}`;
  }
}

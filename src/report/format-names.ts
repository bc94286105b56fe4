import type { Formatter } from './report.js';

/**
 * The report formats, each loaded only when asked for: a run prints one format, and the others
 * (SARIF's rule help, JUnit's XML) are code a pre-commit hook would load for nothing.
 */
const LOADERS = {
  text: async () => (await import('./text.js')).formatText,
  json: async () => (await import('./json.js')).formatJson,
  sarif: async () => (await import('./sarif.js')).formatSarif,
  junit: async () => (await import('./junit.js')).formatJunit,
  github: async () => (await import('./github.js')).formatGithub,
} satisfies Record<string, () => Promise<Formatter>>;

export type FormatName = keyof typeof LOADERS;

export const FORMAT_NAMES = Object.keys(LOADERS) as FormatName[];

export function isFormatName(name: string): name is FormatName {
  return Object.hasOwn(LOADERS, name);
}

export function loadFormatter(name: FormatName): Promise<Formatter> {
  return LOADERS[name]();
}

/** Formats meant for programs: nothing else may be written to stdout beside them. */
export function isMachineFormat(name: FormatName): boolean {
  return name !== 'text';
}

import { PATH_CONTEXTS } from '../detect/path-context.js';
import { isLists, isObject, isStrings, SEVERITIES } from '../rules/rule-shape.js';
import type { Config } from './config.js';

/**
 * Whether a value read back from the config cache has the shape of a loaded config (see
 * detect/rule-shape.ts for what such a check is for). JSON has no undefined: a line that was
 * unknown comes back as null, and restoredConfig puts it back.
 */
export function isCachedConfig(value: unknown): value is Config {
  if (!isObject(value)) return false;
  const { allowlist, defaults, lines, override } = value;
  if (typeof value.file !== 'string' || typeof value.baseDir !== 'string' || !isStrings(value.packs) || !isStrings(value.disable)) return false;
  if (!isObject(allowlist) || !isStrings(allowlist.paths) || !isStrings(allowlist.regexes) || !isStrings(allowlist.lines) || !isStrings(allowlist.stopwords)) return false;
  if (!Array.isArray(allowlist.contexts) || !allowlist.contexts.every((context) => (PATH_CONTEXTS as readonly unknown[]).includes(context))) return false;
  if (!isObject(override)) return false;
  for (const id of Object.keys(override)) if (!isOverride(override[id])) return false;
  if (!isObject(defaults)) return false;
  if (defaults.format !== undefined && typeof defaults.format !== 'string') return false;
  if (defaults.maxFileSize !== undefined && typeof defaults.maxFileSize !== 'number') return false;
  if (defaults.baseline !== undefined && typeof defaults.baseline !== 'string') return false;
  if (defaults.failOn !== undefined && !SEVERITIES.has(defaults.failOn)) return false;
  if (defaults.verify !== undefined && typeof defaults.verify !== 'boolean') return false;
  return lines === undefined || isLines(lines);
}

function isOverride(value: unknown): boolean {
  if (!isObject(value)) return false;
  if (value.entropy !== undefined && typeof value.entropy !== 'number') return false;
  if (value.severity !== undefined && !SEVERITIES.has(value.severity)) return false;
  if (value.paths !== undefined && !isLists(value.paths, ['include', 'exclude'])) return false;
  return value.allowlist === undefined || isLists(value.allowlist, ['regexes', 'stopwords']);
}

function isLine(value: unknown): boolean {
  return value === undefined || value === null || typeof value === 'number';
}

function isLines(value: unknown): boolean {
  if (!isObject(value) || !Array.isArray(value.disable) || !isObject(value.override) || !isLine(value.baseline)) return false;
  for (let i = 0; i < value.disable.length; i++) if (!isLine(value.disable[i])) return false;
  for (const id of Object.keys(value.override)) if (!isLine(value.override[id])) return false;
  return true;
}

/** The config as loadConfig made it: lines JSON turned to null are undefined again. */
export function restoredConfig(config: Config): Config {
  if (!config.lines) return config;
  const known = (line: number | null | undefined): number | undefined => line ?? undefined;
  const { disable, override, baseline } = config.lines;
  return {
    ...config,
    lines: {
      disable: disable.map(known),
      override: Object.fromEntries(Object.entries(override).map(([id, line]) => [id, known(line)])),
      baseline: known(baseline),
    },
  };
}

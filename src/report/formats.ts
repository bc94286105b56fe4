import { formatJson } from './json.js';
import type { Formatter } from './report.js';
import { formatText } from './text.js';

export const FORMATS = {
  text: formatText,
  json: formatJson,
} satisfies Record<string, Formatter>;

export type FormatName = keyof typeof FORMATS;

export function isFormatName(name: string): name is FormatName {
  return Object.hasOwn(FORMATS, name);
}

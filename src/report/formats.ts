import type { FormatName } from './format-names.js';
import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import type { Formatter } from './report.js';
import { formatSarif } from './sarif.js';
import { formatText } from './text.js';

export { isFormatName, isMachineFormat, type FormatName } from './format-names.js';

/** Every formatter at once, for tools that render a report in all formats; a run loads its one with loadFormatter. */
export const FORMATS = {
  text: formatText,
  json: formatJson,
  sarif: formatSarif,
  junit: formatJunit,
  github: formatGithub,
} satisfies Record<FormatName, Formatter>;

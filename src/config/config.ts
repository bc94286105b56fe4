import { readFileSync } from 'node:fs';
import path from 'node:path';
import RE2 from 're2';
import { RULES_DIR } from '../util/paths.js';
import type { PathContext } from '../detect/path-context.js';
import type { Severity } from '../model/rule.js';
import { lazyModule } from '../util/lazy-module.js';
import { validateSchema, type JsonPath, type SchemaNode } from '../util/json-schema.js';
import { globProblem } from '../util/globs.js';
import { regexProblem } from '../util/regex-problem.js';
import { CONFIG_FILE, readUserFile } from '../util/read-user-file.js';
import { InputFileError, parseYamlFile, type YamlFile } from '../util/yaml-file.js';

// Both only when a config file is read: most runs have none, or pass --no-config.
const yamlLibrary = lazyModule<typeof import('yaml')>('yaml');
let configSchema: SchemaNode | undefined;
function schema(): SchemaNode {
  return (configSchema ??= JSON.parse(readFileSync(path.join(RULES_DIR, 'config.schema.json'), 'utf8')) as SchemaNode);
}

export interface RuleOverride {
  entropy?: number;
  severity?: Severity;
  paths?: { include?: string[]; exclude?: string[] };
  allowlist?: { regexes?: string[]; stopwords?: string[] };
}

export interface GlobalAllowlist {
  paths: string[];
  regexes: string[];
  lines: string[];
  stopwords: string[];
  /** Findings in these contexts (tests, docs, examples: detect/path-context.ts) are suppressed. */
  contexts: PathContext[];
}

/** A repository's .secretsift.yaml, validated; paths resolved against the file's directory. */
export interface Config {
  /** Absent when no config file applies. */
  file: string | undefined;
  /** Directory that allowlist path globs are relative to. */
  baseDir: string;
  packs: string[];
  disable: string[];
  override: Record<string, RuleOverride>;
  allowlist: GlobalAllowlist;
  /** `baseline` is absolute once loaded. */
  defaults: { format?: string; maxFileSize?: number; baseline?: string; failOn?: Severity; verify?: boolean };
  /** Lines of entries that later checks may refuse, so their errors can point at them without quoting them. */
  lines?: ConfigLines;
}

export interface ConfigLines {
  disable: (number | undefined)[];
  /** By rule id, the line of its key under `override`. */
  override: Record<string, number | undefined>;
  baseline: number | undefined;
}

interface RawConfig {
  rules?: string[];
  disable?: string[];
  override?: Record<string, RuleOverride>;
  allowlist?: Partial<GlobalAllowlist>;
  defaults?: Config['defaults'];
}

/**
 * The line of the key an error is about. The value's line (what YamlFile gives) is one or more
 * lines further down when the value is a block, which sends the reader to the wrong line.
 */
function keyLine(text: string, at: JsonPath): number | undefined {
  const key = at[at.length - 1];
  if (typeof key !== 'string') return undefined;
  const { isMap, isNode, isScalar, LineCounter, parseDocument } = yamlLibrary();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const parent = at.length === 1 ? doc.contents : doc.getIn(at.slice(0, -1), true);
  if (!isMap(parent)) return undefined;
  const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === key);
  const range = isNode(pair?.key) ? pair.key.range : undefined;
  return range ? lineCounter.linePos(range[0]).line : undefined;
}

/**
 * Every path glob and allowlist pattern of the config, refused on load if it cannot compile. The
 * error names where it is (a rule id under `override` shows as <key>, the line says which), never
 * what it is: a value in a config may be anything, even a secret.
 */
function checkPatterns(file: string, yaml: YamlFile, raw: RawConfig): void {
  const fail = (at: (string | number)[], shown: string, problem: string): never => {
    throw new InputFileError(file, yaml.lineOf(at), `${shown} ${problem}`);
  };
  const globs: [string, (string | number)[], readonly string[] | undefined][] = [['allowlist.paths', ['allowlist', 'paths'], raw.allowlist?.paths]];
  const regexes: [string, (string | number)[], readonly string[] | undefined][] = [
    ['allowlist.regexes', ['allowlist', 'regexes'], raw.allowlist?.regexes],
    ['allowlist.lines', ['allowlist', 'lines'], raw.allowlist?.lines],
  ];
  for (const [id, override] of Object.entries(raw.override ?? {})) {
    for (const key of ['include', 'exclude'] as const) globs.push([`override.<key>.paths.${key}`, ['override', id, 'paths', key], override.paths?.[key]]);
    regexes.push(['override.<key>.allowlist.regexes', ['override', id, 'allowlist', 'regexes'], override.allowlist?.regexes]);
  }
  for (const [name, at, list] of globs) {
    list?.forEach((glob, i) => {
      const problem = globProblem(glob);
      if (problem) fail([...at, i], `${name}.${i}`, problem);
    });
  }
  for (const [name, at, list] of regexes) {
    list?.forEach((pattern, i) => {
      const problem = regexProblem(() => new RE2(pattern, 'u'));
      if (problem) fail([...at, i], `${name}.${i}`, problem);
    });
  }
}

function configLines(text: string, yaml: YamlFile, raw: RawConfig): ConfigLines {
  return {
    disable: (raw.disable ?? []).map((_, i) => yaml.lineOf(['disable', i])),
    override: Object.fromEntries(Object.keys(raw.override ?? {}).map((id) => [id, keyLine(text, ['override', id]) ?? yaml.lineOf(['override', id])])),
    baseline: raw.defaults?.baseline !== undefined ? yaml.lineOf(['defaults', 'baseline']) : undefined,
  };
}

export function loadConfig(file: string): Config {
  const text = readUserFile(file, CONFIG_FILE);
  const yaml = parseYamlFile(file, text);
  const raw = (yaml.value ?? {}) as RawConfig;
  const [firstError] = validateSchema(raw, schema());
  if (firstError) {
    const line = keyLine(text, firstError.path) ?? yaml.lineOf(firstError.path);
    throw new InputFileError(file, line, `${firstError.where || 'config'} ${firstError.message}`);
  }
  checkPatterns(file, yaml, raw);
  const baseDir = path.dirname(path.resolve(file));
  return {
    file,
    baseDir,
    packs: (raw.rules ?? []).map((pack) => path.resolve(baseDir, pack)),
    disable: raw.disable ?? [],
    override: raw.override ?? {},
    allowlist: {
      paths: raw.allowlist?.paths ?? [],
      regexes: raw.allowlist?.regexes ?? [],
      lines: raw.allowlist?.lines ?? [],
      stopwords: raw.allowlist?.stopwords ?? [],
      contexts: raw.allowlist?.contexts ?? [],
    },
    defaults: {
      ...raw.defaults,
      // Relative to the config file, like packs: the same file whichever directory the scan starts from.
      ...(raw.defaults?.baseline !== undefined && { baseline: path.resolve(baseDir, raw.defaults.baseline) }),
    },
    lines: configLines(text, yaml, raw),
  };
}

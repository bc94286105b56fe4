import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import RE2 from 're2';
import { isMap, isNode, isScalar, LineCounter, parseDocument } from 'yaml';
import { RULES_DIR } from '../detect/rule-pack.js';
import type { Severity } from '../detect/rule.js';
import { validateSchema, type JsonPath, type SchemaNode } from './json-schema.js';
import { globProblem } from './globs.js';
import { InputFileError, parseYamlFile, type YamlFile } from './yaml-file.js';

export const CONFIG_FILE_NAME = '.secretsift.yaml';
const configSchema = JSON.parse(readFileSync(path.join(RULES_DIR, 'config.schema.json'), 'utf8')) as SchemaNode;

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
  defaults: { format?: string; maxFileSize?: number; baseline?: string };
}

export function emptyConfig(baseDir: string): Config {
  return {
    file: undefined,
    baseDir,
    packs: [],
    disable: [],
    override: {},
    allowlist: { paths: [], regexes: [], lines: [], stopwords: [] },
    defaults: {},
  };
}

/** The config that applies to a scan rooted at `dir`: its own, or the nearest one above it within the repository. */
export function findConfigFile(dir: string, stopAt?: string): string | undefined {
  let current = path.resolve(dir);
  for (;;) {
    const candidate = path.join(current, CONFIG_FILE_NAME);
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(current);
    if (parent === current || current === stopAt) return undefined;
    current = parent;
  }
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
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const parent = at.length === 1 ? doc.contents : doc.getIn(at.slice(0, -1), true);
  if (!isMap(parent)) return undefined;
  const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === key);
  const range = isNode(pair?.key) ? pair.key.range : undefined;
  return range ? lineCounter.linePos(range[0]).line : undefined;
}

/** Every path glob of the config, refused on load if it cannot compile (naming where it is). */
function checkGlobs(file: string, yaml: YamlFile, raw: RawConfig): void {
  const lists: [string, (string | number)[], readonly string[] | undefined][] = [['allowlist.paths', ['allowlist', 'paths'], raw.allowlist?.paths]];
  for (const [id, override] of Object.entries(raw.override ?? {})) {
    for (const key of ['include', 'exclude'] as const) lists.push([`override.${id}.paths.${key}`, ['override', id, 'paths', key], override.paths?.[key]]);
  }
  for (const [name, at, globs] of lists) {
    globs?.forEach((glob, i) => {
      const problem = globProblem(glob);
      if (problem) throw new InputFileError(file, yaml.lineOf([...at, i]), `${name}: ${JSON.stringify(glob)} ${problem}`);
    });
  }
}

export function loadConfig(file: string): Config {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputFileError(file, undefined, `cannot read config: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const yaml = parseYamlFile(file, text);
  const raw = (yaml.value ?? {}) as RawConfig;
  const [firstError] = validateSchema(raw, configSchema);
  if (firstError) {
    const line = keyLine(text, firstError.path) ?? yaml.lineOf(firstError.path);
    throw new InputFileError(file, line, `${firstError.path.join('.') || 'config'} ${firstError.message}`);
  }
  for (const key of ['regexes', 'lines'] as const) {
    raw.allowlist?.[key]?.forEach((pattern, i) => {
      try {
        new RE2(pattern, 'u');
      } catch (error) {
        throw new InputFileError(file, yaml.lineOf(['allowlist', key, i]), `allowlist.${key}: ${JSON.stringify(pattern)} is not valid RE2 syntax: ${(error as Error).message}`);
      }
    });
  }
  checkGlobs(file, yaml, raw);
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
    },
    defaults: {
      ...raw.defaults,
      // Relative to the config file, like packs: the same file whichever directory the scan starts from.
      ...(raw.defaults?.baseline !== undefined && { baseline: path.resolve(baseDir, raw.defaults.baseline) }),
    },
  };
}

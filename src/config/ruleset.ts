import type { Config } from './config.js';
import { InputFileError } from '../util/yaml-file.js';
import { loadPacksCached } from '../rules/pack-cache.js';
import { defaultPackFiles } from '../rules/pack-files.js';
import type { RuleSpec } from '../model/rule.js';

export interface RulesetOptions {
  /** Extra packs from the command line. */
  extraPacks: readonly string[];
  /** Leave out the built-in packs (for testing a pack on its own). */
  noDefaultPacks?: boolean;
  /** Keep each rule's examples and negatives (for `rules test`); a scan does without them. */
  withExamples?: boolean;
}

/** Built-in packs, then the config's packs, then the command line's; minus disabled rules, with overrides applied. */
export async function buildRuleset(config: Config, options: RulesetOptions): Promise<RuleSpec[]> {
  const files = [...(options.noDefaultPacks ? [] : defaultPackFiles()), ...config.packs, ...options.extraPacks];
  const rules = await loadPacksCached(files, options.withExamples);
  const ids = new Set(rules.map((rule) => rule.id));
  // The id is not quoted: a value in a config may be anything, even a secret. The line says which.
  const configFile = config.file ?? 'config';
  config.disable.forEach((id, i) => {
    if (!ids.has(id)) throw new InputFileError(configFile, config.lines?.disable[i], `disable.${i} names no rule (see: secretsift rules list)`);
  });
  for (const id of Object.keys(config.override)) {
    if (!ids.has(id)) throw new InputFileError(configFile, config.lines?.override[id], 'override.<key> names no rule (see: secretsift rules list)');
  }
  const disabled = new Set(config.disable);
  return rules
    .filter((rule) => !disabled.has(rule.id))
    .map((rule) => {
      const override = config.override[rule.id];
      if (!override) return rule;
      return {
        ...rule,
        ...(override.entropy !== undefined && { entropy: override.entropy }),
        ...(override.severity && { severity: override.severity }),
        ...(override.paths && { paths: override.paths }),
        ...(override.allowlist && {
          allowlist: {
            regexes: [...(rule.allowlist?.regexes ?? []), ...(override.allowlist.regexes ?? [])],
            stopwords: [...(rule.allowlist?.stopwords ?? []), ...(override.allowlist.stopwords ?? [])],
            matches: rule.allowlist?.matches ?? [],
          },
        }),
      };
    });
}

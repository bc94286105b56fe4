import path from 'node:path';
import type { Command } from 'commander';
import { buildRuleset } from '../config/ruleset.js';
import type { RuleSpec } from '../model/rule.js';
import { neutralise } from '../report/redact.js';
import { ruleHelp } from '../report/rule-help.js';
import { UsageError } from './exit-codes.js';
import { addOptions } from './option-defs.js';
import { RULESET_OPTIONS } from './scan-flags.js';
import { resolveConfig, type RawScanOptions } from './scan-options.js';

export function explainRule(spec: RuleSpec): string {
  const help = ruleHelp(spec);
  const lines = [
    `${spec.id}  (${spec.severity})`,
    `  ${spec.description}`,
    '',
    'What it grants:',
    `  ${help.what}`,
    '',
    'How to rotate it:',
    `  ${help.rotate}`,
  ];
  if (spec.tags.length) lines.push('', `Tags: ${spec.tags.join(', ')}`);
  if (help.references.length) lines.push('', 'References:', ...help.references.map((reference) => `  ${reference}`));
  // Where --verify would send a finding's secret: the request as the rule writes it, templates unfilled.
  if (spec.verify) {
    const { method, url } = spec.verify.request;
    lines.push('', 'With --verify:', `  ${method} ${url}${spec.verify.hosts ? ` (hosts: ${spec.verify.hosts.join(', ')})` : ''}`);
  } else lines.push('', 'With --verify: not verified (no verify: block)');
  lines.push('', `Defined in ${path.basename(spec.origin.file)}${spec.origin.line ? `:${spec.origin.line}` : ''}`);
  return `${lines.map(neutralise).join('\n')}\n`;
}

/** Ids that contain what was typed, or that it contains: "github" finds the GitHub rules. */
function similarIds(specs: readonly RuleSpec[], wanted: string): string[] {
  const needle = wanted.toLowerCase();
  return specs.map((spec) => spec.id).filter((id) => id.includes(needle) || needle.includes(id)).slice(0, 8);
}

export function registerExplainCommand(program: Command): void {
  addOptions(
    program
      .command('explain')
      .description("print a rule's description, what the token grants, how to rotate it and its references")
      .argument('<rule>', 'rule id (see "secretsift rules list")'),
    [...RULESET_OPTIONS, 'noCache'],
  )
    .addHelpText(
      'after',
      `
Examples:
  $ secretsift explain github-personal-access-token   what a finding of this rule means and what to do
  $ secretsift explain my-token --rules my-pack.yaml`,
    )
    .action(async (ruleId: string, options: Pick<RawScanOptions, 'config' | 'rules'>) => {
      const config = await resolveConfig(options, process.cwd());
      const specs = await buildRuleset(config, { extraPacks: options.rules.map((pack) => path.resolve(pack)) });
      const spec = specs.find((candidate) => candidate.id === ruleId);
      if (!spec) {
        const similar = similarIds(specs, ruleId);
        throw new UsageError(`no rule "${ruleId}"${similar.length ? ` (did you mean: ${similar.join(', ')}?)` : ' (see "secretsift rules list")'}`);
      }
      process.stdout.write(explainRule(spec));
    });
}

import type { RuleMeta } from './report.js';

// Said for every rule without its own remediation: the steps are the same for any credential.
const GENERIC_ROTATION =
  'Revoke or rotate the credential with the service that issued it, put the new one in a secret store or environment variable instead of the code, and check the service\'s access logs for use you do not recognise. Deleting it from the file is not enough: it stays in git history and in every clone.';

export interface RuleHelp {
  /** What the token is and why its exposure matters. */
  what: string;
  /** How to rotate it. */
  rotate: string;
  references: readonly string[];
}

export function ruleHelp(rule: RuleMeta): RuleHelp {
  return {
    what: `${rule.description}. Anyone who can read this value can use it with whatever access it was granted, until it is revoked.`,
    rotate: rule.remediation?.trim() || GENERIC_ROTATION,
    references: rule.references,
  };
}

export function ruleHelpText(rule: RuleMeta): string {
  const help = ruleHelp(rule);
  const lines = [help.what, '', `How to fix: ${help.rotate}`];
  if (help.references.length) lines.push('', 'References:', ...help.references.map((reference) => `  ${reference}`));
  return lines.join('\n');
}

/** Markdown for SARIF `help.markdown`; rule text is escaped so a pack cannot inject markup. */
export function ruleHelpMarkdown(rule: RuleMeta): string {
  const help = ruleHelp(rule);
  const parts = [`**${escapeMarkdown(rule.id)}**: ${escapeMarkdown(help.what)}`, `### How to fix\n\n${escapeMarkdown(help.rotate)}`];
  if (help.references.length) parts.push(`### References\n\n${help.references.map((reference) => `- <${reference.replace(/[<>\s]/g, encodeURIComponent)}>`).join('\n')}`);
  return parts.join('\n\n');
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+!|<>]/g, (ch) => `\\${ch}`);
}

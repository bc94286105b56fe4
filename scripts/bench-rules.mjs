// What the benchmarks need from the rules of the build being measured: the default pack's keywords
// (ripgrep's keyword-only reference pass) and a pack that triples the rule count (cost vs rules).
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';

/** A rule as `rules list --json` describes it, as far as the benchmarks read it. @typedef {{ id: string, keywords?: string[], pack?: string }} ListedRule */

/** @param {string} cli @param {string[]} args @returns {unknown} */
function cliJson(cli, args) {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (result.status !== 0) throw new Error(`secretsift ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

/** The rules a default scan runs, as `rules list --json` describes them (id, keywords, pack). @param {string} cli */
export function defaultRules(cli) {
  return /** @type {ListedRule[]} */ (cliJson(cli, ['rules', 'list', '--json', '--no-config']));
}

/** Writes the rules' distinct keywords, one a line, for `rg -F -i -f`; returns them. @param {ListedRule[]} rules @param {string} file */
export function writeKeywordFile(rules, file) {
  const keywords = [...new Set(rules.flatMap((rule) => rule.keywords ?? []))].sort();
  writeFileSync(file, `${keywords.join('\n')}\n`);
  return keywords;
}

/**
 * Writes a pack holding two more copies of every default rule under new ids (`<id>-copy2`,
 * `<id>-copy3`): loaded with --rules next to the built-in packs, the scan runs each rule three times.
 * The copies come from the measured build's own rules/ directory, every field kept.
 * @param {string} cli
 * @param {ListedRule[]} rules
 * @param {string} file
 */
export function writeTripledPack(cli, rules, file) {
  const rulesDir = path.join(path.dirname(cli), '..', 'rules');
  const wanted = new Set(rules.map((rule) => rule.id));
  const packs = [...new Set(rules.map((rule) => rule.pack))];
  if (!packs.every((pack) => typeof pack === 'string')) throw new Error('rules list --json names no pack for some rule');
  /** @type {{ id: string }[]} */
  const copies = [];
  for (const pack of packs.sort()) {
    for (const rule of /** @type {{ rules: { id: string }[] }} */ (parse(readFileSync(path.join(rulesDir, pack), 'utf8'))).rules) {
      if (!wanted.has(rule.id)) continue;
      for (const copy of [2, 3]) copies.push({ ...rule, id: `${rule.id}-copy${copy}` });
    }
  }
  if (copies.length !== rules.length * 2) throw new Error(`found ${copies.length / 2} of the ${rules.length} default rules in ${rulesDir}`);
  writeFileSync(file, stringify({ name: 'Benchmark: every default rule twice more', rules: copies }, { lineWidth: 0 }));
}

/**
 * How many rules a scan with `args` really runs, from its --debug line ("...; N rules; ..."), so a
 * pack that failed to add its rules cannot pass for a tripled one.
 * @param {string} cli
 * @param {string[]} args
 * @param {string} probeFile
 */
export function loadedRuleCount(cli, args, probeFile) {
  const result = spawnSync(process.execPath, [cli, 'scan', probeFile, ...args, '--debug', '-q'], { encoding: 'utf8' });
  const count = /; (\d+) rules;/.exec(result.stderr)?.[1];
  if (count === undefined) throw new Error(`no rule count in --debug output (exit ${result.status}): ${result.stderr.slice(0, 500)}`);
  return Number(count);
}

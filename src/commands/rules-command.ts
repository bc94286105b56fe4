import path from 'node:path';
import type { Command } from 'commander';
import pc from 'picocolors';
import { emptyConfig } from '../config/config-file.js';
import { reachSummary, ruleReach } from '../detect/match-window.js';
import { patternShape } from '../detect/pattern-shape.js';
import { defaultPackFiles } from '../rules/pack-files.js';
import { loadPacks } from '../rules/rule-pack.js';
import { testRules, type ScanText } from '../rules/rule-tests.js';
import { scanBuffer } from '../pipeline/scan-file.js';
import { buildRuleset } from '../config/ruleset.js';
import { neutralise } from '../report/redact.js';
import { EXIT } from './exit-codes.js';
import { addOptions } from './option-defs.js';
import { RULESET_OPTIONS } from './scan-flags.js';
import { defaultScanSettings, resolveConfig, type RawScanOptions } from './scan-options.js';

/** A scan of one buffer as `scan` runs it given no option and no config: what `rules test` checks examples with. */
function scanByDefault(): ScanText {
  const settings = defaultScanSettings();
  return (compiled, data, file) => {
    const outcome = scanBuffer(compiled, data, file, settings);
    return outcome.kind === 'scanned' ? outcome.findings : [];
  };
}

export function registerRulesCommand(program: Command): void {
  const rules = program.command('rules').description('list and test rule packs');

  addOptions(rules.command('list').description('list the rules a scan would run'), [...RULESET_OPTIONS, 'noKeyword', 'json', 'noCache'])
    .addHelpText('after', '\nExamples:\n  $ secretsift rules list\n  $ secretsift rules list --rules my-pack.yaml --json   the built-in rules and your pack\'s, as JSON\n  $ secretsift rules list --no-keyword                  the rules that run on every file')
    .action(async ({ keyword, ...options }: Pick<RawScanOptions, 'config' | 'rules'> & { json?: boolean; keyword: boolean }) => {
      const config = await resolveConfig(options, process.cwd());
      const all = await buildRuleset(config, { extraPacks: options.rules.map((pack) => path.resolve(pack)) });
      const specs = keyword ? all : all.filter((spec) => spec.keywords.length === 0);
      if (options.json) {
        const list = specs.map(({ id, description, severity, tags, keywords, pattern, origin }) => ({
          id,
          description,
          severity,
          tags,
          keywords,
          pack: path.basename(origin.file),
          runs: keywords.length ? reachSummary(ruleReach(patternShape(pattern, keywords))) : 'every file',
        }));
        process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
        return;
      }
      const width = Math.max(...specs.map((spec) => spec.id.length), 2);
      for (const spec of specs) process.stdout.write(`${spec.id.padEnd(width)}  ${spec.severity.padEnd(8)}  ${neutralise(spec.description)}\n`);
      process.stdout.write(keyword ? `${specs.length} rules\n` : `${specs.length} of ${all.length} rules have no keyword and run on every file\n`);
    });

  addOptions(
    rules
      .command('test')
      .description("run every rule's examples and negatives through the scanning engine")
      .argument('[packs...]', 'packs to test (default: the built-in packs)'),
    ['noCache'],
  )
    .addHelpText('after', '\nThe named packs are loaded together with the built-in ones, so a negative that another rule reports is fine but an example must be reported by its own rule.\n\nExamples:\n  $ secretsift rules test                 the built-in packs\n  $ secretsift rules test my-pack.yaml    your own pack')
    .action(async (packs: string[]) => {
      const builtIn = defaultPackFiles();
      const named = packs.map((pack) => path.resolve(pack));
      const extra = named.filter((pack) => !builtIn.includes(pack));
      const specs = await buildRuleset(emptyConfig(process.cwd()), { extraPacks: extra, withExamples: true });
      const testedFiles = new Set(named.length ? named : builtIn);
      const tested = loadPacks([...testedFiles]).map((spec) => spec.id);
      const { failures, cases } = testRules(specs, scanByDefault(), new Set(tested));
      for (const failure of failures) {
        process.stdout.write(`${pc.red('FAIL')} ${failure.ruleId} (${failure.origin}) ${failure.kind} ${failure.reason}: ${neutralise(JSON.stringify(failure.text))}\n`);
      }
      process.stdout.write(`${tested.length} rules, ${cases} cases: ${cases - failures.length} passed, ${failures.length} failed\n`);
      process.exitCode = failures.length ? EXIT.leaks : EXIT.clean;
    });
}

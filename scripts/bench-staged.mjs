// `secretsift staged` as a pre-commit hook meets it: a 10-file change in a 2,000-file repository,
// start-up included, median of several runs. The repository is built once under .bench/.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { median } from './bench-measure.mjs';
import { Rng } from './rng.mjs';

const FILES = 2000;
const GIT_ENV = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_NAME: 'Bench', GIT_AUTHOR_EMAIL: 'bench@example.test', GIT_COMMITTER_NAME: 'Bench', GIT_COMMITTER_EMAIL: 'bench@example.test' };

/** @param {string} cwd @param {string[]} args */
function git(cwd, args) {
  const result = spawnSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

/** @param {string[]} args */
function millis(args) {
  const started = performance.now();
  spawnSync(process.execPath, args, { stdio: 'ignore' });
  return performance.now() - started;
}

/** @param {string} repo */
function ensureRepo(repo) {
  const marker = `${repo}.complete`;
  const stamp = `${FILES} v1`;
  if (existsSync(marker) && readFileSync(marker, 'utf8') === stamp) return;
  rmSync(marker, { force: true });
  rmSync(repo, { recursive: true, force: true });
  mkdirSync(repo, { recursive: true });
  git(repo, ['init', '-q', '-b', 'main']);
  const rng = new Rng(2000);
  const words = 'user account config value result handler request response service client server session cache token index model route query'.split(' ');
  for (let i = 0; i < FILES; i++) {
    const file = path.join(repo, `src/pkg${i % 40}/mod${i % 7}/file${i}.${rng.pick(['js', 'ts', 'py', 'go'])}`);
    mkdirSync(path.dirname(file), { recursive: true });
    const lines = Array.from({ length: rng.int(20, 120) }, () => `const ${rng.pick(words)}${i} = ${rng.pick(words)}.${rng.pick(words)}(${rng.int(0, 999)});`);
    writeFileSync(file, `${lines.join('\n')}\n`);
  }
  git(repo, ['add', '.']);
  git(repo, ['commit', '-q', '-m', 'initial']);
  writeFileSync(marker, stamp);
}

/**
 * Times `staged` on nothing staged and on a 10-file change; returns the change's median in ms.
 * @param {{ log?: (line: string) => void, cli: string, root: string, runs?: number }} options
 */
export function benchStaged({ log = console.log, cli, root, runs = 3 }) {
  const repo = path.join(root, '.bench', 'staged-repo');
  ensureRepo(repo);
  const cliRoot = path.join(path.dirname(cli), '..');
  const staged = [cli, 'staged', repo, '--no-config', '-q'];
  const nothing = median(Array.from({ length: 5 }, () => millis(staged)));
  const files = git(repo, ['ls-files']).split('\n').filter(Boolean).slice(0, 10);
  try {
    files.forEach((file, i) => writeFileSync(path.join(repo, file), `${readFileSync(path.join(repo, file), 'utf8')}const added${i} = "value ${i}";\n`));
    git(repo, ['add', ...files]);
    const changed = median(Array.from({ length: Math.max(7, runs * 3) }, () => millis(staged)));
    const node = median(Array.from({ length: 5 }, () => millis(['-e', '0'])));
    log(`secretsift staged, 10 files changed in a ${FILES}-file repository: ${changed.toFixed(0)} ms median (aim ≤ 150 ms); nothing staged ${nothing.toFixed(0)} ms; node alone ${node.toFixed(0)} ms`);
    // The parts are read from the build's modules by name: a build that moved them is told, not failed.
    const phases = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const t0 = performance.now();
         const { existsSync } = await import('node:fs');
         const packModule = [${JSON.stringify(path.join(cliRoot, 'dist/rules/rule-pack.js'))}, ${JSON.stringify(path.join(cliRoot, 'dist/detect/rule-pack.js'))}].find((file) => existsSync(file));
         // Since the start-up round the pack list has a module of its own; older builds keep it in the pack module.
         const packList = ${JSON.stringify(path.join(cliRoot, 'dist/rules/pack-files.js'))};
         const { loadPacks, defaultPackFiles: listedThere } = await import(packModule);
         const defaultPackFiles = existsSync(packList) ? (await import(packList)).defaultPackFiles : listedThere;
         const { compileRules } = await import(${JSON.stringify(path.join(cliRoot, 'dist/detect/compile.js'))});
         const t1 = performance.now(); const specs = loadPacks(defaultPackFiles());
         const t2 = performance.now(); compileRules(specs);
         const t3 = performance.now();
         console.log(JSON.stringify({ imports: t1 - t0, load: t2 - t1, compile: t3 - t2, rules: specs.length }));`,
      ],
      { encoding: 'utf8' },
    );
    if (phases.status === 0) {
      const cost = JSON.parse(phases.stdout);
      log(`  start-up parts: importing re2 + engine ${cost.imports.toFixed(0)} ms, loading ${cost.rules} rules from YAML ${cost.load.toFixed(0)} ms, compiling them ${cost.compile.toFixed(0)} ms`);
    } else {
      log('  start-up parts: not measured (this build has no dist/rules/rule-pack.js (dist/detect/ before) loadPacks or compile.js compileRules)');
    }
    return changed;
  } finally {
    git(repo, ['reset', '-q', '--hard', 'HEAD']);
  }
}

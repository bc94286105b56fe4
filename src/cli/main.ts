import type { Command } from 'commander';
import { neutralise } from '../report/redact.js';
import { RepositoryOwnerError, trustRepositoryOwners } from '../sources/git-process.js';
import { commander } from '../commands/commander.js';
import { EXIT, UsageError } from '../commands/exit-codes.js';
import { handleSignals } from './signals.js';
import { VERSION } from '../commands/version.js';

type Register = (program: Command) => void;

/**
 * Each command's module, in the order help lists them. Only the one being run is imported: start-up
 * is what a pre-commit hook feels, and `staged` has no use for history, baseline or rule-testing code.
 */
const COMMANDS: Record<string, () => Promise<Register>> = {
  scan: async () => (await import('../commands/scan-command.js')).registerScanCommand,
  history: async () => (await import('../commands/history-command.js')).registerHistoryCommand,
  staged: async () => (await import('../commands/staged-command.js')).registerStagedCommand,
  rules: async () => (await import('../commands/rules-command.js')).registerRulesCommand,
  baseline: async () => (await import('../commands/baseline-command.js')).registerBaselineCommand,
  hook: async () => (await import('../commands/hook-command.js')).registerHookCommand,
  explain: async () => (await import('../commands/explain-command.js')).registerExplainCommand,
  merge: async () => (await import('../commands/merge-command.js')).registerMergeCommand,
};

/**
 * The commands `argv` can run. Commander dispatches on the first argument, as the program has no
 * options of its own that take a value; anything else (help, --version, a typo to suggest a
 * correction for) gets them all.
 */
function commandsFor(argv: readonly string[]): string[] {
  const first = argv[2];
  return first !== undefined && Object.hasOwn(COMMANDS, first) ? [first] : Object.keys(COMMANDS);
}

async function buildProgram(argv: readonly string[]): Promise<Command> {
  const program = new commander.Command('secretsift')
    .description('Find hardcoded secrets before an attacker does.\nExit codes: 0 no leaks, 1 leaks found, 2 usage or runtime error.')
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  const registers = await Promise.all(commandsFor(argv).map((name) => (COMMANDS[name] as () => Promise<Register>)()));
  for (const register of registers) register(program);
  overrideExits(program);
  // Before any git process starts: the opt-in applies to every one the command runs.
  program.hook('preAction', (_program, command) => {
    if (command.opts().trustRepoOwner === true) trustRepositoryOwners();
    // The environment, not a setting passed down: every cache reader (worker threads included) already asks it.
    if (command.opts().cache === false) process.env.SECRETSIFT_NO_CACHE = '1';
  });
  return program;
}

/** Commander exits with 1 on a bad option; our contract says 2, so every command throws instead. */
function overrideExits(command: Command): void {
  command.exitOverride();
  command.commands.forEach(overrideExits);
}

/**
 * Whether `error` is one the user can act on. The classes main.ts has no other use for are imported
 * here, on the way out: a module no command loaded threw none of its errors, and importing them up
 * front cost every run their code (the baseline lock's, say, which a pre-commit scan never takes).
 */
async function isActionable(error: unknown): Promise<boolean> {
  if (error instanceof UsageError || error instanceof RepositoryOwnerError) return true;
  if (!(error instanceof Error)) return false;
  try {
    const [{ InputFileError }, { TargetError }, { OutputError }, { BaselineLockError }] = await Promise.all([import('../util/yaml-file.js'), import('../sources/worktree.js'), import('../util/output-target.js'), import('../suppress/baseline-lock.js')]);
    return error instanceof InputFileError || error instanceof TargetError || error instanceof OutputError || error instanceof BaselineLockError;
  } catch {
    return false;
  }
}

/** Errors the user can act on get one line; anything else is a bug and gets the stack with --debug. */
async function reportError(error: unknown, debug: boolean): Promise<number> {
  if (error instanceof commander.CommanderError) {
    return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help' ? EXIT.clean : EXIT.error;
  }
  const known = await isActionable(error);
  const message = error instanceof Error ? error.message : String(error);
  // Messages quote paths and arguments, which may hold anything.
  process.stderr.write(`secretsift: ${known ? '' : 'error: '}${neutralise(message)}\n`);
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  return EXIT.error;
}

/**
 * `secretsift`, `secretsift rules` and the like name no command to run: they ask what there is,
 * and get the help on standard output with exit 0. Commander would print it as an error, on stderr.
 */
function bareGroup(program: Command, argv: readonly string[]): Command | undefined {
  const words = argv.slice(2);
  if (words.length === 0) return program;
  const group = words.length === 1 ? program.commands.find((command) => command.name() === words[0]) : undefined;
  return group !== undefined && group.commands.length > 0 ? group : undefined;
}

export async function main(argv: readonly string[]): Promise<void> {
  handleSignals();
  try {
    const program = await buildProgram(argv);
    const bare = bareGroup(program, argv);
    if (bare) {
      bare.outputHelp();
      return;
    }
    await program.parseAsync(argv as string[]);
  } catch (error) {
    process.exitCode = await reportError(error, argv.includes('--debug'));
  }
}

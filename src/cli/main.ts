import { Command, CommanderError } from 'commander';
import { InputFileError } from '../config/yaml-file.js';
import { OutputError } from '../report/output-target.js';
import { neutralise } from '../report/redact.js';
import { BaselineLockError } from '../suppress/baseline-lock.js';
import { RepositoryOwnerError, trustRepositoryOwners } from '../sources/git-process.js';
import { TargetError } from '../sources/worktree.js';
import { registerBaselineCommand } from './baseline-command.js';
import { EXIT, UsageError } from './exit-codes.js';
import { registerExplainCommand } from './explain-command.js';
import { registerHistoryCommand } from './history-command.js';
import { registerHookCommand } from './hook-command.js';
import { registerRulesCommand } from './rules-command.js';
import { registerScanCommand } from './scan-command.js';
import { handleSignals } from './signals.js';
import { registerStagedCommand } from './staged-command.js';
import { VERSION } from './version.js';

function buildProgram(): Command {
  const program = new Command('secretsift')
    .description('Find hardcoded secrets before an attacker does.\nExit codes: 0 no leaks, 1 leaks found, 2 usage or runtime error.')
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerScanCommand(program);
  registerHistoryCommand(program);
  registerStagedCommand(program);
  registerRulesCommand(program);
  registerBaselineCommand(program);
  registerHookCommand(program);
  registerExplainCommand(program);
  overrideExits(program);
  // Before any git process starts: the opt-in applies to every one the command runs.
  program.hook('preAction', (_program, command) => {
    if (command.opts().trustRepoOwner === true) trustRepositoryOwners();
  });
  return program;
}

/** Commander exits with 1 on a bad option; our contract says 2, so every command throws instead. */
function overrideExits(command: Command): void {
  command.exitOverride();
  command.commands.forEach(overrideExits);
}

/** Errors the user can act on get one line; anything else is a bug and gets the stack with --debug. */
function reportError(error: unknown, debug: boolean): number {
  if (error instanceof CommanderError) {
    return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help' ? EXIT.clean : EXIT.error;
  }
  const known = error instanceof UsageError || error instanceof InputFileError || error instanceof TargetError || error instanceof RepositoryOwnerError || error instanceof OutputError || error instanceof BaselineLockError;
  const message = error instanceof Error ? error.message : String(error);
  // Messages quote paths and arguments, which may hold anything.
  process.stderr.write(`secretsift: ${known ? '' : 'error: '}${neutralise(message)}\n`);
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  return EXIT.error;
}

export async function main(argv: readonly string[]): Promise<void> {
  handleSignals();
  try {
    await buildProgram().parseAsync(argv as string[]);
  } catch (error) {
    process.exitCode = reportError(error, argv.includes('--debug'));
  }
}

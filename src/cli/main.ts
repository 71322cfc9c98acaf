#!/usr/bin/env node
/** The `declutter` command: parses arguments and hands off to the subcommands. */
import { Command, CommanderError } from '@commander-js/extra-typings';
import { DeclutterError } from '../errors.js';
import { registerCleanCommand } from './clean.js';
import { registerQueueCommands } from './queue.js';
import { printable } from './printable.js';
import { registerRulesCommands } from './rules.js';
import { packageVersion } from './version.js';

export function buildProgram(): Command {
  const program = new Command('declutter')
    .description('Turn scraped news pages into clean article bodies with metadata and structured reader comments.')
    .version(packageVersion())
    .exitOverride()
    .showSuggestionAfterError(true);
  registerCleanCommand(program);
  registerRulesCommands(program);
  registerQueueCommands(program);
  return program;
}

/** Exit codes: 0 every page cleaned, 1 some pages failed, 2 usage error (one line, no stack). */
async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // commander has already printed its one-line message (or the help).
      process.exitCode = err.exitCode === 0 ? 0 : 2;
      return;
    }
    const message = err instanceof Error ? err.message.split('\n', 1)[0]! : String(err);
    process.stderr.write(`declutter: ${printable(message)}\n`);
    // A usage or rule error is the caller's to fix (2); a failed write or a crash is not (1).
    process.exitCode = err instanceof DeclutterError && err.code !== 'OUTPUT_FAILED' ? 2 : 1;
  }
}

process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  // A closed pipe (`declutter clean ... | head`) is a normal way to stop reading.
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

await main(process.argv);

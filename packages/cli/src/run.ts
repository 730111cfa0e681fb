import { isConfigError } from '@staunch/core';
import { explain } from './commands/explain.js';
import { headers } from './commands/headers.js';
import { listPresets } from './commands/presets.js';
import { validate } from './commands/validate.js';
import type { CliIo } from './io.js';
import { EXIT_OK, EXIT_USAGE, UsageError } from './usage-error.js';

export const USAGE = `Usage: staunch <command> [options]

Commands:
  explain <preset|url> <status>[:<code>]   what Staunch does with this answer
  headers [<preset|url>] < response.txt    what these rate-limit headers mean
  validate <policy.json>                   check a policy file
  presets                                  the presets, their hosts, statuses and headers

Run staunch <command> --help for a command's options.
Exit codes: 0 done, 1 a finding (an invalid policy, no rate-limit headers), 2 bad usage.`;

const COMMANDS: Readonly<Record<string, (args: readonly string[], io: CliIo) => Promise<number>>> = {
  explain,
  headers,
  validate,
  presets: listPresets,
};

/** Runs one command line; returns the exit code. Never throws. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...args] = argv;
  if (command === undefined) {
    io.stderr(`${USAGE}\n`);
    return EXIT_USAGE;
  }
  if (command === '--help' || command === '-h' || command === 'help') {
    io.stdout(`${USAGE}\n`);
    return EXIT_OK;
  }
  const handler = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (handler === undefined) {
    io.stderr(`staunch: unknown command ${JSON.stringify(command)}.\n\n${USAGE}\n`);
    return EXIT_USAGE;
  }
  try {
    return await handler(args, io);
  } catch (error) {
    // parseArgs raises TypeErrors with a code for unknown or malformed options.
    const usage =
      error instanceof UsageError ||
      isConfigError(error) ||
      String((error as { code?: unknown } | null)?.code ?? '').startsWith('ERR_PARSE_ARGS');
    io.stderr(`staunch ${command}: ${(error as Error).message}\n`);
    if (usage) io.stderr(`Run staunch ${command} --help for usage.\n`);
    return usage ? EXIT_USAGE : 1;
  }
}

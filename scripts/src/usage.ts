// The start commands read their settings from the environment: --help is their only option.
import { parseArgs } from 'node:util';

/** Prints `usage` and exits 0 on --help; on any other argument, says what is wrong on stderr and exits 2. */
export function answerHelp(usage: string): void {
  let help: boolean | undefined;
  try {
    help = parseArgs({ options: { help: { type: 'boolean', short: 'h' } } }).values.help;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${usage}\n`);
    process.exit(2);
  }
  if (help) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
}

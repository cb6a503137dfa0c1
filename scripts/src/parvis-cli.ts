// Node only: the operators' command line.
//   parvis verify <tracking code> [--json]   re-verifies a request's signatures and timeline (DATABASE_URL)
// Exit 0: everything holds; 1: something is altered; 2: bad usage, unknown request or no database.

import { VERIFY_USAGE, verify } from './verify.ts';

const USAGE = `usage:
  ${VERIFY_USAGE}`;

async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  if (command === 'verify') return verify(rest);
  if (command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  process.stderr.write(`${USAGE}\n`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);

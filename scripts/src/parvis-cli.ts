// Node only: the operators' command line.
//   parvis verify <tracking code> [--json]   re-verifies a request's signatures and timeline (DATABASE_URL)
// Exit 0: everything holds; 1: something is altered; 2: bad usage, unknown request or no database.

import { verify } from './verify.ts';

const USAGE = `usage:
  parvis verify <tracking code> [--json]     (reads DATABASE_URL)`;

async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  if (command === 'verify') return verify(rest);
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

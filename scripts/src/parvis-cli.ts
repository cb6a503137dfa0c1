// Node only: the operators' command line.
//   parvis verify <tracking code> [--json]   re-verifies a request's signatures and timeline (DATABASE_URL)
//   parvis town create|list|disable           the platform's towns (DATABASE_URL)
//   parvis platform-admin create              a platform administrator (DATABASE_URL)
//   parvis procedure install|upgrade|list     the procedure library into a town (DATABASE_URL)
// Exit 0: done, everything holds; 1: something is altered or refused; 2: bad usage, unknown request or no database.

import { PROCEDURE_USAGE, procedure } from './procedure-install.ts';
import { TOWN_USAGE, town } from './town.ts';
import { PLATFORM_ADMIN_USAGE, platformAdmin } from './town-platform-admin.ts';
import { VERIFY_USAGE, verify } from './verify.ts';

const USAGE = `usage:
  ${VERIFY_USAGE}
  ${TOWN_USAGE}
  ${PLATFORM_ADMIN_USAGE}
  ${PROCEDURE_USAGE}`;

async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  if (command === 'verify') return verify(rest);
  if (command === 'procedure') return procedure(rest);
  if (command === 'town') return town(rest);
  if (command === 'platform-admin') return platformAdmin(rest);
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

// Node only: `parvis town create|list|disable` — the platform's towns from the command line.

import { TOWN_CREATE_USAGE, townCreate } from './town-create.ts';
import { TOWN_DISABLE_USAGE, townDisable } from './town-disable.ts';
import { TOWN_LIST_USAGE, townList } from './town-list.ts';

export const TOWN_USAGE = `${TOWN_CREATE_USAGE}
  ${TOWN_LIST_USAGE}
  ${TOWN_DISABLE_USAGE}`;

const SUBCOMMANDS: Record<string, (args: string[]) => Promise<number>> = {
  create: townCreate,
  list: townList,
  disable: townDisable,
};

export async function town(args: string[]): Promise<number> {
  const [subcommand, ...rest] = args;
  const run = subcommand ? SUBCOMMANDS[subcommand] : undefined;
  if (run) return run(rest);
  const help = subcommand === '--help' || subcommand === '-h' || subcommand === 'help';
  (help ? process.stdout : process.stderr).write(`usage: ${TOWN_USAGE}\n`);
  return help ? 0 : 2;
}

// Node only: `parvis town list` — every town, its host names, time zone, region, and whether it is disabled.

import { parseArgs } from 'node:util';
import { listTownsAsOwner } from '@parvis/graphql';
import { badUsage, EXIT, withDatabase } from './town-common.ts';

export const TOWN_LIST_USAGE = 'parvis town list [--json]     (reads DATABASE_URL)';

export async function townList(args: string[]): Promise<number> {
  let values: { json?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({ args, options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (error) {
    return badUsage((error as Error).message, TOWN_LIST_USAGE);
  }
  if (values.help) {
    process.stdout.write(`usage: ${TOWN_LIST_USAGE}\n`);
    return EXIT.done;
  }
  return withDatabase(async (sql) => {
    const towns = await sql.begin((tx) => listTownsAsOwner(tx));
    if (values.json) {
      process.stdout.write(`${JSON.stringify(towns, null, 2)}\n`);
      return EXIT.done;
    }
    for (const town of towns) {
      process.stdout.write(
        `${town.id}\t${town.name}\t${town.hosts.join(',') || '-'}\t${town.timeZone}\t${town.holidayRegion}\t${town.disabled ? 'désactivée/disabled' : 'active'}\n`,
      );
    }
    return EXIT.done;
  });
}

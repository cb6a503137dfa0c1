// Node only: `parvis town disable <slug>` — the town's portal says it is closed, it takes no new request; its data stay.

import { parseArgs } from 'node:util';
import { setTownDisabled } from '@parvis/graphql';
import { badUsage, EXIT, withDatabase } from './town-common.ts';

export const TOWN_DISABLE_USAGE = 'parvis town disable <slug> [--enable]     (reads DATABASE_URL; --enable reopens it)';

export async function townDisable(args: string[]): Promise<number> {
  let parsed: { values: { enable?: boolean; help?: boolean }; positionals: string[] };
  try {
    parsed = parseArgs({
      args,
      options: { enable: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
    });
  } catch (error) {
    return badUsage((error as Error).message, TOWN_DISABLE_USAGE);
  }
  if (parsed.values.help) {
    process.stdout.write(`usage: ${TOWN_DISABLE_USAGE}\n`);
    return EXIT.done;
  }
  const [slug, ...extra] = parsed.positionals;
  if (!slug || extra.length > 0) return badUsage('Donnez une commune. / Name one town.', TOWN_DISABLE_USAGE);
  const enable = parsed.values.enable === true;
  return withDatabase(async (sql) => {
    const changed = await sql.begin((tx) => setTownDisabled(tx, slug, !enable));
    if (!changed) {
      process.stderr.write(`Commune inconnue : ${slug}. / Unknown town.\n`);
      return EXIT.refused;
    }
    process.stdout.write(
      enable
        ? `Commune réactivée / town enabled: ${slug}\n`
        : `Commune désactivée (ses données restent) / town disabled (its data stay): ${slug}\n`,
    );
    return EXIT.done;
  });
}

import type { Sql } from 'postgres';
import { recordAudit } from '../audit/record.ts';
import { sealedDatabase } from '../common/database.ts';
import { type Installed, installProcedure, upgradeProcedure } from './install.ts';

/**
 * An operator's installation or upgrade (the `parvis procedure` command), sealed to the town like
 * the API's, recorded in the town's audit log under the command's name.
 */
export async function installForTown(
  sql: Sql,
  town: string,
  key: string,
  mode: 'install' | 'upgrade',
): Promise<Installed> {
  const by = 'parvis procedure (ligne de commande / command line)';
  return sealedDatabase(sql).within(town, async (tx) => {
    const done = await (mode === 'install' ? installProcedure : upgradeProcedure)(tx, town, key, 'parvis-cli');
    await recordAudit(tx, {
      municipalityId: town,
      actor: { name: by },
      action: mode === 'install' ? 'procedures.installed' : 'procedures.upgraded',
      target: `procedure:${key}`,
      details: { libraryVersion: done.libraryVersion, townVersion: done.townVersion },
    });
    return done;
  });
}

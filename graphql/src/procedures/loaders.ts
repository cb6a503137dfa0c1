import DataLoader from 'dataloader';
import { byMunicipality, loaderKey } from '../common/batch.ts';
import type { Database } from '../common/database.ts';
import { type ProcedureVersionRow, procedureRepository } from './repository.ts';

/** Latest version of procedures, batched per municipality. */
export function procedureLoaders(db: Database) {
  const latestVersion = new DataLoader<string, ProcedureVersionRow | undefined>(async (keys) => {
    const found = new Map<string, ProcedureVersionRow>();
    for (const [municipalityId, procedureKeys] of byMunicipality(keys)) {
      const rows = await db.within(municipalityId, (tx) => procedureRepository(tx).latestVersions(procedureKeys));
      for (const row of rows) found.set(loaderKey(municipalityId, row.procedure_key), row);
    }
    return keys.map((key) => found.get(key));
  });
  return { latestVersion };
}

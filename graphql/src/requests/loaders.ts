import DataLoader from 'dataloader';
import { byMunicipality, loaderKey } from '../common/batch.ts';
import type { Database } from '../common/database.ts';
import { type RequestRow, requestRepository } from './repository.ts';

/** Requests by id, batched per municipality. */
export function requestLoaders(db: Database) {
  const requestById = new DataLoader<string, RequestRow | undefined>(async (keys) => {
    const found = new Map<string, RequestRow>();
    for (const [municipalityId, ids] of byMunicipality(keys)) {
      const rows = await db.within(municipalityId, (tx) => requestRepository(tx).byIds(ids));
      for (const row of rows) found.set(loaderKey(municipalityId, row.id), row);
    }
    return keys.map((key) => found.get(key));
  });
  return { requestById };
}

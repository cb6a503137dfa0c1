import DataLoader from 'dataloader';
import { byMunicipality, loaderKey } from '../common/batch.ts';
import type { Database } from '../common/database.ts';
import { filesOfRequests, type StoredFile } from './store.ts';

/** The files of each request (key: municipality and request id), one query per municipality for a whole list. */
export function fileLoaders(db: Database) {
  const filesByRequest = new DataLoader<string, StoredFile[]>(async (keys) => {
    const found = new Map<string, StoredFile[]>();
    for (const [municipalityId, ids] of byMunicipality(keys)) {
      const files = await db.within(municipalityId, (tx) => filesOfRequests(tx, ids));
      for (const [requestId, list] of files) found.set(loaderKey(municipalityId, requestId), list);
    }
    return keys.map((key) => found.get(key) ?? []);
  });
  return { filesByRequest };
}

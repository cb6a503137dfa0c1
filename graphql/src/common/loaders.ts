import { fileLoaders } from '../files/loaders.ts';
import { procedureLoaders } from '../procedures/loaders.ts';
import { requestLoaders } from '../requests/loaders.ts';
import type { Database } from './database.ts';

/** DataLoaders made fresh for each operation, so lists resolve their relations in one query. */
export function createLoaders(db: Database) {
  return { ...procedureLoaders(db), ...requestLoaders(db), ...fileLoaders(db) };
}

export type Loaders = ReturnType<typeof createLoaders>;

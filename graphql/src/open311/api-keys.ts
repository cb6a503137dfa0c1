import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../common/database.ts';

/** An application allowed to file reports through a town's Open311 API. */
export interface ApplicationRow {
  id: string;
  name: string;
  key_start: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const sha256 = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');

/** Keys say what they are (`p311_`), then 256 random bits. */
const newKey = () => `p311_${randomBytes(32).toString('base64url')}`;

/** Open311 applications of the transaction's municipality and their api_keys (kept hashed). */
export function applicationRepository(db: Db) {
  const columns = db`id, name, key_start, created_at, last_used_at, revoked_at`;
  return {
    list() {
      return db<ApplicationRow[]>`select ${columns} from open311_applications order by revoked_at nulls first, name`;
    },
    /** A new application and its key, returned this once: only its hash is kept. */
    async issue(municipalityId: string, name: string, agentId: string) {
      const apiKey = newKey();
      const [row] = await db<ApplicationRow[]>`insert into open311_applications
          (municipality_id, name, key_sha256, key_start, created_by)
        values (${municipalityId}, ${name}, ${sha256(apiKey)}, ${apiKey.slice(0, 9)}, ${agentId})
        returning ${columns}`;
      return { application: row!, apiKey };
    },
    async revoke(id: string) {
      const [row] = await db<ApplicationRow[]>`update open311_applications
        set revoked_at = coalesce(revoked_at, now()) where id = ${id} returning ${columns}`;
      return row;
    },
    /** The live application this key belongs to (its use noted), or undefined. */
    async use(apiKey: string) {
      const [row] = await db<{ id: string; name: string }[]>`update open311_applications set last_used_at = now()
        where key_sha256 = ${sha256(apiKey)} and revoked_at is null returning id, name`;
      return row;
    },
  };
}

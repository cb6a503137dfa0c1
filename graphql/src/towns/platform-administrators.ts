import { hashPassword } from '../agents/password.ts';
import type { Db } from '../common/database.ts';

/** Creates a platform administrator, or sets the password of the one with this e-mail (the owner's connection). */
export async function upsertPlatformAdministrator(
  db: Db,
  account: { email: string; displayName: string; password: string },
): Promise<'created' | 'updated'> {
  const hash = await hashPassword(account.password);
  const [row] = await db<{ created: boolean }[]>`
    insert into platform_administrators (email, display_name, password_hash)
    values (${account.email.trim().toLowerCase()}, ${account.displayName.trim()}, ${hash})
    on conflict (email) do update set display_name = excluded.display_name, password_hash = excluded.password_hash
    returning (xmax = 0) as created`;
  return row?.created ? 'created' : 'updated';
}

import { townPortalUrl } from '@parvis/engine';
import type { Sql } from 'postgres';
import { defaultTown } from '../messages.ts';

/**
 * The portal address of a town, which its mails link to: its first host name, else PUBLIC_URL
 * (the default town, PARVIS_DEFAULT_TOWN, `demo` unless set) or PUBLIC_URL/t/<slug>.
 */
export async function townPublicUrl(sql: Sql, publicUrl: string, municipalityId: string): Promise<string> {
  const hosts = await sql<{ host: string }[]>`
    select host from municipality_hosts where municipality_id = ${municipalityId} order by rank, host limit 1`;
  return townPortalUrl(
    publicUrl,
    { id: municipalityId, hosts: hosts.map((row) => row.host) },
    defaultTown(process.env),
  );
}

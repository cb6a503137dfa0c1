import type { NoticeAudience } from '@parvis/engine/runtime';
import type { Sql } from 'postgres';

export type { NoticeAudience };

export interface Recipient {
  channel: 'email' | 'sms';
  address: string;
  /** a follower of the request: another citizen than its own, whose address no history may show */
  follower?: boolean;
}

/** Resolves an audience to e-mail addresses and phone numbers, each once. */
export async function resolveRecipients(
  sql: Sql,
  municipalityId: string,
  audience: NoticeAudience,
): Promise<Recipient[]> {
  const recipients: Recipient[] = [];
  if (audience.citizen?.email) recipients.push({ channel: 'email', address: audience.citizen.email });
  if (audience.citizen?.bySms && audience.citizen.phone)
    recipients.push({ channel: 'sms', address: audience.citizen.phone });
  if (audience.groups?.length) {
    const agents = await sql<{ email: string }[]>`select email from agents
      where municipality_id = ${municipalityId} and groups && ${audience.groups} order by email`;
    for (const agent of agents) recipients.push({ channel: 'email', address: agent.email });
  }
  if (audience.managersOf) {
    let managers = await sql<{ email: string }[]>`select email from agents
      where municipality_id = ${municipalityId} and 'manager' = any(roles) and groups && ${audience.managersOf} order by email`;
    if (managers.length === 0) {
      managers = await sql<{ email: string }[]>`select email from agents
        where municipality_id = ${municipalityId} and 'manager' = any(roles) order by email`;
    }
    for (const manager of managers) recipients.push({ channel: 'email', address: manager.email });
  }
  if (audience.followersOf) {
    const followers = await sql<{ email: string }[]>`select f.email from request_followers f
      join requests r on r.id = f.request_id
      where f.request_id = ${audience.followersOf} and f.email <> lower(coalesce(r.citizen_email, ''))
      order by f.email`;
    for (const follower of followers) recipients.push({ channel: 'email', address: follower.email, follower: true });
  }
  const seen = new Set<string>();
  return recipients.filter((r) => !seen.has(`${r.channel}:${r.address}`) && seen.add(`${r.channel}:${r.address}`));
}

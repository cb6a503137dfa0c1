import type { Sql } from 'postgres';
import { hashPassword } from './password.ts';

export interface AgentAccount {
  municipalityId: string;
  email: string;
  displayName: string;
  password: string;
  roles: string[];
  groups: string[];
}

/** Creates an agent, or updates the one with this e-mail in the municipality. */
export async function upsertAgent(sql: Sql, account: AgentAccount): Promise<void> {
  const hash = await hashPassword(account.password);
  await sql`insert into agents (municipality_id, email, display_name, password_hash, roles, groups)
    values (${account.municipalityId}, ${account.email.toLowerCase()}, ${account.displayName}, ${hash}, ${account.roles}, ${account.groups})
    on conflict (municipality_id, email) do update
      set display_name = excluded.display_name, password_hash = excluded.password_hash, roles = excluded.roles, groups = excluded.groups`;
}

export async function upsertMunicipality(
  sql: Sql,
  town: {
    id: string;
    name: string;
    contactEmail: string;
    /** where its mail server forwards e-mails for Parvis (SMTP intake), beside the contact address */
    intakeEmail?: string;
    /** whose public holidays it keeps (engine HOLIDAY_REGIONS); mainland when not given */
    holidayRegion?: string;
    /** the town hall's position, where the citizens' maps open */
    place?: { latitude: number; longitude: number };
  },
): Promise<void> {
  await sql`insert into municipalities (id, name, contact_email, intake_email, holiday_region, latitude, longitude)
    values (${town.id}, ${town.name}, ${town.contactEmail}, ${town.intakeEmail ?? null}, ${town.holidayRegion ?? 'metropole'},
      ${town.place?.latitude ?? null}, ${town.place?.longitude ?? null})
    on conflict (id) do update set name = excluded.name, contact_email = excluded.contact_email,
      intake_email = coalesce(excluded.intake_email, municipalities.intake_email),
      latitude = coalesce(excluded.latitude, municipalities.latitude),
      longitude = coalesce(excluded.longitude, municipalities.longitude)`;
}

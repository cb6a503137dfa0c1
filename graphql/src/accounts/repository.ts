import type { Db } from '../common/database.ts';
import type { SpentLink } from './links.ts';

export interface AccountRow {
  id: string;
  email: string;
  password_hash: string | null;
  email_confirmed_at: Date | null;
}

export interface ProfileChanges {
  firstName?: string | null;
  lastName?: string | null;
  phone?: string | null;
  addresses?: unknown[];
  notificationPreferences?: { email: boolean; sms: boolean };
}

/** Citizens' accounts of the transaction's municipality. */
export function accountRepository(db: Db) {
  return {
    async byEmail(email: string) {
      const [row] = await db<AccountRow[]>`select id, email, password_hash, email_confirmed_at from citizens
        where lower(email) = ${email.toLowerCase()} and erased_at is null`;
      return row;
    },
    /** The citizen with this address, now confirmed (created if unknown); a sign-up's password and name apply where none is set. */
    async confirm(municipalityId: string, link: SpentLink) {
      const [row] = await db<{ id: string }[]>`
        insert into citizens (municipality_id, email, email_confirmed_at, password_hash, first_name, last_name)
        values (${municipalityId}, ${link.email}, now(), ${link.password_hash}, ${link.first_name}, ${link.last_name})
        on conflict (municipality_id, lower(email)) where email is not null do update
          set email_confirmed_at = coalesce(citizens.email_confirmed_at, now()),
              password_hash = coalesce(citizens.password_hash, excluded.password_hash),
              first_name = coalesce(citizens.first_name, excluded.first_name),
              last_name = coalesce(citizens.last_name, excluded.last_name)
        returning id`;
      return row!.id;
    },
    async updateProfile(citizenId: string, changes: ProfileChanges) {
      await db`update citizens set
          first_name = ${changes.firstName === undefined ? db`first_name` : changes.firstName},
          last_name = ${changes.lastName === undefined ? db`last_name` : changes.lastName},
          phone = ${changes.phone === undefined ? db`phone` : changes.phone},
          addresses = ${changes.addresses === undefined ? db`addresses` : db.json(changes.addresses as never)},
          notification_preferences = ${
            changes.notificationPreferences === undefined
              ? db`notification_preferences`
              : db.json(changes.notificationPreferences)
          }
        where id = ${citizenId}`;
    },
    async recordConsent(municipalityId: string, citizenId: string, consent: { purpose: string; text: string }) {
      await db`insert into consents (municipality_id, citizen_id, purpose, text)
        values (${municipalityId}, ${citizenId}, ${consent.purpose}, ${consent.text})`;
    },
    consents(citizenId: string) {
      return db<{ purpose: string; text: string; given_at: Date; withdrawn_at: Date | null }[]>`
        select purpose, text, given_at, withdrawn_at from consents where citizen_id = ${citizenId} order by given_at`;
    },
  };
}

import type { Db } from '../common/database.ts';

export interface CitizenRow {
  id: string;
  municipality_id: string;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  phone: string | null;
  addresses: Address[];
  notification_preferences: NotificationPreferences;
  created_at: Date;
}

export interface Address {
  label?: string | null;
  street: string;
  postalCode: string;
  city: string;
}

export interface NotificationPreferences {
  email: boolean;
  sms: boolean;
}

export interface NewCitizen {
  firstName?: string | null;
  lastName?: string | null;
  email?: string | null;
  phone?: string | null;
  /** Where letters go (a request received by post). */
  address?: Address | null;
  notificationPreferences?: NotificationPreferences | null;
}

/** Citizens of the transaction's municipality (row-level security keeps the others out). */
export function citizenRepository(db: Db) {
  const columns = db`id, municipality_id, first_name, last_name, email, phone, addresses, notification_preferences, created_at`;
  return {
    /** Citizens whose name, e-mail or phone matches every word of the query, best matches first. */
    search(query: string, limit: number) {
      const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
      const digits = query.replace(/\D/g, '').replace(/^33/, '0');
      const byWord = words.map(
        (word) => db`(lower(coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' || coalesce(email, ''))
          like ${`%${escapeLike(word)}%`})`,
      );
      const nameMatch = byWord.reduce((all, one) => db`${all} and ${one}`);
      const phoneMatch = digits.length >= 4 ? db`phone_digits like ${`%${digits}`}` : db`false`;
      return db<CitizenRow[]>`select ${columns} from citizens
        where (${nameMatch}) or ${phoneMatch}
        order by lower(last_name), lower(first_name) limit ${limit}`;
    },
    async find(id: string) {
      const [row] = await db<CitizenRow[]>`select ${columns} from citizens where id = ${id}`;
      return row;
    },
    async byEmail(email: string) {
      const [row] = await db<CitizenRow[]>`select ${columns} from citizens where lower(email) = ${email.toLowerCase()}`;
      return row;
    },
    /** The citizen already known by this e-mail, else by this phone number (any notation): who a new record would double. */
    async duplicateOf(citizen: NewCitizen): Promise<{ row: CitizenRow; by: 'email' | 'phone' } | undefined> {
      const email = citizen.email?.trim().toLowerCase() || null;
      const digits = citizen.phone?.replace(/\D/g, '').replace(/^33/, '0') || '';
      const phone = digits.length >= 9 ? digits : null;
      const [row] = await db<(CitizenRow & { matched_by: 'email' | 'phone' })[]>`
        select ${columns}, case when lower(email) = ${email} then 'email' else 'phone' end as matched_by
        from citizens
        where erased_at is null and (lower(email) = ${email} or phone_digits = ${phone})
        order by matched_by limit 1`;
      if (!row) return undefined;
      const { matched_by, ...found } = row;
      return { row: found, by: matched_by };
    },
    async create(municipalityId: string, citizen: NewCitizen, createdBy: string | null) {
      const [row] = await db<
        CitizenRow[]
      >`insert into citizens (municipality_id, first_name, last_name, email, phone, created_by, addresses,
          notification_preferences)
        values (${municipalityId}, ${citizen.firstName?.trim() || null}, ${citizen.lastName?.trim() || null},
          ${citizen.email?.trim().toLowerCase() || null}, ${citizen.phone?.trim() || null}, ${createdBy},
          ${db.json((citizen.address ? [citizen.address] : []) as never)},
          ${db.json((citizen.notificationPreferences ?? { email: true, sms: false }) as never)})
        returning ${columns}`;
      return row!;
    },
  };
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

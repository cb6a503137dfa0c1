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
  label?: string;
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
    async create(municipalityId: string, citizen: NewCitizen, createdBy: string | null) {
      const [row] = await db<
        CitizenRow[]
      >`insert into citizens (municipality_id, first_name, last_name, email, phone, created_by)
        values (${municipalityId}, ${citizen.firstName ?? null}, ${citizen.lastName ?? null},
          ${citizen.email?.toLowerCase() ?? null}, ${citizen.phone ?? null}, ${createdBy})
        returning ${columns}`;
      return row!;
    },
  };
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

import { EMAIL } from '../common/contact-checks.ts';
import type { Db } from '../common/database.ts';
import { userError } from '../common/errors.ts';
import { readSettings, saveSettings } from '../metrics/settings.ts';

/** The town's settings an administrator edits besides its branding: channels, closures, unit costs. */
export interface TownSettings {
  /** where citizens write, and the sender of the town's mails */
  contactEmail: string;
  /** the address the town's mail server forwards requests to (SMTP intake); null: the contact address only */
  intakeEmail: string | null;
  /** what one request costs the town at the counter, by post, online (euros; the dashboard's savings) */
  counterCost: number;
  postCost: number;
  onlineCost: number;
}

export interface Closure {
  day: string;
  reason: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export async function readTownSettings(db: Db, municipalityId: string): Promise<TownSettings> {
  const [town] = await db<{ contact_email: string; intake_email: string | null }[]>`
    select contact_email, intake_email from municipalities where id = ${municipalityId}`;
  const costs = await readSettings(db, municipalityId);
  return {
    contactEmail: town!.contact_email,
    intakeEmail: town!.intake_email,
    counterCost: costs.counterCost,
    postCost: costs.postCost,
    onlineCost: costs.onlineCost,
  };
}

/** Saves what is given, refused whole when a value is wrong; returns the settings before and after. */
export async function saveTownSettings(db: Db, municipalityId: string, changes: Partial<TownSettings>) {
  const before = await readTownSettings(db, municipalityId);
  const after = { ...before, ...changes };
  if (after.intakeEmail === '') after.intakeEmail = null;
  if (!EMAIL.test(after.contactEmail))
    throw userError('BAD_USER_INPUT', 'Adresse de contact invalide. / Invalid contact address.', {
      field: 'contactEmail',
    });
  if (after.intakeEmail !== null) {
    if (!EMAIL.test(after.intakeEmail))
      throw userError('BAD_USER_INPUT', 'Adresse de réception invalide. / Invalid intake address.', {
        field: 'intakeEmail',
      });
    // Another town's address is out of sight here: the narrow function tells whose it is.
    const [owner] = await db<
      { town: string | null }[]
    >`select parvis_intake_municipality(${after.intakeEmail}) as town`;
    if (owner?.town && owner.town !== municipalityId)
      throw userError(
        'NOT_ALLOWED',
        'Cette adresse reçoit déjà les demandes d’une autre commune. / This address already receives another town’s requests.',
        { field: 'intakeEmail' },
      );
  }
  await db`update municipalities set contact_email = ${after.contactEmail}, intake_email = ${after.intakeEmail}
    where id = ${municipalityId}`;
  await saveSettings(db, municipalityId, {
    counterCost: after.counterCost,
    postCost: after.postCost,
    onlineCost: after.onlineCost,
  });
  return { before, after };
}

export const closures = (db: Db) =>
  db<Closure[]>`select to_char(day, 'YYYY-MM-DD') as day, reason from municipality_closures
    where day >= current_date - 31 order by day`;

/** Adds (or renames) a day the town hall is closed: deadlines counted in working days skip it. */
export async function addClosure(db: Db, municipalityId: string, closure: Closure): Promise<Closure> {
  if (!DAY.test(closure.day) || Number.isNaN(Date.parse(`${closure.day}T00:00:00Z`)))
    throw userError('BAD_USER_INPUT', `Date invalide : ${closure.day} (AAAA-MM-JJ). / Invalid date (YYYY-MM-DD).`, {
      field: 'day',
    });
  await db`insert into municipality_closures (municipality_id, day, reason)
    values (${municipalityId}, ${closure.day}, ${closure.reason.trim()})
    on conflict (municipality_id, day) do update set reason = excluded.reason`;
  return { day: closure.day, reason: closure.reason.trim() };
}

export async function removeClosure(db: Db, day: string): Promise<boolean> {
  const rows = DAY.test(day) ? await db`delete from municipality_closures where day = ${day} returning day` : [];
  if (rows.length === 0)
    throw userError('NOT_FOUND', `Pas de fermeture le ${day}. / No closure on ${day}.`, { field: 'day' });
  return true;
}

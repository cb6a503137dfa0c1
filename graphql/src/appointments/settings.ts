import type { ApiContext, SignedInAgent } from '../common/context.ts';
import { userError } from '../common/errors.ts';
import { isUuid } from '../common/uuid.ts';
import { type KindRow, listKinds, listResources, type ResourceRow } from './repository.ts';

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;
const KEY = /^[a-z0-9][a-z0-9-]{0,62}$/;
const refuse = (field: string, fr: string, en: string) => userError('BAD_USER_INPUT', `${fr} / ${en}`, { field });

/** Weekly openings checked: readable times, closing after opening, no two overlapping on one weekday. */
function checkedOpenings(openings: { weekday: number; opens: string; closes: string }[]) {
  openings.forEach((opening, index) => {
    const field = `openings.${index}`;
    if (!Number.isInteger(opening.weekday) || opening.weekday < 1 || opening.weekday > 7)
      throw refuse(`${field}.weekday`, 'Jour de 1 (lundi) à 7 (dimanche).', 'Weekday from 1 (Monday) to 7 (Sunday).');
    for (const side of ['opens', 'closes'] as const)
      if (!CLOCK.test(opening[side]))
        throw refuse(`${field}.${side}`, `Heure illisible : « ${opening[side]} » (HH:MM).`, 'Not a time (HH:MM).');
    if (opening.closes <= opening.opens)
      throw refuse(`${field}.closes`, 'La fermeture suit l’ouverture.', 'Closing must come after opening.');
    const overlapping = openings.findIndex(
      (other, i) =>
        i !== index &&
        other.weekday === opening.weekday &&
        other.opens < opening.closes &&
        opening.opens < other.closes,
    );
    if (overlapping >= 0)
      throw refuse(
        field,
        `Chevauche l’ouverture n° ${overlapping + 1} du même jour.`,
        'Overlaps another opening that day.',
      );
  });
  return openings;
}

/** Creates or changes a resource and replaces its openings. */
export async function saveResource(
  ctx: ApiContext,
  agent: SignedInAgent,
  args: {
    id?: string | null;
    name: string;
    kind: ResourceRow['kind'];
    agentId?: string | null;
    capacity: number;
    location?: string | null;
    openings: { weekday: number; opens: string; closes: string }[];
  },
): Promise<ResourceRow> {
  const name = args.name.trim();
  if (!name || name.length > 100)
    throw refuse('name', 'Nom requis (100 caractères au plus).', 'Name required (100 characters at most).');
  if (!Number.isInteger(args.capacity) || args.capacity < 1 || args.capacity > 50)
    throw refuse('capacity', 'Capacité de 1 à 50 personnes.', 'Capacity from 1 to 50 people.');
  const location = args.location?.trim() || null;
  if (location && location.length > 300)
    throw refuse('location', 'Lieu trop long (300 caractères au plus).', 'Location too long.');
  if (args.kind === 'AGENT' && !isUuid(args.agentId)) throw refuse('agentId', 'Quel agent ?', 'Which agent?');
  const agentId = args.kind === 'AGENT' ? args.agentId! : null;
  const openings = checkedOpenings(args.openings);
  if (args.id && !isUuid(args.id))
    throw userError('NOT_FOUND', 'Ressource introuvable. / No such resource.', { field: 'id' });
  return ctx.db.within(agent.municipalityId, async (tx) => {
    if (agentId && (await tx`select 1 from agents where id = ${agentId}`).length === 0)
      throw refuse('agentId', 'Agent introuvable dans cette commune.', 'No such agent in this town.');
    const taken =
      await tx`select 1 from appointment_resources where name = ${name} and id is distinct from ${args.id ?? null}`;
    if (taken.length) throw refuse('name', `« ${name} » existe déjà.`, 'This name is taken.');
    const values = { name, kind: args.kind, agent_id: agentId, capacity: args.capacity, location };
    const [row] = args.id
      ? await tx<{ id: string }[]>`update appointment_resources set ${tx(values)} where id = ${args.id} returning id`
      : await tx<
          { id: string }[]
        >`insert into appointment_resources ${tx({ ...values, municipality_id: agent.municipalityId })} returning id`;
    if (!row) throw userError('NOT_FOUND', 'Ressource introuvable. / No such resource.', { field: 'id' });
    await tx`delete from appointment_openings where resource_id = ${row.id}`;
    for (const opening of openings)
      await tx`insert into appointment_openings (municipality_id, resource_id, weekday, opens, closes)
        values (${agent.municipalityId}, ${row.id}, ${opening.weekday}, ${opening.opens}, ${opening.closes})`;
    return (await listResources(tx, [row.id]))[0]!;
  });
}

/** Creates or changes (by key) a kind of appointment and the resources serving it. */
export async function saveKind(
  ctx: ApiContext,
  agent: SignedInAgent,
  args: {
    key: string;
    nameFr: string;
    nameEn: string;
    minutes: number;
    reminderMinutes?: number | null;
    resourceIds: string[];
  },
): Promise<KindRow> {
  if (!KEY.test(args.key))
    throw refuse('key', 'Clé : minuscules, chiffres et tirets.', 'Key: lower-case letters, digits, dashes.');
  const nameFr = args.nameFr.trim();
  const nameEn = args.nameEn.trim() || nameFr;
  if (!nameFr || nameFr.length > 100) throw refuse('nameFr', 'Nom requis (100 caractères au plus).', 'Name required.');
  if (!Number.isInteger(args.minutes) || args.minutes < 5 || args.minutes > 480)
    throw refuse('minutes', 'Durée de 5 à 480 minutes.', 'Length from 5 to 480 minutes.');
  const reminderMinutes = args.reminderMinutes ?? 1440;
  if (!Number.isInteger(reminderMinutes) || reminderMinutes < 0 || reminderMinutes > 20160)
    throw refuse(
      'reminderMinutes',
      'Rappel de 0 à 20 160 minutes (14 jours).',
      'Reminder from 0 to 20,160 minutes (14 days).',
    );
  const bad = args.resourceIds.findIndex((id) => !isUuid(id));
  if (bad >= 0) throw refuse(`resourceIds.${bad}`, 'Ressource introuvable.', 'No such resource.');
  return ctx.db.within(agent.municipalityId, async (tx) => {
    const known = await listResources(tx, args.resourceIds);
    const knownIds = new Set(known.map((r) => r.id));
    const missing = args.resourceIds.findIndex((id) => !knownIds.has(id));
    if (missing >= 0) throw refuse(`resourceIds.${missing}`, 'Ressource introuvable.', 'No such resource.');
    const [kind] = await tx<{ id: string }[]>`
      insert into appointment_kinds (municipality_id, key, name_fr, name_en, minutes, reminder_minutes)
      values (${agent.municipalityId}, ${args.key}, ${nameFr}, ${nameEn}, ${args.minutes}, ${reminderMinutes})
      on conflict (municipality_id, key) do update set name_fr = excluded.name_fr, name_en = excluded.name_en,
        minutes = excluded.minutes, reminder_minutes = excluded.reminder_minutes
      returning id`;
    await tx`delete from appointment_kind_resources where kind_id = ${kind!.id}`;
    for (const resourceId of new Set(args.resourceIds))
      await tx`insert into appointment_kind_resources (municipality_id, kind_id, resource_id)
        values (${agent.municipalityId}, ${kind!.id}, ${resourceId})`;
    return (await listKinds(tx, args.key))[0]!;
  });
}

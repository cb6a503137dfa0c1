import { slotAt } from '@parvis/engine';
import { GraphQLError } from 'graphql';
import { EMAIL, PHONE } from '../common/contact-checks.ts';
import type { Database, Db } from '../common/database.ts';
import { userError } from '../common/errors.ts';
import { isUuid } from '../common/uuid.ts';
import { isPresent, townCalendar } from '../planning/presence.ts';
import {
  type AppointmentRow,
  heldSeats,
  listKinds,
  listResources,
  readAppointments,
  recordAttempt,
} from './repository.ts';

/** Who comes, and through which channel the booking was made. */
export interface Booker {
  personName: string;
  email: string | null;
  phone: string | null;
  channel: AppointmentRow['channel'];
}

type Action = 'BOOK' | 'MOVE' | 'CANCEL' | 'NO_SHOW';

/** Who acts: an agent of the town (their id), or the citizen from their tracking page (null). */
export interface Actor {
  municipalityId: string;
  id: string | null;
}

const refuse = (field: string, fr: string, en: string) => userError('BAD_USER_INPUT', `${fr} / ${en}`, { field });

/** The person, trimmed and checked: what is wrong names its field. */
export function checkedBooker(args: {
  personName: string;
  email?: string | null;
  phone?: string | null;
  channel: Booker['channel'];
}): Booker {
  const personName = args.personName.trim();
  const email = args.email?.trim() || null;
  const phone = args.phone?.trim() || null;
  if (!personName || personName.length > 200)
    throw refuse('personName', 'Nom requis (200 caractères au plus).', 'Name required (200 characters at most).');
  if (email && !EMAIL.test(email))
    throw refuse('email', `Adresse e-mail invalide : « ${email} ».`, 'Invalid e-mail address.');
  if (phone && !PHONE.test(phone))
    throw refuse('phone', `Numéro illisible : « ${phone} ».`, 'Phone number not readable.');
  return { personName, email, phone, channel: args.channel };
}

function checkedInstant(startsAt: string): string {
  const instant = new Date(startsAt);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(startsAt) || Number.isNaN(instant.getTime()))
    throw refuse(
      'startsAt',
      `Heure illisible : « ${startsAt} ».`,
      'Not an ISO 8601 instant, e.g. 2026-12-14T08:20:00Z.',
    );
  return instant.toISOString();
}

const notFound = (field: string) =>
  userError('NOT_FOUND', 'Rendez-vous introuvable. / No such appointment.', { field });

/**
 * Runs one booking action in the agent's town and records the attempt: granted in the same
 * transaction, refused (its error code) in a transaction of its own, since the refused one rolls back.
 */
async function attempt<T extends { id: string }>(
  db: Database,
  agent: Actor,
  action: Action,
  target: { appointmentId?: string; resourceId?: string; startsAt?: string },
  work: (tx: Db) => Promise<T>,
): Promise<T> {
  const base = { municipalityId: agent.municipalityId, action, agentId: agent.id, ...target };
  const known = (id?: string) => (id && isUuid(id) ? id : null);
  try {
    return await db.within(agent.municipalityId, async (tx) => {
      const result = await work(tx);
      await recordAttempt(tx, {
        ...base,
        appointmentId: result.id,
        resourceId: known(target.resourceId),
        outcome: 'GRANTED',
      });
      return result;
    });
  } catch (error) {
    const code = error instanceof GraphQLError ? String(error.extensions.code) : 'INTERNAL_SERVER_ERROR';
    await db
      .within(agent.municipalityId, (tx) =>
        recordAttempt(tx, {
          ...base,
          appointmentId: known(target.appointmentId),
          resourceId: known(target.resourceId),
          startsAt: target.startsAt && !Number.isNaN(Date.parse(target.startsAt)) ? target.startsAt : null,
          outcome: code,
        }),
      )
      .catch(() => undefined); // the refusal the caller gets matters more than its trace
    throw error;
  }
}

/** The slot at `startsAt` of a resource serving a kind, and a free seat in it; else the refusal. */
async function freeSeat(tx: Db, town: string, kindKey: string, resourceId: string, startsAt: string, except?: string) {
  const [kind] = await listKinds(tx, kindKey);
  if (!kind)
    throw userError('NOT_FOUND', `Type de rendez-vous inconnu : « ${kindKey} ». / No such kind of appointment.`, {
      field: 'kindKey',
    });
  if (!isUuid(resourceId) || !kind.resourceIds.includes(resourceId))
    throw userError(
      'NOT_FOUND',
      'Ce guichet ne reçoit pas ce type de rendez-vous. / This resource does not serve this kind.',
      {
        field: 'resourceId',
      },
    );
  // one booking of a resource at a time: the seat counted below is still free when inserted
  await tx`select 1 from appointment_resources where id = ${resourceId} for update`;
  const [resource] = await listResources(tx, [resourceId]);
  const calendar = await townCalendar(tx, town);
  const found = slotAt(startsAt, resource!.openings, kind.minutes, calendar);
  if ('closed' in found)
    throw userError(
      'DAY_CLOSED',
      found.closed === 'HOLIDAY'
        ? 'Ce jour est férié : la mairie est fermée. / A public holiday: the town hall is closed.'
        : 'La mairie est fermée ce jour-là. / The town hall is closed that day.',
      { field: 'startsAt', reason: found.closed },
    );
  if ('notASlot' in found)
    throw refuse(
      'startsAt',
      `Aucun créneau de ${kind.minutes} minutes ne commence à cette heure.`,
      `No ${kind.minutes}-minute slot starts then.`,
    );
  if (Date.parse(found.slot.startsAt) <= Date.now())
    throw userError('APPOINTMENT_PAST', 'Ce créneau est passé. / This slot has passed.', { field: 'startsAt' });
  if (
    resource!.agentId &&
    !(await isPresent(tx, town, resource!.agentId, { from: found.slot.startsAt, to: found.slot.endsAt }, calendar))
  )
    throw userError(
      'AGENT_ABSENT',
      `${resource!.name} n’est pas présent(e) à cette heure. / ${resource!.name} is not present then.`,
      { field: 'startsAt' },
    );
  const held = await heldSeats(tx, resourceId, found.slot.startsAt, found.slot.endsAt, except);
  const seat = Array.from({ length: resource!.capacity }, (_, i) => i + 1).find((s) => !held.has(s));
  if (!seat) throw userError('SLOT_TAKEN', 'Ce créneau est complet. / This slot is full.', { field: 'startsAt' });
  return { kind, slot: found.slot, seat };
}

/** The exclusion constraint's refusal (two bookings on one seat), should the lock ever be bypassed. */
const slotTakenOnConflict = (error: unknown): never => {
  if ((error as { code?: string }).code === '23P01')
    throw userError('SLOT_TAKEN', 'Ce créneau est complet. / This slot is full.', { field: 'startsAt' });
  throw error;
};

/** Books a slot for someone (at the counter, on the phone, online). */
export function bookAppointment(
  db: Database,
  agent: Actor,
  args: { kindKey: string; resourceId: string; startsAt: string; requestId?: string | null },
  booker: Booker,
): Promise<AppointmentRow> {
  const startsAt = checkedInstant(args.startsAt);
  return attempt(db, agent, 'BOOK', { resourceId: args.resourceId, startsAt }, async (tx) => {
    const { kind, slot, seat } = await freeSeat(tx, agent.municipalityId, args.kindKey, args.resourceId, startsAt);
    const [row] = await tx<{ id: string }[]>`
      insert into appointments (municipality_id, kind_id, resource_id, starts_at, ends_at, seat, person_name, email, phone,
        channel, request_id, booked_by)
      values (${agent.municipalityId}, ${kind.id}, ${args.resourceId}, ${slot.startsAt}, ${slot.endsAt}, ${seat},
        ${booker.personName}, ${booker.email}, ${booker.phone}, ${booker.channel}, ${args.requestId ?? null}, ${agent.id})
      returning id`.catch(slotTakenOnConflict);
    return (await readAppointments(tx, { ids: [row!.id] }))[0]!;
  });
}

/** A booked appointment, locked, that has not started yet; else why it cannot change. */
async function changeable(tx: Db, id: string): Promise<AppointmentRow> {
  if (!isUuid(id)) throw notFound('id');
  await tx`select 1 from appointments where id = ${id} for update`;
  const [appointment] = await readAppointments(tx, { ids: [id] });
  if (!appointment) throw notFound('id');
  if (appointment.status !== 'BOOKED')
    throw userError('NOT_ALLOWED', 'Ce rendez-vous est annulé ou clos. / This appointment is cancelled or closed.', {
      field: 'id',
      status: appointment.status,
    });
  if (Date.parse(appointment.startsAt) <= Date.now())
    throw userError('APPOINTMENT_PAST', 'Ce rendez-vous a déjà eu lieu. / This appointment has already taken place.', {
      field: 'id',
    });
  return appointment;
}

/** Moves an appointment to another slot (of the same kind; another resource serving it if given). */
export function moveAppointment(
  db: Database,
  agent: Actor,
  args: { id: string; startsAt: string; resourceId?: string | null },
): Promise<AppointmentRow> {
  const startsAt = checkedInstant(args.startsAt);
  return attempt(
    db,
    agent,
    'MOVE',
    { appointmentId: args.id, resourceId: args.resourceId ?? undefined, startsAt },
    async (tx) => {
      const current = await changeable(tx, args.id);
      const resourceId = args.resourceId ?? current.resource.id;
      const { slot, seat } = await freeSeat(
        tx,
        agent.municipalityId,
        current.kind.key,
        resourceId,
        startsAt,
        current.id,
      );
      await tx`update appointments set resource_id = ${resourceId}, starts_at = ${slot.startsAt}, ends_at = ${slot.endsAt},
      seat = ${seat}, sequence = sequence + 1 where id = ${current.id}`.catch(slotTakenOnConflict);
      return (await readAppointments(tx, { ids: [current.id] }))[0]!;
    },
  );
}

/** Cancels an appointment that has not started: its seat is free again. */
export function cancelAppointment(db: Database, agent: Actor, id: string): Promise<AppointmentRow> {
  return attempt(db, agent, 'CANCEL', { appointmentId: id }, async (tx) => {
    const current = await changeable(tx, id);
    await tx`update appointments set status = 'CANCELLED', cancelled_at = now(), sequence = sequence + 1 where id = ${id}`;
    return { ...current, status: 'CANCELLED', sequence: current.sequence + 1 };
  });
}

/** Records that nobody came to an appointment once it has started. */
export function recordNoShow(db: Database, agent: Actor, id: string): Promise<AppointmentRow> {
  return attempt(db, agent, 'NO_SHOW', { appointmentId: id }, async (tx) => {
    if (!isUuid(id)) throw notFound('id');
    const [row] = await tx<{ id: string }[]>`
      update appointments set status = 'NO_SHOW', no_show_at = now()
      where id = ${id} and status = 'BOOKED' and starts_at <= now() returning id`;
    if (!row) {
      const [appointment] = await readAppointments(tx, { ids: [id] });
      if (!appointment) throw notFound('id');
      throw userError(
        'NOT_ALLOWED',
        appointment.status === 'BOOKED'
          ? 'Ce rendez-vous n’a pas encore commencé. / This appointment has not started yet.'
          : 'Ce rendez-vous est annulé ou déjà noté absent. / This appointment is cancelled or already marked.',
        { field: 'id', status: appointment.status },
      );
    }
    return (await readAppointments(tx, { ids: [id] }))[0]!;
  });
}

import type { Db } from '../common/database.ts';

/** A resource as the API answers it. */
export interface ResourceRow {
  id: string;
  name: string;
  kind: 'COUNTER' | 'ROOM' | 'AGENT';
  agentId: string | null;
  capacity: number;
  location: string | null;
  openings: { weekday: number; opens: string; closes: string }[];
}

/** A kind of appointment as the API answers it. */
export interface KindRow {
  id: string;
  key: string;
  nameFr: string;
  nameEn: string;
  minutes: number;
  /** how long before its appointments the person is reminded; 0: never */
  reminderMinutes: number;
  resourceIds: string[];
}

/** An appointment as the API answers it (its kind and resource read along). */
export interface AppointmentRow {
  id: string;
  kind: KindRow;
  resource: ResourceRow;
  startsAt: string;
  endsAt: string;
  status: 'BOOKED' | 'CANCELLED' | 'NO_SHOW';
  personName: string;
  email: string | null;
  phone: string | null;
  channel: 'COUNTER' | 'PHONE' | 'ONLINE';
  requestId: string | null;
  sequence: number;
}

/** The town's resources with their weekly opening hours (`HH:MM`), by name. */
export function listResources(db: Db, ids?: string[]): Promise<ResourceRow[]> {
  return db<ResourceRow[]>`
    select r.id, r.name, r.kind, r.agent_id as "agentId", r.capacity, r.location,
      coalesce((select jsonb_agg(jsonb_build_object('weekday', o.weekday, 'opens', to_char(o.opens, 'HH24:MI'),
          'closes', to_char(o.closes, 'HH24:MI')) order by o.weekday, o.opens)
        from appointment_openings o where o.resource_id = r.id), '[]'::jsonb) as openings
    from appointment_resources r
    where ${ids ? db`r.id = any(${ids}::uuid[])` : db`true`}
    order by r.name`;
}

/** The town's kinds of appointment, by French name; `key` narrows to one. */
export function listKinds(db: Db, key?: string): Promise<KindRow[]> {
  return db<KindRow[]>`
    select k.id, k.key, k.name_fr as "nameFr", k.name_en as "nameEn", k.minutes,
      k.reminder_minutes as "reminderMinutes",
      coalesce((select array_agg(kr.resource_id order by kr.resource_id) from appointment_kind_resources kr
        where kr.kind_id = k.id), '{}') as "resourceIds"
    from appointment_kinds k
    where ${key === undefined ? db`true` : db`k.key = ${key}`}
    order by k.name_fr`;
}

interface StoredAppointment {
  id: string;
  kindId: string;
  resourceId: string;
  startsAt: Date;
  endsAt: Date;
  status: AppointmentRow['status'];
  personName: string;
  email: string | null;
  phone: string | null;
  channel: AppointmentRow['channel'];
  requestId: string | null;
  sequence: number;
}

/** Appointments by id, or those starting in [from, to) that were not cancelled, by start. */
export async function readAppointments(
  db: Db,
  where: { ids: string[] } | { from: string; to: string },
): Promise<AppointmentRow[]> {
  const rows = await db<StoredAppointment[]>`
    select id, kind_id as "kindId", resource_id as "resourceId", starts_at as "startsAt", ends_at as "endsAt", status,
      person_name as "personName", email, phone, channel, request_id as "requestId", sequence
    from appointments
    where ${
      'ids' in where
        ? db`id = any(${where.ids}::uuid[])`
        : db`starts_at >= ${where.from} and starts_at < ${where.to} and status <> 'CANCELLED'`
    }
    order by starts_at, resource_id, seat`;
  if (rows.length === 0) return [];
  const resources = new Map(
    (await listResources(db, [...new Set(rows.map((r) => r.resourceId))])).map((r) => [r.id, r]),
  );
  const kinds = new Map((await listKinds(db)).map((k) => [k.id, k]));
  return rows.map(({ kindId, resourceId, startsAt, endsAt, ...row }) => ({
    ...row,
    kind: kinds.get(kindId)!,
    resource: resources.get(resourceId)!,
    startsAt: startsAt.toISOString(),
    endsAt: endsAt.toISOString(),
  }));
}

/** How many seats of a resource are held at times overlapping [startsAt, endsAt), and which. */
export async function heldSeats(db: Db, resourceId: string, startsAt: string, endsAt: string, except?: string) {
  const rows = await db<{ seat: number }[]>`
    select seat from appointments
    where resource_id = ${resourceId} and status <> 'CANCELLED'
      and tstzrange(starts_at, ends_at) && tstzrange(${startsAt}::timestamptz, ${endsAt}::timestamptz)
      and ${except ? db`id <> ${except}` : db`true`}`;
  return new Set(rows.map((r) => r.seat));
}

/** Records an attempt at booking, moving, cancelling or marking a no-show, and what came of it. */
export async function recordAttempt(
  db: Db,
  attempt: {
    municipalityId: string;
    action: 'BOOK' | 'MOVE' | 'CANCEL' | 'NO_SHOW';
    appointmentId?: string | null;
    resourceId?: string | null;
    startsAt?: string | null;
    outcome: string;
    agentId?: string | null;
  },
): Promise<void> {
  await db`insert into appointment_attempts (municipality_id, action, appointment_id, resource_id, starts_at, outcome, agent_id)
    values (${attempt.municipalityId}, ${attempt.action}, ${attempt.appointmentId ?? null}, ${attempt.resourceId ?? null},
      ${attempt.startsAt ?? null}, ${attempt.outcome}, ${attempt.agentId ?? null})`;
}

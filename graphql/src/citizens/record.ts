import type { SignedInAgent } from '../common/context.ts';
import type { Db } from '../common/database.ts';
import { userError } from '../common/errors.ts';
import { isUuid } from '../common/uuid.ts';
import { requestShownTo } from '../requests/access.ts';
import { type RequestRow, requestRepository } from '../requests/repository.ts';
import { type CitizenContact, citizenContacts } from './contacts.ts';
import { type CitizenRow, citizenRepository } from './repository.ts';

/** What an agent's page on a citizen shows. */
export interface CitizenRecord {
  citizen: CitizenRow;
  /** The agent who created the record at the front desk, if one did. */
  createdBy: string | null;
  /** Their requests the agent may see (requests/access.ts), newest first. */
  requests: RequestRow[];
  contacts: CitizenContact[];
}

/** A record lists at most this many requests: a citizen's whole history fits in it. */
const MAX_REQUESTS = 500;

/**
 * A citizen of the agent's town with their requests and exchanges: identity for every agent who
 * works on requests (the front desk finds them anyway), requests and contacts only as far as the
 * request-access rule lets this agent see them. Another town's citizen does not exist here
 * (row-level security): NOT_FOUND, as for an unknown id.
 */
export async function loadCitizenRecord(tx: Db, agent: SignedInAgent, id: string): Promise<CitizenRecord> {
  const citizen = isUuid(id) ? await citizenRepository(tx).find(id) : undefined;
  if (!citizen) {
    throw userError('NOT_FOUND', `Aucun habitant ${id} dans votre commune. / No citizen ${id} in your town.`, {
      field: 'id',
    });
  }
  const requests = await requestRepository(tx).page(
    tx`r.citizen_id = ${citizen.id} and ${requestShownTo(tx, agent)}`,
    tx`r.submitted_at desc, r.id desc`,
    MAX_REQUESTS,
  );
  const ids = requests.map((r) => r.id);
  const [registrars, events, [creator]] = await Promise.all([
    tx<{ id: string; registered_by_name: string }[]>`select r.id, a.display_name as registered_by_name
      from requests r join agents a on a.id = r.registered_by where r.id = any(${ids}::uuid[])`,
    tx<{ request_id: string; kind: string; payload: Record<string, unknown>; occurred_at: Date }[]>`
      select request_id, kind, payload, occurred_at from timeline_events
      where request_id = any(${ids}::uuid[]) and kind in ('acknowledged', 'notified', 'messageReceived')`,
    tx<{ display_name: string }[]>`select a.display_name from citizens c join agents a on a.id = c.created_by
      where c.id = ${citizen.id}`,
  ]);
  const registeredBy = new Map(registrars.map((r) => [r.id, r.registered_by_name]));
  const addresses = [citizen.email, citizen.phone, ...requests.map((r) => r.citizen_email)].filter(
    (a): a is string => !!a,
  );
  return {
    citizen,
    createdBy: creator?.display_name ?? null,
    requests,
    contacts: citizenContacts({
      requests: requests.map((r) => ({ ...r, registered_by_name: registeredBy.get(r.id) ?? null })),
      events,
      addresses,
    }),
  };
}

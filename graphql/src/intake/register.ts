import { refuseDuplicate } from '../citizens/duplicate.ts';
import { citizenRepository, type NewCitizen } from '../citizens/repository.ts';
import type { CitizenRef } from '../citizens/resolve.ts';
import type { ApiContext, SignedInAgent } from '../common/context.ts';
import { userError } from '../common/errors.ts';
import { attachUploads } from '../files/attach.ts';
import { SCANS_FIELD } from '../files/scans.ts';
import { submitRequest } from '../requests/submit.ts';
import { checkCitizen } from './check-citizen.ts';

/** Channels an agent registers a request from, on a citizen's behalf. */
export type AgentChannel = 'counter' | 'phone' | 'post' | 'fax' | 'email';

/** How the citizen hears back about a registered request. */
export type ReplyMeans = 'email' | 'sms' | 'letter';

export interface Registration {
  procedureKey: string;
  channel: AgentChannel;
  citizen: NewCitizen & { id?: string | null };
  data: Record<string, unknown>;
  /** Uploads sent as scans (files/scans.ts): the letter, the fax, the papers brought in. */
  scans?: string[] | null;
  /** ISO 8601: when the town hall received it, when before its registration (a letter's arrival stamp) */
  receivedAt?: string | null;
}

/** How far back a registration may date its receipt: a letter stamped on arrival and typed in later. */
const RECEIPT_DAYS_BACK = 60;

/** The moment the town hall received it, checked: a date-time, not in the future, at most 60 days ago. */
export function receiptMoment(receivedAt: string | null | undefined, now: Date): Date | undefined {
  if (!receivedAt) return undefined;
  const at = new Date(receivedAt);
  const refuse = (why: string, whyEn: string) =>
    userError('BAD_USER_INPUT', `Date de réception « ${receivedAt} » : ${why}. / Date of receipt: ${whyEn}.`, {
      field: 'receivedAt',
    });
  if (!/^\d{4}-\d{2}-\d{2}T/.test(receivedAt) || Number.isNaN(at.getTime()))
    throw refuse(
      'une date et une heure ISO 8601 sont attendues, par ex. 2026-11-16T09:30:00+01:00',
      'an ISO 8601 date and time is expected',
    );
  if (at.getTime() > now.getTime() + 60_000) throw refuse('elle est dans le futur', 'it is in the future');
  if (now.getTime() - at.getTime() > RECEIPT_DAYS_BACK * 86_400_000)
    throw refuse(`elle remonte à plus de ${RECEIPT_DAYS_BACK} jours`, `it is more than ${RECEIPT_DAYS_BACK} days ago`);
  return at;
}

/**
 * How the reply goes back, by the channel's means: e-mail when the citizen has an address; a text
 * message for a phone call (or when they asked for them) when they have a number; a letter to
 * print for a request received by post, or when there is no other way.
 */
export function replyMeans(
  channel: AgentChannel,
  contact: { email?: string | null; phone?: string | null; smsWanted?: boolean },
): ReplyMeans[] {
  const means: ReplyMeans[] = [];
  if (contact.email) means.push('email');
  if (contact.phone && (channel === 'phone' || contact.smsWanted)) means.push('sms');
  if (channel === 'post' || means.length === 0) means.push('letter');
  return means;
}

/**
 * Files a request received at the counter, by phone, by post, by fax or by e-mail: the citizen is
 * the one named, or found by e-mail, or created — in the request's own transaction, so a refused
 * form leaves nothing behind. A new identity whose phone number is another record's is refused
 * (CITIZEN_EXISTS, naming it). The citizen's e-mail fills the form's when the agent left it out;
 * without one, the form's e-mail is not required (the reply goes by text message or letter).
 * A letter without all the procedure's pieces is registered all the same: its file is incomplete from
 * receipt. Scans are attached in the same transaction. Records who registered it, and when the town hall
 * received it when that was earlier (a letter stamped on arrival): the legal delays count from then.
 */
export async function registerRequest(ctx: ApiContext, agent: SignedInAgent, registration: Registration) {
  const receivedAt = receiptMoment(registration.receivedAt, new Date());
  const problems = checkCitizen(registration.citizen);
  if (problems.length > 0) {
    throw userError('BAD_USER_INPUT', "L'habitant est mal identifié. / The citizen is not well identified.", {
      fields: problems,
    });
  }
  const { id, ...identity } = registration.citizen;
  const known = await ctx.db.within(agent.municipalityId, async (tx) => {
    if (id) return citizenRepository(tx).find(id);
    const found = await citizenRepository(tx).duplicateOf(identity);
    // The same e-mail is the same person (merged, as the e-mail intake does); a shared phone may not be.
    if (found?.by === 'phone') await refuseDuplicate(tx, identity);
    return undefined;
  });
  if (id && !known) {
    throw userError('NOT_FOUND', `Habitant ${id} introuvable. / No such citizen.`, { field: 'citizen.id' });
  }
  const typed = typeof registration.data.email === 'string' ? registration.data.email.trim() : '';
  const email = known?.email ?? (identity.email?.trim().toLowerCase() || undefined);
  const phone = known?.phone ?? (identity.phone?.trim() || undefined);
  const means = replyMeans(registration.channel, {
    email: email ?? typed,
    phone,
    smsWanted: known?.notification_preferences.sms ?? identity.notificationPreferences?.sms,
  });
  const citizen: CitizenRef = known ? { id: known.id } : { create: { ...identity, email }, createdBy: agent.id };
  const scans = registration.scans ?? [];
  let citizenId: string | null = null;
  const submitted = await submitRequest(ctx.db, ctx.temporal, {
    municipalityId: agent.municipalityId,
    procedureKey: registration.procedureKey,
    data: email && registration.data.email === undefined ? { email, ...registration.data } : registration.data,
    channel: registration.channel,
    citizen,
    registeredBy: agent.id,
    looseFields: email || typed ? [] : ['email'],
    smsTo: means.includes('sms') ? phone : undefined,
    receivedAt,
    piecesMayLack: true,
    alongside: async (tx, request) => {
      if (scans.length > 0) {
        await attachUploads(tx, request.id, registration.procedureKey, [
          { field: SCANS_FIELD, path: 'scans', ids: scans },
        ]);
      }
      const [row] = await tx<{ citizen_id: string | null }[]>`select citizen_id from requests where id = ${request.id}`;
      citizenId = row?.citizen_id ?? null;
    },
  });
  return { ...submitted, replyBy: means, citizenId };
}

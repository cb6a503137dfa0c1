import type { Transporter } from 'nodemailer';
import type { Sql } from 'postgres';
import { type Audience, resolveRecipients } from '../notifications/recipients.ts';
import { failNotification } from '../notifications/rejection.ts';
import type { SmsGateway } from '../notifications/sms-gateway.ts';
import { type NotificationEvent, type ProcedureTexts, renderNotification } from '../notifications/templates.ts';
import { deliverOnce } from './deliver-once.ts';

/** What happened, in values; the activity turns them into words and dates for people. */
export interface NotificationFacts {
  trackingCode: string;
  procedureTitle: { fr: string; en: string };
  receivedAt?: string;
  dueAt?: string;
  task?: string;
  taskId?: string;
  groups?: string[];
  tasks?: string[];
  silence?: 'acceptance' | 'refusal' | 'none';
  implicitDecisionDate?: string;
  citizenEmail?: string;
}

export interface NotifyInput {
  requestId: string;
  municipalityId: string;
  /** unique per request and event occurrence, e.g. `acknowledgement`, `taskOpened:Answer#1` */
  key: string;
  event: NotificationEvent;
  audience: Audience;
  facts: NotificationFacts;
  texts?: ProcedureTexts;
}

export interface NotifyDependencies {
  sql: Sql;
  mailer: Transporter;
  sms: SmsGateway;
  publicUrl: string;
}

/** Sends one event's message to its audience, each recipient once; returns who was told how. */
export async function notify(
  deps: NotifyDependencies,
  input: NotifyInput,
): Promise<{ recipients: string[]; channels: string[] }> {
  // Both lookups go out together (postgres.js pipelines them): one round trip.
  const [[town], recipients] = await Promise.all([
    deps.sql<{ name: string; contact_email: string; time_zone: string }[]>`
      select name, contact_email, time_zone from municipalities where id = ${input.municipalityId}`,
    resolveRecipients(deps.sql, input.municipalityId, input.audience),
  ]);
  if (!town) throw new Error(`Municipality ${input.municipalityId} is not stored.`);
  const vars = describe(input.facts, town, deps.publicUrl);
  const { subject, text } = renderNotification(input.event, vars, input.texts);
  for (const recipient of recipients) {
    await deliverOnce(
      deps.sql,
      {
        requestId: input.requestId,
        key: `${input.key}:${recipient.channel}:${recipient.address}`,
        channel: recipient.channel,
        recipient: recipient.address,
        subject,
      },
      () =>
        recipient.channel === 'email'
          ? deps.mailer
              .sendMail({
                from: `${town.name} <${town.contact_email}>`,
                to: recipient.address,
                subject,
                text,
                messageId: `<${input.requestId}.${input.key.replace(/[^\w.-]/g, '_')}@parvis>`,
              })
              .then(() => undefined)
          : deps.sms.send(recipient.address, `${subject}\n${vars.trackingUrl}`),
    ).catch(failNotification);
  }
  return { recipients: recipients.map((r) => r.address), channels: [...new Set(recipients.map((r) => r.channel))] };
}

function describe(
  facts: NotificationFacts,
  town: { name: string; contact_email: string; time_zone: string },
  publicUrl: string,
): Record<string, string> {
  const dateTime = (iso: string | undefined, locale: string) =>
    iso
      ? formatter(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: town.time_zone }).format(new Date(iso))
      : '';
  const day = (date: string | undefined, locale: string) =>
    date ? formatter(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`)) : '';
  const email = facts.citizenEmail ? `?email=${encodeURIComponent(facts.citizenEmail)}` : '';
  const decisionFr = facts.silence === 'acceptance' ? 'acceptée' : 'rejetée';
  return {
    trackingCode: facts.trackingCode,
    procedure: facts.procedureTitle.fr,
    municipality: town.name,
    service: town.name,
    contact: town.contact_email,
    receivedAt: dateTime(facts.receivedAt, 'fr-FR'),
    dueDate: dateTime(facts.dueAt, 'fr-FR'),
    task: facts.task ?? '',
    groups: (facts.groups ?? []).join(', '),
    tasks: (facts.tasks ?? []).join(', '),
    trackingUrl: `${publicUrl}/suivi/${facts.trackingCode}`,
    taskUrl: facts.taskId ? `${publicUrl}/agent/taches/${facts.taskId}` : '',
    receiptUrl: `${publicUrl}/documents/${facts.trackingCode}/accuse-de-reception.pdf${email}`,
    certificateUrl:
      facts.silence === 'acceptance'
        ? `${publicUrl}/documents/${facts.trackingCode}/certificat-decision-implicite.pdf${email}`
        : '',
    silenceMention:
      facts.silence && facts.silence !== 'none' && facts.implicitDecisionDate
        ? `Sans réponse de l’administration au ${day(facts.implicitDecisionDate, 'fr-FR')}, votre demande sera réputée ${decisionFr}.`
        : '',
    silenceMentionEn:
      facts.silence && facts.silence !== 'none' && facts.implicitDecisionDate
        ? `Without an answer by ${day(facts.implicitDecisionDate, 'en-GB')}, your request will be deemed ${facts.silence === 'acceptance' ? 'accepted' : 'refused'}.`
        : '',
    decisionFr: `d’${facts.silence === 'acceptance' ? 'acceptation' : 'rejet'}`,
    decisionEn: facts.silence === 'acceptance' ? 'acceptance' : 'refusal',
    decisionEnPast: facts.silence === 'acceptance' ? 'accepted' : 'refused',
    decisionDate: day(facts.implicitDecisionDate, 'fr-FR'),
  };
}

// Making a date formatter costs far more than using one: each notification would make several.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale} ${JSON.stringify(options)}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, found);
  }
  return found;
}

// Sandbox-safe: a notification's facts (values) turned into the words and dates its texts show.
// Pure: the notify activity and the designer's dry run fill the same variables.

import type { BusinessAmount } from '../calendar/business-time.ts';
import { describeBusinessTime, describeDelay, type LegalDelay } from '../calendar/legal-delay.ts';
import { appealRoutes, noImplicitDecision } from './legal-mentions.ts';

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
  /** the request a duplicate was merged into (mergedInto) */
  mainTrackingCode?: string;
  /** when the request closed (requestClosed, told to its followers) */
  closedAt?: string;
  /** when the file became complete after pieces were missing: the legal delays run from then */
  completeAt?: string;
  /** the pieces missing (fileIncomplete) */
  missingPieces?: { fr: string; en: string }[];
  /** the civil date by which they must reach the town hall (fileIncomplete) */
  piecesDeadline?: string;
  /** after how long silence becomes a decision, as the procedure counts it */
  silenceDelay?: LegalDelay;
  /** why silence makes no decision (the procedure's `silence.reason`) */
  silenceReason?: { fr: string; en: string };
  /** the procedure's processing time (its SLA), in business days or hours */
  instructionDelay?: BusinessAmount;
  /** the agent group whose department handles the request (the acknowledgement's service in charge) */
  serviceGroup?: string;
}

/** The municipality that speaks: its name, contact address and time zone. */
export interface Town {
  name: string;
  contact_email: string;
  time_zone: string;
  /** the department in charge of the request, with how to reach it, when the town recorded one */
  department?: Department;
}

/** A department of the town as the acknowledgement names it (CRPA art. R112-5). */
export interface Department {
  name: string;
  postal_address: string | null;
  phone: string | null;
  email: string | null;
}

/**
 * The template variables of a notification, dates in the town's time zone and in the words of the
 * language of the text they fill (English texts get English dates), links under `publicUrl`.
 */
export function describeNotification(
  facts: NotificationFacts,
  town: Town,
  publicUrl: string,
  lang: 'fr' | 'en' = 'fr',
): Record<string, string> {
  const locale = lang === 'fr' ? 'fr-FR' : 'en-GB';
  const dateTime = (iso: string | undefined, locale: string) =>
    iso
      ? formatter(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: town.time_zone }).format(new Date(iso))
      : '';
  const day = (date: string | undefined, locale: string) =>
    date ? formatter(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`)) : '';
  const email = facts.citizenEmail ? `?email=${encodeURIComponent(facts.citizenEmail)}` : '';
  const decisionFr = facts.silence === 'acceptance' ? 'acceptée' : 'rejetée';
  const { department } = town;
  const silenceDelay = facts.silenceDelay ? describeDelay(facts.silenceDelay, lang) : '';
  const silenceDelayFr = facts.silenceDelay ? describeDelay(facts.silenceDelay, 'fr') : '';
  const silenceDelayEn = facts.silenceDelay ? describeDelay(facts.silenceDelay, 'en') : '';
  const implicit = facts.silence && facts.silence !== 'none' && facts.implicitDecisionDate;
  const rejection = implicit && facts.silence === 'refusal';
  const counted = facts.completeAt ? 'du dossier complet' : 'de votre demande';
  const countedEn = facts.completeAt ? 'of the complete file' : 'of your request';
  return {
    trackingCode: facts.trackingCode,
    procedure: facts.procedureTitle[lang],
    municipality: town.name,
    service: department ? `${department.name}, ${town.name}` : town.name,
    contact: department?.email ?? town.contact_email,
    serviceAddress: department?.postal_address ?? '',
    servicePhone: department?.phone ?? '',
    receivedAt: dateTime(facts.receivedAt, locale),
    // the delays ran from the complete file when pieces were missing (CRPA art. L114-5), else from receipt
    delayStart: dateTime(facts.completeAt ?? facts.receivedAt, locale),
    // an implicit rejection's appeal routes, for the mail that tells it
    appealRoutes: facts.silence === 'refusal' ? appealRoutes('implicitRejection', 'fr').join('\n') : '',
    appealRoutesEn: facts.silence === 'refusal' ? appealRoutes('implicitRejection', 'en').join('\n') : '',
    dueDate: dateTime(facts.dueAt, locale),
    closedAt: dateTime(facts.closedAt, locale),
    completeAt: dateTime(facts.completeAt, locale),
    missingPieces: (facts.missingPieces ?? []).map((piece) => `– ${piece[lang]}`).join('\n'),
    piecesDeadline: day(facts.piecesDeadline, locale),
    mainTrackingCode: facts.mainTrackingCode ?? '',
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
    // CRPA art. R112-5: what silence means and on which date, the appeal routes of an implicit
    // rejection, or that no implicit decision applies and why.
    silenceMention: implicit
      ? [
          `Sans réponse de l’administration dans un délai de ${silenceDelayFr} à compter de la réception ${counted}, soit au ${day(facts.implicitDecisionDate, 'fr-FR')}, votre demande sera réputée ${decisionFr}.`,
          ...(rejection ? appealRoutes('implicitRejection', 'fr') : []),
        ].join('\n')
      : facts.silence === 'none'
        ? noImplicitDecision('fr', facts.silenceReason)
        : '',
    silenceMentionEn: implicit
      ? [
          `Without an answer within ${silenceDelayEn} of the receipt ${countedEn}, that is by ${day(facts.implicitDecisionDate, 'en-GB')}, your request will be deemed ${facts.silence === 'acceptance' ? 'accepted' : 'refused'}.`,
          ...(rejection ? appealRoutes('implicitRejection', 'en') : []),
        ].join('\n')
      : facts.silence === 'none'
        ? noImplicitDecision('en', facts.silenceReason)
        : '',
    silenceDelay,
    instructionDelay: facts.instructionDelay ? describeBusinessTime(facts.instructionDelay, lang) : '',
    decisionFr: facts.silence === 'acceptance' ? 'd’acceptation' : 'de rejet',
    decisionEn: facts.silence === 'acceptance' ? 'acceptance' : 'refusal',
    decisionEnPast: facts.silence === 'acceptance' ? 'accepted' : 'refused',
    decisionDate: day(facts.implicitDecisionDate, locale),
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

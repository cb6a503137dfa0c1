// Sandbox-safe: a notification's facts (values) turned into the words and dates its texts show.
// Pure: the notify activity and the designer's dry run fill the same variables.

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
}

/** The municipality that speaks: its name, contact address and time zone. */
export interface Town {
  name: string;
  contact_email: string;
  time_zone: string;
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
  return {
    trackingCode: facts.trackingCode,
    procedure: facts.procedureTitle[lang],
    municipality: town.name,
    service: town.name,
    contact: town.contact_email,
    receivedAt: dateTime(facts.receivedAt, locale),
    dueDate: dateTime(facts.dueAt, locale),
    closedAt: dateTime(facts.closedAt, locale),
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

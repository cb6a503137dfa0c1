// Sandbox-safe: the links a mail about a request carries, and the footer that makes sure it does.
// Pure: the workers' notifications and send tasks, and the API's own mails, write them alike.

/** Days a tracking link mailed to a citizen opens their request without typing the e-mail. */
export const TRACKING_LINK_DAYS = 30;

/** The citizen's tracking page, opened by a link's token (issued and stored hashed by the caller). */
export const trackingLinkUrl = (publicUrl: string, trackingCode: string, token: string): string =>
  `${publicUrl}/suivi/${encodeURIComponent(trackingCode)}?lien=${encodeURIComponent(token)}`;

/** A town's portal on a shared host: `/t/<slug>/…`. */
export const TOWN_PREFIX = '/t/';

/**
 * The address of a town's portal, which its mails link to: its first host name, on the scheme and
 * port of PUBLIC_URL; else PUBLIC_URL itself for the default town (PARVIS_DEFAULT_TOWN), else
 * PUBLIC_URL with the town's path prefix.
 */
export function townPortalUrl(
  publicUrl: string,
  town: { id: string; hosts: readonly string[] },
  defaultTown: string | undefined,
): string {
  const host = town.hosts[0];
  if (host) {
    const base = new URL(publicUrl);
    base.hostname = host;
    return base.origin;
  }
  const root = publicUrl.replace(/\/+$/, '');
  return town.id === defaultTown ? root : `${root}${TOWN_PREFIX}${encodeURIComponent(town.id)}`;
}

/** The agents' page of a request (it answers only to agents the request concerns). */
export const agentRequestUrl = (publicUrl: string, trackingCode: string): string =>
  `${publicUrl}/agent/demandes/${encodeURIComponent(trackingCode)}`;

/**
 * A mail about a request carries its tracking code (in the subject) and a link that opens it (in
 * the body): what a procedure's own texts or send tasks leave out is added, in French and English.
 */
export function withRequestLink(
  mail: { subject: string; text: string },
  trackingCode: string,
  url: string,
): { subject: string; text: string } {
  const subject = mail.subject.includes(trackingCode) ? mail.subject : `${mail.subject} — ${trackingCode}`;
  const text = mail.text.includes(url)
    ? mail.text
    : `${mail.text.trimEnd()}\n\n—\nDemande n° ${trackingCode} : ${url}\nRequest ${trackingCode}: ${url}\n`;
  return { subject, text };
}

import {
  agentRequestUrl,
  type Department,
  describeNotification,
  type ProcedureTexts,
  renderNotification,
  withRequestLink,
} from '@parvis/engine';
import type { Notice } from '@parvis/engine/runtime';
import type { Transporter } from 'nodemailer';
import type { Sql } from 'postgres';
import { resolveRecipients } from '../notifications/recipients.ts';
import { failNotification } from '../notifications/rejection.ts';
import type { SmsGateway } from '../notifications/sms-gateway.ts';
import { townPublicUrl } from '../notifications/town-url.ts';
import { issueTrackingLink } from '../notifications/tracking-link.ts';
import { deliverOnce } from './deliver-once.ts';

/** A request's notice (the lifecycle's), for that request, in its procedure's texts. */
export interface NotifyInput extends Notice {
  requestId: string;
  municipalityId: string;
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
): Promise<{ recipients: string[]; channels: string[]; followers?: number }> {
  // The lookups go out together (postgres.js pipelines them): one round trip.
  const [[town], recipients, [department], publicUrl] = await Promise.all([
    deps.sql<{ name: string; contact_email: string; time_zone: string }[]>`
      select name, contact_email, time_zone from municipalities where id = ${input.municipalityId}`,
    resolveRecipients(deps.sql, input.municipalityId, input.audience),
    serviceInCharge(deps.sql, input.municipalityId, input.facts.serviceGroup),
    // Links lead to the town's own portal (its host name), not always PUBLIC_URL.
    townPublicUrl(deps.sql, deps.publicUrl, input.municipalityId),
  ]);
  if (!town) throw new Error(`Municipality ${input.municipalityId} is not stored.`);
  const speaker = department ? { ...town, department } : town;
  const vars = describeNotification(input.facts, speaker, publicUrl);
  // Every mail about a request carries its code and a link that opens it: the citizen's opens their
  // tracking page without the e-mail; agents' open the request's page.
  const trackingCode = input.facts.trackingCode;
  if (input.audience.citizen && recipients.length > 0)
    vars.trackingUrl = await issueTrackingLink(deps.sql, publicUrl, { id: input.requestId, trackingCode });
  const link = input.audience.citizen ? vars.trackingUrl! : agentRequestUrl(publicUrl, trackingCode);
  // English texts get English dates and titles; the links are the same.
  const varsEn = { ...describeNotification(input.facts, speaker, publicUrl, 'en'), trackingUrl: vars.trackingUrl! };
  const rendered = renderNotification(input.event, vars, input.texts, varsEn);
  // A request's followers are other citizens than its own: its code, never a link that opens it.
  const { subject, text } = input.audience.followersOf ? rendered : withRequestLink(rendered, trackingCode, link);
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
  // Followers' addresses stay out of the request's history (its citizen reads it): only how many.
  const followers = recipients.filter((r) => r.follower).length;
  return {
    recipients: recipients.filter((r) => !r.follower).map((r) => r.address),
    channels: [...new Set(recipients.map((r) => r.channel))],
    ...(followers > 0 ? { followers } : {}),
  };
}

/** The department of the group that handles the procedure (CRPA art. R112-5: the service in charge), if the town set one. */
function serviceInCharge(sql: Sql, municipalityId: string, group: string | undefined) {
  if (!group) return Promise.resolve([] as Department[]);
  return sql<Department[]>`select d.name, d.postal_address, d.phone, d.email
    from agent_groups g join departments d on d.id = g.department_id
    where g.municipality_id = ${municipalityId} and g.key = ${group}`;
}

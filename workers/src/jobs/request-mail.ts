import { agentRequestUrl, withRequestLink } from '@parvis/engine';
import type { NotifyDependencies } from '../activities/notify.ts';
import { townPublicUrl } from '../notifications/town-url.ts';
import { issueTrackingLink } from '../notifications/tracking-link.ts';
import type { Job } from './job-types.ts';

export interface RequestMail {
  subject: string;
  text: string;
  /** the mail goes to the citizen who filed the request */
  toCitizen: boolean;
}

/**
 * A send task's mail about its request, as it leaves: with the request's code in the subject and a
 * link that opens it — the citizen's tracking page without the e-mail (a tracking link) when it goes
 * to the request's citizen, the agents' request page otherwise.
 */
export async function addressRequestMail(
  deps: NotifyDependencies,
  job: Job,
  mail: { to: string; subject: string; text: string },
): Promise<RequestMail> {
  const [request] = await deps.sql<{ tracking_code: string; citizen_email: string | null }[]>`
    select tracking_code, citizen_email from requests where id = ${job.requestId}`;
  if (!request) return { ...mail, toCitizen: false };
  const toCitizen = request.citizen_email?.trim().toLowerCase() === mail.to.trim().toLowerCase();
  const publicUrl = await townPublicUrl(deps.sql, deps.publicUrl, job.municipalityId);
  const link = toCitizen
    ? await issueTrackingLink(deps.sql, publicUrl, { id: job.requestId, trackingCode: request.tracking_code })
    : agentRequestUrl(publicUrl, request.tracking_code);
  return { ...withRequestLink(mail, request.tracking_code, link), toCitizen };
}

/**
 * A send task's mail to the citizen joins the request's conversation, as the town hall's message:
 * the citizen and the agents read there what the procedure wrote (the question before an answer
 * box, most often). Written once per job, however often the job is retried.
 */
export async function recordInConversation(deps: NotifyDependencies, job: Job, text: string): Promise<void> {
  await deps.sql`insert into conversation_messages (municipality_id, request_id, side, kind, body, source)
    values (${job.municipalityId}, ${job.requestId}, 'townHall', 'message', ${text}, ${`job:${job.jobId}`})
    on conflict (request_id, source) where source is not null do nothing`;
}

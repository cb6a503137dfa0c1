// Node only: `parvis:appointment`, the BPMN step that invites the citizen to book a slot.
import type { Variables } from '@parvis/engine';
import { ApplicationFailure } from '@temporalio/activity';
import type { NotifyDependencies } from '../activities/notify.ts';
import type { Job } from '../jobs/job-types.ts';

/**
 * Invites the request's citizen to book a slot of the kind named by `kind` (a header or an input):
 * they pick it on the tracking page, and the booking is published as the `rendez-vous` message,
 * correlated by the invitation's id this answers as `appointmentInvitation`. Keyed by (request,
 * job): a retried job finds its invitation.
 */
export async function inviteToBook(deps: NotifyDependencies, job: Job): Promise<Variables> {
  const raw = job.variables.kind ?? job.headers.kind;
  const key = typeof raw === 'string' ? raw.trim() : '';
  if (!key)
    throw ApplicationFailure.nonRetryable(
      `Task ${job.elementId} (parvis:appointment) needs "kind": the key of a kind of appointment, as a header or an input mapping.`,
      'JOB_INPUT_MISSING',
    );
  const [kind] = await deps.sql<{ id: string }[]>`
    select id from appointment_kinds where municipality_id = ${job.municipalityId} and key = ${key}`;
  if (!kind)
    throw ApplicationFailure.nonRetryable(
      `Task ${job.elementId} (parvis:appointment): the town has no kind of appointment "${key}"; a manager defines it (docs/guides/appointments.md).`,
      'APPOINTMENT_KIND_UNKNOWN',
    );
  const [invitation] = await deps.sql<{ id: string }[]>`
    insert into appointment_invitations (municipality_id, request_id, job_id, kind_id)
    values (${job.municipalityId}, ${job.requestId}, ${job.jobId}, ${kind.id})
    on conflict (request_id, job_id) do update set kind_id = excluded.kind_id
    returning id`;
  return { appointmentInvitation: invitation!.id, appointmentKind: key };
}

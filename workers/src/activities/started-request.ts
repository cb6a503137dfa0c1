import { randomInt } from 'node:crypto';
import {
  type BusinessCalendar,
  DEFAULT_BUSINESS_CALENDAR,
  type Json,
  type ProcedureTexts,
  type ProcessIR,
  trackingCode,
  type Variables,
} from '@parvis/engine';
import type { Sql } from 'postgres';
import type { RequestWorkflowInput } from '../messages.ts';

/** A request a procedure starts itself, at one of its start events: nobody filed it. */
export interface StartedRequest {
  versionId: string;
  startEventId: string;
  /** `schedule` (a timer start), `message`, `signal` */
  channel: string;
  variables: Variables;
  /** once per key: a retried activity files nothing twice */
  onceKey: string;
}

/**
 * Files a request a procedure starts itself — through parvis_file_request (migration 136), the one
 * way a request is filed, as the API files submitted ones — and answers its workflow's input.
 */
export async function fileStartedRequest(sql: Sql, input: StartedRequest): Promise<RequestWorkflowInput> {
  return sql.begin(async (tx) => {
    const [version] = await tx<
      {
        municipality_id: string;
        ir: ProcessIR;
        forms: Record<string, Json>;
        texts: ProcedureTexts;
        title_fr: string;
        title_en: string;
      }[]
    >`select v.municipality_id, v.ir, v.forms, v.texts, p.title_fr, p.title_en
      from procedure_versions v join procedures p on p.municipality_id = v.municipality_id and p.key = v.procedure_key
      where v.id = ${input.versionId}`;
    if (!version) throw new Error(`Procedure version ${input.versionId} is not stored.`);
    const [request] = await tx<
      { id: string; tracking_code: string; submitted_at: Date; calendar: BusinessCalendar | null }[]
    >`select * from parvis_file_request(${version.municipality_id}, ${input.versionId}, ${trackingCode(randomInt)},
      ${input.channel}, ${tx.json(input.variables as never)}, once_key => ${input.onceKey})`;
    return {
      requestId: request!.id,
      municipalityId: version.municipality_id,
      trackingCode: request!.tracking_code,
      submittedAt: request!.submitted_at.toISOString(),
      citizen: {},
      procedureTitle: { fr: version.title_fr, en: version.title_en },
      ir: version.ir,
      forms: version.forms,
      texts: version.texts,
      calendar: request!.calendar ?? DEFAULT_BUSINESS_CALENDAR,
      variables: input.variables,
      startEventId: input.startEventId,
    };
  });
}

/** The request a scheduled procedure files each time its timer start event is due (channel `schedule`). */
export function fileScheduledRequest(
  sql: Sql,
  input: { versionId: string; startEventId: string; dueAt: string },
): Promise<RequestWorkflowInput> {
  return fileStartedRequest(sql, {
    versionId: input.versionId,
    startEventId: input.startEventId,
    channel: 'schedule',
    variables: {},
    onceKey: `schedule:${input.versionId}:${input.startEventId}:${input.dueAt}`,
  });
}

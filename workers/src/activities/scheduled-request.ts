import { randomInt } from 'node:crypto';
import {
  type BusinessCalendar,
  DEFAULT_BUSINESS_CALENDAR,
  type Json,
  type ProcedureTexts,
  type ProcessIR,
  trackingCode,
} from '@parvis/engine';
import type { Sql } from 'postgres';
import type { RequestWorkflowInput } from '../messages.ts';

/**
 * Files the request a scheduled procedure starts: a row on channel `schedule`, once per
 * (version, start event, due time) so a retried activity files nothing twice.
 */
export async function fileScheduledRequest(
  sql: Sql,
  input: { versionId: string; startEventId: string; dueAt: string },
): Promise<RequestWorkflowInput> {
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
    // The one way a request is filed (migration 136), as the API files submitted ones.
    const [request] = await tx<
      { id: string; tracking_code: string; submitted_at: Date; calendar: BusinessCalendar | null }[]
    >`select * from parvis_file_request(${version.municipality_id}, ${input.versionId}, ${trackingCode(randomInt)},
      'schedule', ${tx.json({})}, once_key => ${`schedule:${input.versionId}:${input.startEventId}:${input.dueAt}`})`;
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
      variables: {},
      startEventId: input.startEventId,
    };
  });
}

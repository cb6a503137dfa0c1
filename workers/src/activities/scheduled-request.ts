import { randomInt } from 'node:crypto';
import type { ProcedureTexts } from '@parvis/engine';
import {
  type BusinessCalendar,
  DEFAULT_BUSINESS_CALENDAR,
  type Json,
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
    const key = `schedule:${input.versionId}:${input.startEventId}:${input.dueAt}`;
    const code = trackingCode(randomInt);
    await tx`insert into requests (municipality_id, tracking_code, procedure_version_id, channel, data, workflow_id, schedule_key)
      values (${version.municipality_id}, ${code}, ${input.versionId}, 'schedule', ${tx.json({})}, ${`request-${code}`}, ${key})
      on conflict (schedule_key) do nothing`;
    const [request] = await tx<{ id: string; tracking_code: string; submitted_at: Date }[]>`
      select id, tracking_code, submitted_at from requests where schedule_key = ${key}`;
    const [stored] = await tx<{ calendar: BusinessCalendar | null }[]>`
      select parvis_business_calendar(${version.municipality_id}) as calendar`;
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
      calendar: stored?.calendar ?? DEFAULT_BUSINESS_CALENDAR,
      variables: {},
      startEventId: input.startEventId,
    };
  });
}

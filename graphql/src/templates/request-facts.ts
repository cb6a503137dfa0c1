import type { FormComponent, RequestFacts } from '@parvis/engine';
import type { Db } from '../common/database.ts';
import { trackingUrl } from '../documents/document-kinds.ts';
import type { RequestRow } from '../requests/repository.ts';

/** The citizen's name as a letter or a reply addresses them: first and last name, else empty. */
export function citizenName(citizen: { first_name: string | null; last_name: string | null } | undefined): string {
  return [citizen?.first_name, citizen?.last_name]
    .map((part) => part?.trim())
    .filter(Boolean)
    .join(' ');
}

/** What a request gives a reply template, read in the request's municipality. */
export async function requestFacts(tx: Db, request: RequestRow, publicUrl: string, now: Date): Promise<RequestFacts> {
  const [row] = await tx<
    {
      name: string;
      time_zone: string;
      first_name: string | null;
      last_name: string | null;
      form: { components: FormComponent[] } | null;
    }[]
  >`select m.name, m.time_zone, c.first_name, c.last_name, v.forms -> (v.ir ->> 'startFormId') as form
    from requests r
    join municipalities m on m.id = r.municipality_id
    join procedure_versions v on v.id = r.procedure_version_id
    left join citizens c on c.id = r.citizen_id
    where r.id = ${request.id}`;
  return {
    trackingCode: request.tracking_code,
    procedureTitle: { fr: request.procedure_title_fr, en: request.procedure_title_en },
    citizenName: citizenName(row),
    submittedAt: request.submitted_at.toISOString(),
    today: now.toISOString(),
    municipality: row?.name ?? '',
    timeZone: row?.time_zone ?? 'Europe/Paris',
    trackingUrl: trackingUrl(publicUrl, request.tracking_code),
    data: request.data,
    form: row?.form ?? undefined,
  };
}

import {
  type Department,
  type FormComponent,
  type ProcedureSettings,
  type ProcessIR,
  procedureSettings,
  type SilenceRegime,
  serviceGroup,
} from '@parvis/engine';
import type { Db } from '../common/database.ts';
import { withFileNames } from '../files/file-names.ts';
import { type SubmittedField, submittedFields } from './submitted-fields.ts';

/** What the documents of a request state, loaded in one read. */
export interface RequestDocument {
  municipalityId: string;
  trackingCode: string;
  citizenEmail: string | null;
  municipality: {
    name: string;
    contactEmail: string;
    timeZone: string;
    /** set by the town's administrator (branding): written in the letterhead when given */
    contactPhone?: string | null;
    contactAddress?: string | null;
    primaryColor?: string | null;
  };
  procedureTitle: { fr: string; en: string };
  submittedAt: Date;
  dueAt: Date | null;
  silenceRegime: SilenceRegime;
  implicitDecisionAt: Date | null;
  implicitDecision: 'acceptance' | 'refusal' | null;
  /** when the file became complete after pieces were missing (CRPA art. L114-5): the delays run from then */
  completeAt: Date | null;
  /** while the file is incomplete: what is missing and by when */
  missingPieces: { missing: { fr: string; en: string }[]; deadline: string } | null;
  /** the department in charge (CRPA art. R112-5), when the town recorded the group's */
  department: Department | null;
  /** the procedure version's settings: its delays, its pieces */
  settings: ProcedureSettings;
  submitted: SubmittedField[];
}

interface DocumentRow {
  municipality_id: string;
  tracking_code: string;
  citizen_email: string | null;
  municipality_name: string;
  contact_email: string;
  contact_phone: string | null;
  contact_address: string | null;
  primary_color: string | null;
  time_zone: string;
  title_fr: string;
  title_en: string;
  submitted_at: Date;
  due_at: Date | null;
  silence_regime: SilenceRegime;
  implicit_decision_at: Date | null;
  implicit_decision: 'acceptance' | 'refusal' | null;
  complete_at: Date | null;
  missing_pieces: RequestDocument['missingPieces'];
  ir: ProcessIR;
  data: Record<string, unknown>;
  start_form: { components: FormComponent[] } | null;
  /** names of the files sent with it, by id */
  file_names: Record<string, string>;
}

/** Reads within the request's municipality (row-level security keeps the others out). */
export async function loadRequestDocument(db: Db, trackingCode: string): Promise<RequestDocument | undefined> {
  const [row] = await db<DocumentRow[]>`
    select r.municipality_id, r.tracking_code, r.citizen_email, m.name as municipality_name, m.contact_email,
      m.contact_phone, m.contact_address, m.primary_color, m.time_zone, p.title_fr, p.title_en, r.submitted_at,
      r.due_at, r.silence_regime, r.implicit_decision_at,
      r.implicit_decision, r.complete_at, r.missing_pieces, v.ir, r.data, v.forms -> (v.ir ->> 'startFormId') as start_form,
      (select coalesce(jsonb_object_agg(f.id, f.name), '{}') from stored_files f where f.request_id = r.id) as file_names
    from requests r
    join municipalities m on m.id = r.municipality_id
    join procedure_versions v on v.id = r.procedure_version_id
    join procedures p on p.municipality_id = v.municipality_id and p.key = v.procedure_key
    where r.tracking_code = ${trackingCode}`;
  if (!row) return undefined;
  const group = serviceGroup(row.ir);
  const [department] = group
    ? await db<Department[]>`select d.name, d.postal_address, d.phone, d.email
        from agent_groups g join departments d on d.id = g.department_id
        where g.municipality_id = ${row.municipality_id} and g.key = ${group}`
    : [];
  return {
    municipalityId: row.municipality_id,
    trackingCode: row.tracking_code,
    citizenEmail: row.citizen_email,
    municipality: {
      name: row.municipality_name,
      contactEmail: row.contact_email,
      timeZone: row.time_zone,
      contactPhone: row.contact_phone,
      contactAddress: row.contact_address,
      primaryColor: row.primary_color,
    },
    procedureTitle: { fr: row.title_fr, en: row.title_en },
    submittedAt: row.submitted_at,
    dueAt: row.due_at,
    silenceRegime: row.silence_regime,
    implicitDecisionAt: row.implicit_decision_at,
    implicitDecision: row.implicit_decision,
    completeAt: row.complete_at,
    missingPieces: row.missing_pieces,
    department: department ?? null,
    settings: procedureSettings(row.ir.properties).settings,
    submitted: submittedFields(row.start_form ?? undefined, withFileNames(row.data, row.file_names)),
  };
}

/** Whether silence has made the decision an acceptance: the certificate of implicit acceptance exists. */
export async function hasImplicitAcceptance(db: Db, trackingCode: string): Promise<boolean> {
  const [row] = await db<{ accepted: boolean }[]>`
    select implicit_decision = 'acceptance' and implicit_decision_at is not null as accepted
    from requests where tracking_code = ${trackingCode}`;
  return row?.accepted ?? false;
}

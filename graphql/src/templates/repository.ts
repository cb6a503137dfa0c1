import type { Db } from '../common/database.ts';

/** 'reply': a message or mail (canned reply, closing reply); 'letter': a letter printed on the town's letterhead. */
export type TemplateKind = 'reply' | 'letter';

export interface ReplyTemplateRow {
  id: string;
  municipality_id: string;
  kind: TemplateKind;
  name: string;
  procedure_key: string | null;
  procedure_title_fr: string | null;
  procedure_title_en: string | null;
  subject_fr: string;
  body_fr: string;
  subject_en: string;
  body_en: string;
  updated_by_name: string | null;
  updated_at: Date;
}

/** What a manager writes. */
export interface ReplyTemplateInput {
  kind: TemplateKind;
  name: string;
  procedureKey?: string | null;
  subjectFr?: string | null;
  bodyFr: string;
  subjectEn?: string | null;
  bodyEn?: string | null;
}

/** Reply templates of the transaction's municipality (row-level security keeps the others out). */
export function replyTemplateRepository(db: Db) {
  const columns = db`t.id, t.municipality_id, t.kind, t.name, t.procedure_key, p.title_fr as procedure_title_fr,
    p.title_en as procedure_title_en, t.subject_fr, t.body_fr, t.subject_en, t.body_en,
    a.display_name as updated_by_name, t.updated_at`;
  const from = db`reply_templates t left join agents a on a.id = t.updated_by
    left join procedures p on p.municipality_id = t.municipality_id and p.key = t.procedure_key`;
  const find = async (id: string) => {
    const [row] = await db<ReplyTemplateRow[]>`select ${columns} from ${from} where t.id = ${id}::uuid`;
    return row;
  };
  return {
    find,
    /** The town's templates, by name; for a procedure, those for every procedure and its own. */
    list(filter: { kind?: TemplateKind | null; procedureKey?: string | null }) {
      return db<ReplyTemplateRow[]>`select ${columns} from ${from}
        where ${filter.kind ? db`t.kind = ${filter.kind}` : db`true`}
          and ${filter.procedureKey ? db`(t.procedure_key is null or t.procedure_key = ${filter.procedureKey})` : db`true`}
        order by lower(t.name), t.procedure_key nulls first`;
    },
    /** Another template of the same name for the same procedure (or for every procedure). */
    async sameName(name: string, procedureKey: string | null, exceptId: string | null) {
      const [row] = await db<{ id: string }[]>`select id from reply_templates
        where lower(name) = lower(${name.trim()}) and coalesce(procedure_key, '') = ${procedureKey ?? ''}
          and id <> coalesce(${exceptId}::uuid, '00000000-0000-0000-0000-000000000000'::uuid)`;
      return row;
    },
    /** Writes a new template, or changes one; undefined when there is no such template in this town. */
    async save(municipalityId: string, id: string | null, input: ReplyTemplateInput, agentId: string) {
      const values = {
        kind: input.kind,
        name: input.name.trim(),
        procedure_key: input.procedureKey || null,
        subject_fr: input.subjectFr?.trim() ?? '',
        body_fr: input.bodyFr.trim(),
        subject_en: input.subjectEn?.trim() ?? '',
        body_en: input.bodyEn?.trim() ?? '',
      };
      const [row] = id
        ? await db<{ id: string }[]>`update reply_templates set ${db(values)}, updated_by = ${agentId},
            updated_at = now() where id = ${id}::uuid returning id`
        : await db<{ id: string }[]>`insert into reply_templates ${db({
            ...values,
            municipality_id: municipalityId,
            updated_by: agentId,
          })} returning id`;
      return row ? find(row.id) : undefined;
    },
    async remove(id: string): Promise<boolean> {
      const rows = await db`delete from reply_templates where id = ${id}::uuid returning id`;
      return rows.length > 0;
    },
  };
}

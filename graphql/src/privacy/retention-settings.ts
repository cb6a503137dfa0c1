import {
  DEFAULT_RETENTION_MONTHS,
  type ProcessIR,
  type RetentionKind,
  retentionKind,
  retentionMonths,
  retentionProblem,
} from '@parvis/engine';
import type { Db } from '../common/database.ts';
import { userError } from '../common/errors.ts';

/** A procedure's retention period as the town's administrator and its data-protection officer read it. */
export interface ProcedureRetention {
  procedureKey: string;
  titleFr: string;
  titleEn: string;
  kind: RetentionKind;
  defaultMonths: number;
  /** the town's own period; null when the kind's default applies */
  townMonths: number | null;
  months: number;
}

/** What one retention sweep anonymised in one procedure (retention_purges, migration 200). */
export interface RetentionPurgeRow {
  id: string;
  at: Date;
  procedure_key: string;
  requests: number;
  policy: string;
  retention_months: number;
  retention_source: string;
}

/** Retention periods and sweeps of the transaction's town. */
export function retentionRepository(db: Db) {
  const periods = async (key?: string): Promise<ProcedureRetention[]> => {
    const rows = await db<
      { key: string; title_fr: string; title_en: string; retention_months: number | null; ir: ProcessIR }[]
    >`select p.key, p.title_fr, p.title_en, p.retention_months, v.ir from procedures p
      join lateral (select ir from procedure_versions v where v.procedure_key = p.key order by v.version desc limit 1) v on true
      where ${key === undefined ? db`true` : db`p.key = ${key}`}
      order by p.title_fr`;
    return rows.map((row) => {
      const kind = retentionKind(row.ir);
      return {
        procedureKey: row.key,
        titleFr: row.title_fr,
        titleEn: row.title_en,
        kind,
        defaultMonths: DEFAULT_RETENTION_MONTHS[kind],
        townMonths: row.retention_months,
        months: retentionMonths(kind, row.retention_months),
      };
    });
  };
  return {
    /** Every procedure of the town with a version, by title. */
    periods: () => periods(),
    /** One procedure's period; NOT_FOUND naming the key when the town has no such procedure. */
    async period(key: string): Promise<ProcedureRetention> {
      const [found] = await periods(key);
      if (!found)
        throw userError(
          'NOT_FOUND',
          `Aucune démarche « ${key} » dans votre commune. / No procedure "${key}" in your town.`,
          {
            field: 'procedureKey',
          },
        );
      return found;
    },
    /**
     * Sets the town's period for a procedure (null: back to its kind's default). A period that is not
     * a whole number of months from 1 to 1,200 is refused as BAD_USER_INPUT on the field `months`.
     */
    async set(key: string, months: number | null): Promise<{ before: ProcedureRetention; after: ProcedureRetention }> {
      const problem = months === null ? undefined : retentionProblem(months);
      if (problem) throw userError('BAD_USER_INPUT', `${problem.fr} / ${problem.en}`, { field: 'months' });
      const before = await this.period(key);
      await db`update procedures set retention_months = ${months}, updated_at = now() where key = ${key}`;
      return { before, after: await this.period(key) };
    },
    /** The latest sweeps' records, newest first. */
    purges(limit: number) {
      return db<
        RetentionPurgeRow[]
      >`select id::text, at, procedure_key, requests, policy, retention_months, retention_source
        from retention_purges order by at desc, id desc limit ${limit}`;
    },
  };
}

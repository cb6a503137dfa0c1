import type { Json } from '@parvis/engine';
import type { Db } from '../common/database.ts';

export interface LibraryVersionRow {
  key: string;
  version: number;
  title_fr: string;
  title_en: string;
  audience: string[];
  bpmn: string;
  forms: Record<string, Json>;
  texts: Record<string, Json>;
  groups: string[];
  shipped_at: Date;
}

/** A library procedure as the town's catalogue shows it. */
export interface CatalogueRow {
  key: string;
  title_fr: string;
  title_en: string;
  groups: string[];
  latest_version: number;
  /** the library version the town installed last; null when it did not */
  installed_version: number | null;
  /** the town's latest version of the procedure; null when it has no procedure with this key */
  town_version: number | null;
  /** the town's version the installed library version became */
  installed_town_version: number | null;
}

/** The library (shared by every town) and the installations of the transaction's town. */
export function libraryRepository(db: Db) {
  return {
    catalogue: () => db<CatalogueRow[]>`
      select l.key, l.title_fr, l.title_en, l.groups, l.version as latest_version,
        i.library_version as installed_version, i.town_version as installed_town_version,
        (select max(v.version) from procedure_versions v where v.procedure_key = l.key) as town_version
      from library_procedures l
      left join lateral (select library_version, town_version from library_installations i
        where i.procedure_key = l.key order by library_version desc limit 1) i on true
      where l.version = (select max(version) from library_procedures m where m.key = l.key)
      order by l.title_fr`,
    async version(key: string, version?: number) {
      const [row] = await db<LibraryVersionRow[]>`select key, version, title_fr, title_en, audience, bpmn, forms, texts,
          groups, shipped_at
        from library_procedures where key = ${key} ${version === undefined ? db`` : db`and version = ${version}`}
        order by version desc limit 1`;
      return row;
    },
    async installed(key: string) {
      const [row] = await db<{ library_version: number; town_version: number }[]>`
        select library_version, town_version from library_installations
        where procedure_key = ${key} order by library_version desc limit 1`;
      return row;
    },
    recordInstallation: (
      municipalityId: string,
      key: string,
      versions: { library: number; town: number },
      by: string,
    ) => db`insert into library_installations (municipality_id, procedure_key, library_version, town_version, installed_by)
      values (${municipalityId}, ${key}, ${versions.library}, ${versions.town}, ${by})`,
  };
}

import type { Json } from '@parvis/engine';
import type { Db } from '../common/database.ts';
import { userError } from '../common/errors.ts';
import { publishVersion, type VersionSource } from '../designer/publish.ts';
import { designerRepository } from '../designer/repository.ts';
import { type Adaptation, mergeUpgrade } from './merge.ts';
import { type LibraryVersionRow, libraryRepository } from './repository.ts';

export interface Installed {
  key: string;
  libraryVersion: number;
  townVersion: number;
  /** the town's version before an upgrade; null for an installation */
  previousTownVersion: number | null;
  /** for an upgrade: the town's adaptations, kept or replaced by the library's */
  adaptations: Adaptation[];
}

/** Publishes through the designer's path (same checks); a model the engine refuses is a PROCEDURE_INVALID. */
async function publish(db: Db, municipalityId: string, source: VersionSource, by: string): Promise<number> {
  const outcome = await publishVersion(db, municipalityId, source, by);
  if (!outcome.ok) {
    const first = outcome.problems[0]!;
    throw userError(
      'PROCEDURE_INVALID',
      `La démarche ne peut pas être publiée : ${first.elementId ? `${first.elementId} — ` : ''}${first.messageFr ?? first.message} / The procedure cannot be published: ${first.message}`,
      { problems: outcome.problems },
    );
  }
  return outcome.version;
}

async function libraryVersion(db: Db, key: string): Promise<LibraryVersionRow> {
  const row = await libraryRepository(db).version(key);
  if (!row)
    throw userError(
      'NOT_FOUND',
      `Pas de démarche « ${key} » dans la bibliothèque. / No procedure "${key}" in the library.`,
    );
  return row;
}

/**
 * Installs the library's latest version of a procedure as the town's own (transaction sealed to the
 * town): its version 1, not yet in the citizens' catalogue, for the town to adapt and publish.
 */
export async function installProcedure(db: Db, municipalityId: string, key: string, by: string): Promise<Installed> {
  const library = await libraryVersion(db, key);
  const [existing] = await designerRepository(db).procedures(key);
  if (existing) {
    const installed = await libraryRepository(db).installed(key);
    throw userError(
      'NOT_ALLOWED',
      installed
        ? `« ${key} » est déjà installée (version ${installed.library_version} de la bibliothèque) : mettez-la à jour. / "${key}" is installed already (library version ${installed.library_version}): upgrade it.`
        : `La commune a déjà sa propre démarche « ${key} », hors bibliothèque. / The town has its own procedure "${key}", not from the library.`,
      { field: 'key' },
    );
  }
  const townVersion = await publish(
    db,
    municipalityId,
    {
      key,
      bpmn: library.bpmn,
      forms: library.forms,
      texts: library.texts,
      title: { fr: library.title_fr, en: library.title_en },
    },
    by,
  );
  await db`update procedures set audience = ${library.audience}::text[] where key = ${key}`;
  await libraryRepository(db).recordInstallation(
    municipalityId,
    key,
    { library: library.version, town: townVersion },
    by,
  );
  return { key, libraryVersion: library.version, townVersion, previousTownVersion: null, adaptations: [] };
}

/**
 * Upgrades an installed procedure to the library's latest version: a new town version made of the
 * new library model, with the town's adaptations kept where the library did not change the same
 * part (mergeUpgrade). Never done by itself: the administrator asks for it.
 */
export async function upgradeProcedure(db: Db, municipalityId: string, key: string, by: string): Promise<Installed> {
  const library = await libraryVersion(db, key);
  const installed = await libraryRepository(db).installed(key);
  if (!installed)
    throw userError(
      'NOT_ALLOWED',
      `« ${key} » n'a pas été installée depuis la bibliothèque. / "${key}" was not installed from the library.`,
    );
  if (installed.library_version >= library.version)
    throw userError(
      'NOT_ALLOWED',
      `« ${key} » est déjà à la dernière version de la bibliothèque (${library.version}). / "${key}" is at the library's latest version already.`,
    );
  const base = await libraryRepository(db).version(key, installed.library_version);
  const town = await designerRepository(db).source(key);
  const { merged, adaptations } = mergeUpgrade(adaptable(base!), adaptable(town!), adaptable(library));
  const townVersion = await publish(db, municipalityId, { key, ...merged }, by);
  await libraryRepository(db).recordInstallation(
    municipalityId,
    key,
    { library: library.version, town: townVersion },
    by,
  );
  return { key, libraryVersion: library.version, townVersion, previousTownVersion: town!.version, adaptations };
}

const adaptable = (row: { bpmn: string; forms: Record<string, Json>; texts: Record<string, Json> }) => ({
  bpmn: row.bpmn,
  forms: row.forms,
  texts: row.texts,
});

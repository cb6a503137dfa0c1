import { type MappingProblem, type VersionMapping, versionMapping } from '@parvis/engine/runtime';
import type { ApiContext, SignedInAgent } from '../common/context.ts';
import { userError } from '../common/errors.ts';
import { requireRole } from '../common/roles.ts';
import { type MigrationVersionRow, migrationRepository } from './repository.ts';

/** What an analyst asks: the running requests of one version of a procedure, to another. */
export interface MigrationQuestion {
  procedureKey: string;
  fromVersion: number;
  toVersion: number;
  /** the analyst's pairs; elements with the same id and type map without them */
  mapping?: { from: string; to: string }[] | null;
}

export interface MigrationGround {
  analyst: SignedInAgent;
  from: MigrationVersionRow;
  to: MigrationVersionRow;
  /** the mapping in force */
  mapping: VersionMapping;
  /** the old elements the analyst mapped themselves */
  given: Set<string>;
}

/** Analysts move requests between versions: they answer for the models. */
export const MIGRATION_ROLES = ['analyst'] as const;

/**
 * The two versions and the mapping in force, or an error saying what and where, nothing changed:
 * NOT_FOUND for a version the town does not have, BAD_USER_INPUT for the same version twice, an
 * element mapped twice, or a mapping that cannot hold (extensions.problems: each pair and why —
 * another type, an unknown element, a target taken twice).
 */
export async function migrationGround(ctx: ApiContext, question: MigrationQuestion): Promise<MigrationGround> {
  const analyst = requireRole(ctx, ...MIGRATION_ROLES);
  const { procedureKey, fromVersion, toVersion } = question;
  if (fromVersion === toVersion)
    throw userError(
      'BAD_USER_INPUT',
      `La version d'arrivée doit différer de la version de départ (${fromVersion}). / The target version must differ from the source version (${fromVersion}).`,
      { field: 'toVersion' },
    );
  const [from, to] = await ctx.db.within(analyst.municipalityId, (tx) =>
    Promise.all([
      migrationRepository(tx).version(procedureKey, fromVersion),
      migrationRepository(tx).version(procedureKey, toVersion),
    ]),
  );
  for (const [row, version, field] of [
    [from, fromVersion, 'fromVersion'],
    [to, toVersion, 'toVersion'],
  ] as const)
    if (!row)
      throw userError(
        'NOT_FOUND',
        `La démarche ${procedureKey} n'a pas de version ${version}. / Procedure ${procedureKey} has no version ${version}.`,
        { field, procedureKey, version },
      );
  const pairs: Record<string, string> = {};
  for (const { from: source, to: target } of question.mapping ?? []) {
    if (source in pairs)
      throw userError(
        'BAD_USER_INPUT',
        `L'élément ${source} est associé deux fois. / Element ${source} is mapped twice.`,
        { field: 'mapping', elementId: source },
      );
    pairs[source] = target;
  }
  const { mapping, problems } = versionMapping(from!.ir, to!.ir, pairs);
  if (problems.length > 0) throw mappingRefused(problems);
  return { analyst, from: from!, to: to!, mapping, given: new Set(Object.keys(pairs)) };
}

function mappingRefused(problems: MappingProblem[]) {
  const [first] = problems;
  const more = problems.length > 1 ? ` (+${problems.length - 1})` : '';
  return userError('BAD_USER_INPUT', `${first!.message}${more}`, {
    field: 'mapping',
    problems: problems.map(({ code, elementId, targetId, message }) => ({ code, elementId, targetId, message })),
  });
}

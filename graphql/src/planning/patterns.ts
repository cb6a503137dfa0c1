// Working patterns edited by managers and administrators: checked in words (dates, half-days, an
// overlap with the agent's others, an agent of another town) before anything is written.
import { patternProblems, type WeekHalfDay, type WorkingPattern } from '@parvis/engine';
import type { SignedInAgent } from '../common/context.ts';
import type { Db } from '../common/database.ts';
import { userError } from '../common/errors.ts';
import { isUuid } from '../common/uuid.ts';

/** A pattern as the API answers it. */
export interface PatternRow extends WorkingPattern {
  id: string;
  agentId: string;
  weekA: WeekHalfDay[];
  weekB: WeekHalfDay[] | null;
}

/** A pattern to save for an agent of the town. */
export interface PatternInput extends WorkingPattern {
  agentId: string;
}

const FIELDS = (tx: Db) => tx`id, agent_id as "agentId", to_char(starts_on, 'YYYY-MM-DD') as "startsOn",
  to_char(ends_on, 'YYYY-MM-DD') as "endsOn", week_a as "weekA", week_b as "weekB"`;

/** The town's patterns (one agent's when given), by agent then start. */
export function listPatterns(tx: Db, agentId?: string): Promise<PatternRow[]> {
  if (agentId !== undefined && !isUuid(agentId)) return Promise.resolve([]);
  return tx<PatternRow[]>`select ${FIELDS(tx)} from working_patterns
    where ${agentId ? tx`agent_id = ${agentId}::uuid` : tx`true`} order by agent_id, starts_on`;
}

/**
 * Creates a pattern, or replaces the one `id` names. The agent must be of the town (the row-level
 * seal hides the others: they read as unknown); the pattern must not overlap the agent's others.
 */
export async function savePattern(tx: Db, by: SignedInAgent, input: PatternInput, id?: string): Promise<PatternRow> {
  const known = isUuid(input.agentId) && (await tx`select 1 from agents where id = ${input.agentId}::uuid`).length > 0;
  if (!known)
    throw userError('NOT_FOUND', `Aucun agent ${input.agentId} dans cette commune. / No such agent in this town.`, {
      field: 'pattern.agentId',
    });
  const mine = await listPatterns(tx, input.agentId);
  if (id !== undefined && !(isUuid(id) && mine.some((p) => p.id === id)))
    throw userError('NOT_FOUND', `Rythme ${id} introuvable pour cet agent. / No such pattern for this agent.`, {
      field: 'id',
    });
  const others = mine.filter((p) => p.id !== id);
  const pattern = { ...input, endsOn: input.endsOn || null, weekB: input.weekB?.length ? input.weekB : null };
  const [problem] = patternProblems(pattern, others);
  if (problem) throw userError('BAD_USER_INPUT', problem.message, { field: `pattern.${problem.field}` });
  const values = {
    starts_on: pattern.startsOn,
    ends_on: pattern.endsOn,
    week_a: [...new Set(pattern.weekA)],
    week_b: pattern.weekB ? [...new Set(pattern.weekB)] : null,
    updated_by: by.id,
  };
  try {
    const [row] = id
      ? await tx<PatternRow[]>`update working_patterns set ${tx(values)}, updated_at = now()
          where id = ${id}::uuid returning ${FIELDS(tx)}`
      : await tx<PatternRow[]>`insert into working_patterns ${tx({
          ...values,
          municipality_id: by.municipalityId,
          agent_id: input.agentId,
        })} returning ${FIELDS(tx)}`;
    return row!;
  } catch (error) {
    // another manager saved an overlapping pattern meanwhile: the exclusion constraint refuses this one
    if ((error as { code?: string }).code === '23P01')
      throw userError('BAD_USER_INPUT', "Chevauche un autre rythme de l'agent. / Overlaps another pattern.", {
        field: 'pattern.startsOn',
      });
    throw error;
  }
}

/** Deletes a pattern of the town; NOT_FOUND when there is none by that id. */
export async function deletePattern(tx: Db, id: string): Promise<boolean> {
  const rows = isUuid(id) ? await tx`delete from working_patterns where id = ${id}::uuid returning id` : [];
  if (rows.length === 0) throw userError('NOT_FOUND', `Rythme ${id} introuvable. / No such pattern.`, { field: 'id' });
  return true;
}

import type { Json, Variables } from '@parvis/engine/runtime';
import { resolveIncidentUpdate } from '@parvis/workers/messages';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { GraphQLError } from 'graphql';
import { auditSource, recordAudit } from '../audit/record.ts';
import type { ApiContext } from '../common/context.ts';
import { userError } from '../common/errors.ts';
import { requireRole } from '../common/roles.ts';
import type { RequestRow } from '../requests/repository.ts';
import { findWatchedRequest, WATCHERS } from './monitor-access.ts';

/** One incident of one request, as the town's list names it. */
export interface IncidentRef {
  trackingCode: string;
  incidentId: string;
}

/** The most incidents one bulk action takes: a selection of the list's page. */
export const MAX_BULK_INCIDENTS = 200;

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** New values for the request's variables: an object of FEEL-readable names, else BAD_USER_INPUT on `variables`. */
export function parseVariables(value: unknown): Variables {
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value))
    throw userError(
      'BAD_USER_INPUT',
      'variables doit être un objet { nom: valeur }. / variables must be an object { name: value }.',
      { field: 'variables' },
    );
  const wrong = Object.keys(value).find((name) => !VARIABLE_NAME.test(name));
  if (wrong !== undefined)
    throw userError(
      'BAD_USER_INPUT',
      `« ${wrong} » n'est pas un nom de variable (lettres, chiffres et _). / "${wrong}" is not a variable name (letters, digits and _).`,
      { field: 'variables', name: wrong },
    );
  return value as Record<string, Json>;
}

function alreadyResolved(ref: IncidentRef, at: Date, by: string | null) {
  const when = at.toISOString();
  return userError(
    'ALREADY_RESOLVED',
    `L'incident ${ref.incidentId} de la demande ${ref.trackingCode} a déjà été résolu (${when}${by ? `, par ${by}` : ''}) ; la demande a repris son cours, rien n'a été changé. / Incident ${ref.incidentId} of request ${ref.trackingCode} was already resolved (${when}${by ? `, by ${by}` : ''}); the request went on, nothing was changed.`,
    { trackingCode: ref.trackingCode, incidentId: ref.incidentId, resolvedAt: when },
  );
}

const notOpen = (ref: IncidentRef) =>
  userError(
    'NOT_FOUND',
    `La demande ${ref.trackingCode} n'a pas d'incident ouvert ${ref.incidentId}. / Request ${ref.trackingCode} has no open incident ${ref.incidentId}.`,
    { trackingCode: ref.trackingCode, incidentId: ref.incidentId },
  );

async function incidentRow(ctx: ApiContext, request: RequestRow, incidentId: string) {
  return ctx.db.within(request.municipality_id, async (tx) => {
    const [row] = await tx<
      { element_id: string; code: string; resolved_at: Date | null; resolved_by: string | null }[]
    >`
      select element_id, code, resolved_at, resolved_by from request_incidents
      where request_id = ${request.id} and incident_id = ${incidentId}`;
    return row;
  });
}

/**
 * Retries the step an incident stopped (no variables), or resolves it with new values of the request's
 * variables first; the request's workflow checks the incident is still open, and its timeline records
 * the resolution (who, and the names of the variables set); the town's audit log records the action.
 * Refused, nothing changed: an incident resolved already (ALREADY_RESOLVED, saying when and by whom),
 * one that is not open (NOT_FOUND), new values from a viewer who may not read the request's data (FORBIDDEN).
 */
export async function actOnIncident(ctx: ApiContext, ref: IncidentRef, variables: Variables): Promise<RequestRow> {
  const { request, personalData } = await findWatchedRequest(ctx, ref.trackingCode);
  const agent = ctx.agent!;
  const fields = Object.keys(variables);
  if (fields.length > 0 && !personalData)
    throw userError(
      'FORBIDDEN',
      `Résoudre avec de nouvelles valeurs est réservé à qui peut lire les données de la demande ${request.tracking_code} ; vous pouvez relancer l'étape sans valeurs. / Setting new values is for those who may read request ${request.tracking_code}'s data; you may retry the step without values.`,
      { trackingCode: request.tracking_code, field: 'variables' },
    );
  const known = await incidentRow(ctx, request, ref.incidentId);
  if (known?.resolved_at) throw alreadyResolved(ref, known.resolved_at, known.resolved_by);
  if (request.status === 'closed') throw notOpen(ref);
  try {
    await ctx.temporal.workflow.getHandle(request.workflow_id).executeUpdate(resolveIncidentUpdate, {
      args: [
        {
          incidentId: ref.incidentId,
          variables,
          actor: { id: agent.id, displayName: agent.displayName, groups: agent.groups },
        },
      ],
    });
  } catch (error) {
    if (!(error instanceof WorkflowUpdateFailedError)) throw error;
    // Another person resolved it meanwhile: say so as for a retry that came late.
    const now = await incidentRow(ctx, request, ref.incidentId);
    if (now?.resolved_at) throw alreadyResolved(ref, now.resolved_at, now.resolved_by);
    throw notOpen(ref);
  }
  await ctx.db.within(request.municipality_id, (tx) =>
    recordAudit(tx, {
      municipalityId: request.municipality_id,
      ...auditSource(ctx),
      action: fields.length > 0 ? 'incidents.resolved' : 'incidents.retried',
      target: `request:${request.tracking_code}`,
      details: {
        incidentId: ref.incidentId,
        elementId: known?.element_id ?? null,
        code: known?.code ?? null,
        ...(fields.length > 0 ? { fields } : {}),
      },
    }),
  );
  return request;
}

/** What became of one incident of a bulk action. */
export interface IncidentOutcome extends IncidentRef {
  done: boolean;
  error: { code: string; message: string } | null;
}

/**
 * The same action on each incident of a selection, one after the other: each succeeds or is refused
 * on its own (a refusal says why, beside its incident), so one resolved meanwhile stops no other.
 */
export async function actOnIncidents(ctx: ApiContext, refs: IncidentRef[], variables: Variables) {
  requireRole(ctx, ...WATCHERS);
  if (refs.length === 0 || refs.length > MAX_BULK_INCIDENTS)
    throw userError(
      'BAD_USER_INPUT',
      `Choisissez de 1 à ${MAX_BULK_INCIDENTS} incidents. / Choose 1 to ${MAX_BULK_INCIDENTS} incidents.`,
      { field: 'incidents' },
    );
  const outcomes: IncidentOutcome[] = [];
  for (const ref of refs) {
    try {
      await actOnIncident(ctx, ref, variables);
      outcomes.push({ ...ref, done: true, error: null });
    } catch (error) {
      const code = (error as GraphQLError).extensions?.code;
      if (typeof code !== 'string' || code === 'INTERNAL_SERVER_ERROR') throw error;
      outcomes.push({ ...ref, done: false, error: { code, message: (error as Error).message } });
    }
  }
  return outcomes;
}

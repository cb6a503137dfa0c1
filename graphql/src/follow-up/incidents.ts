import type { OpenIncident } from '@parvis/engine';
import { resolveIncidentUpdate, snapshotQuery } from '@parvis/workers/messages';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { ApiContext, SignedInAgent } from '../common/context.ts';
import { userError } from '../common/errors.ts';
import type { RequestRow } from '../requests/repository.ts';

/** What stops a request now, live from its workflow (empty once it is closed). */
export async function openIncidents(ctx: ApiContext, request: RequestRow): Promise<OpenIncident[]> {
  if (request.status === 'closed') return [];
  const { incidents } = await ctx.temporal.workflow.getHandle(request.workflow_id).query(snapshotQuery);
  return incidents;
}

/** An agent the request concerns (requests/access.ts), or a manager, retries the step that failed, once its cause is fixed. */
export async function resolveIncident(ctx: ApiContext, agent: SignedInAgent, request: RequestRow, incidentId: string) {
  try {
    await ctx.temporal.workflow.getHandle(request.workflow_id).executeUpdate(resolveIncidentUpdate, {
      args: [
        { incidentId, variables: {}, actor: { id: agent.id, displayName: agent.displayName, groups: agent.groups } },
      ],
    });
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError)
      throw userError('NOT_FOUND', (error.cause as Error | undefined)?.message ?? 'Refused.');
    throw error;
  }
  return request;
}

import type { OpenIncident } from '@parvis/engine';
import { snapshotQuery } from '@parvis/workers/messages';
import type { ApiContext } from '../common/context.ts';
import type { RequestRow } from '../requests/repository.ts';

/** What stops a request now, live from its workflow (empty once it is closed). */
export async function openIncidents(ctx: ApiContext, request: RequestRow): Promise<OpenIncident[]> {
  if (request.status === 'closed') return [];
  const { incidents } = await ctx.temporal.workflow.getHandle(request.workflow_id).query(snapshotQuery);
  return incidents;
}

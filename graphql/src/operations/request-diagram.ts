import type { Json, PendingTimer } from '@parvis/engine/runtime';
import { snapshotQuery } from '@parvis/workers/messages';
import type { ApiContext } from '../common/context.ts';
import { findWatchedRequest, MASKED_REASON } from './monitor-access.ts';

/** One element the request went through, with its times: a task, or where an incident held it. */
export interface PathStep {
  elementId: string;
  name: string | null;
  kind: 'TASK' | 'INCIDENT';
  enteredAt: Date;
  leftAt: Date | null;
  /** completed, cancelled, open; for an incident: resolved, open */
  outcome: string;
}

/** A variable of the request, its value only for a viewer who may see the request's data. */
export interface DiagramVariable {
  name: string;
  kind: 'TEXT' | 'NUMBER' | 'BOOLEAN' | 'LIST' | 'OBJECT' | 'EMPTY';
  value: Json | null;
  masked: boolean;
}

/** The kind of a value, which a masked variable still shows (the model names its variables anyway). */
function kindOf(value: Json | undefined): DiagramVariable['kind'] {
  if (value === null || value === undefined) return 'EMPTY';
  if (Array.isArray(value)) return 'LIST';
  if (typeof value === 'object') return 'OBJECT';
  if (typeof value === 'number') return 'NUMBER';
  if (typeof value === 'boolean') return 'BOOLEAN';
  return 'TEXT';
}

/**
 * A request on its procedure version's diagram: the BPMN it runs on, where it stands (live from its
 * workflow while it is open), the path it took (its tasks and incidents from PostgreSQL, with their
 * times) and its variables, masked for a viewer without the right to its data (monitor-access.ts).
 */
export type RequestDiagramSource = Awaited<ReturnType<typeof requestDiagram>>;
export type DiagramIncidentSource = RequestDiagramSource['incidents'][number];

export async function requestDiagram(ctx: ApiContext, trackingCode: string) {
  const { request, personalData } = await findWatchedRequest(ctx, trackingCode);
  const [stored, live] = await Promise.all([
    ctx.db.within(request.municipality_id, async (tx) => {
      const [version] = await tx<{ bpmn: string }[]>`select v.bpmn from requests r
        join procedure_versions v on v.id = r.procedure_version_id where r.id = ${request.id}`;
      const tasks = await tx<PathStep[]>`select element_id as "elementId", name, 'TASK' as kind,
          opened_at as "enteredAt", closed_at as "leftAt", status as outcome
        from tasks where request_id = ${request.id}`;
      const incidents = await tx<(PathStep & { code: string; message: string; incidentId: string })[]>`
        select element_id as "elementId", null as name, 'INCIDENT' as kind, opened_at as "enteredAt",
          resolved_at as "leftAt", case when resolved_at is null then 'open' else 'resolved' end as outcome,
          code, message, incident_id as "incidentId"
        from request_incidents where request_id = ${request.id}`;
      return { bpmn: version!.bpmn, tasks, incidents };
    }),
    request.status === 'closed' ? undefined : ctx.temporal.workflow.getHandle(request.workflow_id).query(snapshotQuery),
  ]);
  const path = [...stored.tasks, ...stored.incidents].sort(
    (a, b) => a.enteredAt.getTime() - b.enteredAt.getTime() || a.elementId.localeCompare(b.elementId),
  );
  const variables: DiagramVariable[] = Object.entries(live?.variables ?? request.data)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => ({
      name,
      kind: kindOf(value as Json),
      value: personalData ? ((value ?? null) as Json) : null,
      masked: !personalData,
    }));
  const since = new Map(stored.incidents.map((i) => [i.incidentId, i.enteredAt]));
  return {
    request,
    bpmn: stored.bpmn,
    activeElements: live?.activeElements ?? [],
    timers: (live?.timers ?? []).map((timer: PendingTimer) => ({ elementId: timer.elementId, fireAt: timer.fireAt })),
    incidents: (live?.incidents ?? []).map((incident) => ({
      ...incident,
      since: since.get(incident.incidentId) ?? null,
    })),
    path,
    variables,
    personalDataShown: personalData,
    personalDataNote: personalData ? null : MASKED_REASON,
  };
}

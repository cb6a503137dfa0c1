import { type ProcessIR, scheduledStarts } from '@parvis/engine';
import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import type { Sql } from 'postgres';
import { TASK_QUEUE } from './messages.ts';

/**
 * Gives each published procedure with a timer start event one schedule workflow, on its latest
 * version: a new version replaces the schedule of the old one; the same version is left alone.
 * Returns the schedules started.
 */
export async function syncProcedureSchedules(client: Client, sql: Sql): Promise<string[]> {
  const versions = await sql<{ id: string; municipality_id: string; procedure_key: string; ir: ProcessIR }[]>`
    select distinct on (v.municipality_id, v.procedure_key) v.id, v.municipality_id, v.procedure_key, v.ir
    from procedure_versions v join procedures p on p.municipality_id = v.municipality_id and p.key = v.procedure_key
    where p.published order by v.municipality_id, v.procedure_key, v.version desc`;
  const started: string[] = [];
  for (const version of versions) {
    for (const { startEventId } of scheduledStarts(version.ir, new Date().toISOString())) {
      const workflowId = `schedule-${version.municipality_id}-${version.procedure_key}-${startEventId}`;
      const handle = client.workflow.getHandle(workflowId);
      try {
        const described = await handle.describe();
        if (described.memo?.versionId === version.id) continue;
        if (described.status.name === 'RUNNING') await handle.terminate(`version ${version.id} replaces it`);
      } catch (error) {
        if (!(error instanceof WorkflowNotFoundError)) throw error;
      }
      await client.workflow.start('procedureScheduleWorkflow', {
        taskQueue: TASK_QUEUE,
        workflowId,
        memo: { versionId: version.id },
        args: [{ versionId: version.id, ir: version.ir, startEventId }],
      });
      started.push(workflowId);
    }
  }
  return started;
}

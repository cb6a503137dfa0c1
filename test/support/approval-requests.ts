import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deployProcedure } from '@parvis/graphql';
import { snapshotQuery } from '@parvis/workers/messages';
import { eventually, type GraphqlClient } from './graphql-client.ts';
import type { RunningParvis } from './parvis.ts';

// The approval-chain fixtures and what tests ask of a request that climbs them.

const SUBMIT = `mutation ($procedure: String!, $data: JSON!) {
  submitRequest(municipality: "demo", procedure: $procedure, data: $data) { trackingCode } }`;

/** Deploys test/fixtures/approval-chain.bpmn, approval-parallel.bpmn and approval-named.bpmn in `demo`. */
export async function deployApprovalProcedures(parvis: RunningParvis): Promise<void> {
  for (const key of ['approval-chain', 'approval-parallel', 'approval-named']) {
    const bpmn = await readFile(join(import.meta.dirname, '../fixtures', `${key}.bpmn`), 'utf8');
    await deployProcedure(parvis.sql, 'demo', { key, title: { fr: key, en: key }, bpmn, forms: {} }, 'test');
  }
}

export async function fileApprovalRequest(citizen: GraphqlClient, procedure: string, data: Record<string, unknown>) {
  const { submitRequest } = await citizen.data<{ submitRequest: { trackingCode: string } }>(SUBMIT, {
    procedure,
    data: { email: 'asso@example.fr', ...data },
  });
  return submitRequest.trackingCode;
}

export interface OpenTaskRow {
  id: string;
  element_id: string;
  candidate_groups: string[];
}

/** Waits for the open tasks of a request to be exactly `count` (of an element, if given). */
export function openTasks(parvis: RunningParvis, code: string, count: number, elementId?: string) {
  return eventually(async () => {
    const rows = await parvis.sql<OpenTaskRow[]>`select t.id, t.element_id, t.candidate_groups from tasks t
      join requests r on r.id = t.request_id where r.tracking_code = ${code} and t.status = 'open'
        and (${elementId ?? null}::text is null or t.element_id = ${elementId ?? null})
      order by t.opened_at, t.task_key`;
    return rows.length === count ? rows : undefined;
  });
}

/** The front desk instructs the request: completes its `Prepare` task, with no data. */
export async function completePrepare(parvis: RunningParvis, accueil: GraphqlClient, code: string) {
  const [task] = await openTasks(parvis, code, 1, 'Prepare');
  await accueil.data(`mutation ($id: ID!) { completeTask(taskId: $id, data: {}) { status } }`, { id: task!.id });
}

/** The one open task of a request for a group. */
export async function openTaskFor(parvis: RunningParvis, code: string, group: string) {
  return eventually(async () => {
    const [row] = await parvis.sql<OpenTaskRow[]>`select t.id, t.element_id, t.candidate_groups from tasks t
      join requests r on r.id = t.request_id
      where r.tracking_code = ${code} and t.status = 'open' and ${group} = any(t.candidate_groups)`;
    return row;
  });
}

export async function requestStatus(parvis: RunningParvis, code: string) {
  const [row] = await parvis.sql<{ status: string; workflow_id: string; id: string }[]>`
    select status, workflow_id, id from requests where tracking_code = ${code}`;
  return row!;
}

/** Waits for the request to close and gives its final variables, straight from the workflow. */
export async function closedWith(parvis: RunningParvis, code: string) {
  const { workflow_id } = await eventually(async () => {
    const row = await requestStatus(parvis, code);
    return row.status === 'closed' ? row : undefined;
  });
  const snapshot = await parvis.temporal.workflow.getHandle(workflow_id).query(snapshotQuery);
  return snapshot.variables;
}

export interface SignedEvent {
  position: number;
  payload: {
    decision: string;
    name: string;
    comment: string;
    signer: { id: string; name: string };
    onBehalfOf?: { id: string; name: string };
    delegationId?: string;
    signature: string;
    signedPayload: string;
    keyFingerprint: string;
  };
}

export function signedEvents(parvis: RunningParvis, code: string) {
  return parvis.sql<SignedEvent[]>`select e.position, e.payload from timeline_events e
    join requests r on r.id = e.request_id where r.tracking_code = ${code} and e.kind = 'signed' order by e.position`;
}

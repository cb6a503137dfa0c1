import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deployProcedure } from '@parvis/graphql';
import { verifyTimeline } from '@parvis/workers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type GraphqlClient } from '../support/graphql-client.ts';
import { type RunningParvis, startParvis } from '../support/parvis.ts';

// Requests continue as new past 60 history events here (2,000 in production).
process.env.PARVIS_HISTORY_LIMIT = '60';

const INBOX = '{ inbox: workQueue(filter: { scope: AVAILABLE }, first: 200) { id request { trackingCode } } }';
const COMPLETE = 'mutation ($id: ID!, $data: JSON) { completeTask(taskId: $id, data: $data) { status } }';

describe('a long request continues as new with its state', () => {
  let parvis: RunningParvis;
  let agent: GraphqlClient;

  beforeAll(async () => {
    parvis = await startParvis();
    const bpmn = await readFile(join(import.meta.dirname, '../fixtures/follow-up-procedure.bpmn'), 'utf8');
    await deployProcedure(
      parvis.sql,
      'demo',
      { key: 'follow-up', title: { fr: 'Suivi répété', en: 'Repeated follow-up' }, bpmn, forms: {} },
      'test',
    );
    agent = parvis.client();
    await agent.data(
      'mutation { signIn(municipality: "demo", email: "accueil@demoville.fr", password: "demo-accueil") { id } }',
    );
  });
  afterAll(async () => {
    delete process.env.PARVIS_HISTORY_LIMIT;
    await parvis?.stop();
  });

  it('keeps its open task, its variables and its timeline across runs, and closes', async () => {
    // given a request whose task comes back until someone says it is done
    const { submitRequest } = await parvis
      .client()
      .data<{ submitRequest: { trackingCode: string } }>(
        'mutation { submitRequest(municipality: "demo", procedure: "follow-up", data: { email: "long@example.fr" }) { trackingCode } }',
      );
    const code = submitRequest.trackingCode;
    const openTask = () =>
      eventually(async () =>
        (await agent.data<{ inbox: { id: string; request: { trackingCode: string } }[] }>(INBOX)).inbox.find(
          (t) => t.request.trackingCode === code,
        ),
      );

    // when an agent follows it up eight times, then closes it
    for (let round = 1; round <= 8; round++)
      await agent.data(COMPLETE, { id: (await openTask()).id, data: { done: false, round } });
    await agent.data(COMPLETE, { id: (await openTask()).id, data: { done: true } });

    // then it ran over several workflow runs
    const runs: string[] = [];
    for await (const run of parvis.temporal.workflow.list({ query: `WorkflowId = "request-${code}"` }))
      runs.push(run.status.name);
    expect(runs.length).toBeGreaterThan(1);
    expect(runs).toContain('CONTINUED_AS_NEW');

    // and nothing was lost or repeated: nine completions, one closure, an intact chain
    const [request] = await parvis.sql<
      { id: string; status: string }[]
    >`select id, status from requests where tracking_code = ${code}`;
    expect(request?.status).toBe('closed');
    const kinds = (
      await parvis.sql<
        { kind: string }[]
      >`select kind from timeline_events where request_id = ${request!.id} order by position`
    ).map((e) => e.kind);
    expect(kinds.filter((k) => k === 'taskCompleted')).toHaveLength(9);
    expect(kinds.filter((k) => k === 'closed')).toHaveLength(1);
    expect((await verifyTimeline(parvis.sql, request!.id)).ok).toBe(true);
  });
});

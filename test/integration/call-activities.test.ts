import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deployProcedure } from '@parvis/graphql';
import { verifyTimeline } from '@parvis/workers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type GraphqlClient } from '../support/graphql-client.ts';
import { type RunningParvis, startParvis } from '../support/parvis.ts';

const fixture = (name: string) => readFile(join(import.meta.dirname, '../fixtures', name), 'utf8');
const INBOX = '{ inbox: workQueue(filter: { scope: AVAILABLE }, first: 200) { id name request { trackingCode } } }';
const COMPLETE = 'mutation ($id: ID!, $data: JSON) { completeTask(taskId: $id, data: $data) { status } }';
const submit = (procedure: string) =>
  `mutation { submitRequest(municipality: "demo", procedure: "${procedure}", data: { email: "appel@example.fr" }) { trackingCode } }`;

describe('a call activity runs the called procedure as a child of the request', () => {
  let parvis: RunningParvis;
  let agent: GraphqlClient;

  beforeAll(async () => {
    parvis = await startParvis();
    const calling = await fixture('calling-procedure.bpmn');
    const deploy = (key: string, bpmn: string) =>
      deployProcedure(parvis.sql, 'demo', { key, title: { fr: key, en: key }, bpmn, forms: {} }, 'test');
    await deploy('verification', await fixture('verification-procedure.bpmn'));
    await deploy('calling', calling.replace('CALLED_PROCESS', 'verification'));
    await deploy(
      'calling-nothing',
      calling.replace('CALLED_PROCESS', 'not-deployed').replace('id="calling"', 'id="calling-nothing"'),
    );
    await deploy('missing-piece', await fixture('missing-piece-procedure.bpmn'));
    await deploy('calling-with-error', await fixture('calling-with-error-procedure.bpmn'));
    agent = parvis.client();
    await agent.data(
      'mutation { signIn(municipality: "demo", email: "manager@demoville.fr", password: "demo-manager") { id } }',
    );
  });
  afterAll(() => parvis?.stop());

  const task = (code: string, name: string) =>
    eventually(async () =>
      (
        await agent.data<{ inbox: { id: string; name: string; request: { trackingCode: string } }[] }>(INBOX)
      ).inbox.find((t) => t.request.trackingCode === code && t.name === name),
    );

  it("shows the child's task in the request, brings its answer back, and closes the request once", async () => {
    // given a request whose first step calls the verification procedure
    const { submitRequest } = await parvis
      .client()
      .data<{ submitRequest: { trackingCode: string } }>(submit('calling'));
    const code = submitRequest.trackingCode;

    // when the agent completes the child's task
    await agent.data(COMPLETE, { id: (await task(code, 'Vérifier la pièce')).id, data: { compliant: true } });

    // then the parent goes on with what the child found
    await agent.data(COMPLETE, { id: (await task(code, 'Conclure')).id, data: {} });
    const [request] = await eventually(async () => {
      const rows = await parvis.sql<
        { id: string; status: string }[]
      >`select id, status from requests where tracking_code = ${code}`;
      return rows[0]?.status === 'closed' ? rows : undefined;
    });
    const kinds = (
      await parvis.sql<
        { kind: string }[]
      >`select kind from timeline_events where request_id = ${request!.id} order by position`
    ).map((e) => e.kind);
    expect(kinds.filter((k) => k === 'taskCompleted')).toHaveLength(2);
    expect(kinds.indexOf('callEnded')).toBeLessThan(kinds.indexOf('closed'));
    expect(kinds.filter((k) => k === 'closed')).toHaveLength(1);
    expect((await verifyTimeline(parvis.sql, request!.id)).ok).toBe(true);
  });

  it('holds an incident naming the process when the called procedure is not deployed', async () => {
    const { submitRequest } = await parvis
      .client()
      .data<{ submitRequest: { trackingCode: string } }>(submit('calling-nothing'));
    const { request } = await eventually(async () => {
      const found = await agent.data<{ request: { incidents: { elementId: string; message: string }[] } }>(
        'query ($code: String!) { request(trackingCode: $code) { incidents { elementId message } } }',
        { code: submitRequest.trackingCode },
      );
      return found.request.incidents.length > 0 ? found : undefined;
    });
    expect(request.incidents[0]?.elementId).toBe('Verify');
    expect(request.incidents[0]?.message).toContain('not-deployed');
  });

  it('an error the called procedure does not catch takes the error boundary of its call activity', async () => {
    // given a request whose called procedure ends on an error « PIECE_MANQUANTE » it does not catch
    const { submitRequest } = await parvis
      .client()
      .data<{ submitRequest: { trackingCode: string } }>(submit('calling-with-error'));
    // then the caller's boundary for that code takes it: the agents are asked to request the piece
    await task(submitRequest.trackingCode, 'Demander la pièce');
    // and the request's timeline says the called procedure ended on that failure
    const ended = await parvis.sql<{ payload: { outcome: string } }[]>`select e.payload from timeline_events e
      join requests r on r.id = e.request_id where r.tracking_code = ${submitRequest.trackingCode} and e.kind = 'callEnded'`;
    expect(ended.map((e) => e.payload.outcome)).toEqual(['failed']);
    const { request } = await agent.data<{ request: { status: string; incidents: unknown[] } }>(
      'query ($code: String!) { request(trackingCode: $code) { status incidents { elementId } } }',
      { code: submitRequest.trackingCode },
    );
    expect(request).toMatchObject({ status: 'inProgress', incidents: [] });
  });
});

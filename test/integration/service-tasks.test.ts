import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { deployProcedure } from '@parvis/graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/graphql-client.ts';
import { type RunningParvis, startParvis } from '../support/parvis.ts';

const SUBMIT = `mutation ($data: JSON!) { submitRequest(municipality: "demo", procedure: "service-tasks", data: $data) { trackingCode } }`;

describe('service and send tasks run as Parvis job types', () => {
  let parvis: RunningParvis;
  let registry: Server;
  const calls: { body: unknown; idempotencyKey?: string }[] = [];
  let registryDown = true;

  beforeAll(async () => {
    // given a municipal registry answering over HTTP
    registry = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        calls.push({ body: JSON.parse(body), idempotencyKey: req.headers['idempotency-key'] as string });
        if (registryDown) {
          res.statusCode = 503;
          res.end('maintenance');
          return;
        }
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ owner: 'Commune de Démoville' }));
      });
    });
    await new Promise<void>((done) => registry.listen(0, '127.0.0.1', done));
    const address = registry.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/parcels`;
    parvis = await startParvis();
    const bpmn = (
      await readFile(join(import.meta.dirname, '../fixtures/service-tasks-procedure.bpmn'), 'utf8')
    ).replace('REGISTRY_URL', url);
    await deployProcedure(
      parvis.sql,
      'demo',
      { key: 'service-tasks', title: { fr: 'Tâches automatiques', en: 'Automatic tasks' }, bpmn, forms: {} },
      'test',
    );
  });
  afterAll(async () => {
    await parvis?.stop();
    registry?.close();
  });

  const incidents = async (code: string) =>
    (
      await parvis.sql<{ payload: { elementId: string; message: string } }[]>`
        select e.payload from timeline_events e join requests r on r.id = e.request_id
        where r.tracking_code = ${code} and e.kind = 'incident' order by e.position`
    ).map((row) => row.payload);

  it('retries a failing webhook, then holds an incident an agent resolves; a job type Parvis does not run waits for its external worker', async () => {
    // given the registry is down
    const { submitRequest } = await parvis.client().data<{ submitRequest: { trackingCode: string } }>(SUBMIT, {
      data: { parcel: 'AB-12', email: 'nadia@example.fr' },
    });
    const code = submitRequest.trackingCode;

    // then the call is retried as the model says (3 times), then stops on an incident
    const [down] = await eventually(async () => ((await incidents(code)).length > 0 ? incidents(code) : undefined));
    expect(calls).toHaveLength(3);
    expect(down).toMatchObject({ elementId: 'AskRegistry' });
    expect(down?.message).toContain('HTTP 503');
    expect(parvis.smtp.messages().some((m) => m.subject.startsWith('Parcelle AB-12'))).toBe(false);

    // when the registry is back and a manager (who sees every request, incidents included) resolves the incident
    registryDown = false;
    const agent = parvis.client();
    await agent.data(
      'mutation { signIn(municipality: "demo", email: "manager@demoville.fr", password: "demo-manager") { id } }',
    );
    const { request: live } = await agent.data<{
      request: { incidents: { id: string; elementId: string; message: string }[] };
    }>('query ($code: String!) { request(trackingCode: $code) { incidents { id elementId message } } }', { code });
    expect(live.incidents).toHaveLength(1);
    expect(live.incidents[0]).toMatchObject({ elementId: 'AskRegistry' });
    await agent.data(
      'mutation ($code: String!, $id: ID!) { resolveIncident(trackingCode: $code, incidentId: $id) { status } }',
      {
        code,
        id: live.incidents[0]!.id,
      },
    );

    // then the registry was asked again, with the task's input and the same idempotency key
    const mail = await eventually(async () =>
      parvis.smtp.messages().find((m) => m.subject.startsWith('Parcelle AB-12')),
    );
    expect(calls).toHaveLength(4);
    expect(calls[3]?.body).toMatchObject({ parcel: 'AB-12' });
    expect(new Set(calls.map((c) => c.idempotencyKey)).size).toBe(1);
    // and the citizen got the e-mail built from its answer, naming the request and linking to it
    expect(mail.to).toEqual(['nadia@example.fr']);
    expect(mail.subject).toBe(`Parcelle AB-12 — ${code}`);
    expect(mail.text).toMatch(/^Propriétaire : Commune de Démoville\n/);
    expect(mail.text).toContain(`Demande n° ${code} : http://parvis.test/`);

    // and the job of a type Parvis does not run waits for an external worker on the queue named after it
    // (docs/api.md, « External job workers »), the request still open and without incident
    const waiting = await eventually(async () => {
      const described = await parvis.temporal.workflow.getHandle(`request-${code}`).describe();
      return described.raw.pendingActivities?.find((a) => a.activityType?.name === 'archive-legacy');
    });
    expect(waiting).toBeDefined();
    expect((await incidents(code)).some((i) => i.elementId === 'Archive')).toBe(false);
    const [request] = await parvis.sql<{ status: string }[]>`select status from requests where tracking_code = ${code}`;
    expect(request?.status).toBe('inProgress');
  });
});

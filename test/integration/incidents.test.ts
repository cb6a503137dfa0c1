import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { deployProcedure } from '@parvis/graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type GraphqlClient } from '../support/graphql-client.ts';
import { type RunningParvis, startParvis } from '../support/parvis.ts';

// Issue 21, points 1 and 2 on real Temporal and PostgreSQL: the town's incidents, retried, resolved
// with new values, in bulk; and a request on its diagram, its data masked for an analyst.
const SUBMIT = `mutation ($data: JSON!) { submitRequest(municipality: "demo", procedure: "registry-check", data: $data) { trackingCode } }`;
const LIST = `query ($filter: IncidentFilter) { incidents(filter: $filter) {
  total items { id trackingCode procedureKey procedureTitle elementId code message since resolvedAt resolvedBy }
  procedures { key title open } } }`;
const RESOLVE = `mutation ($code: String!, $id: ID!, $variables: JSON) {
  resolveIncident(trackingCode: $code, incidentId: $id, variables: $variables) { trackingCode } }`;
const BULK = `mutation ($incidents: [IncidentRef!]!, $variables: JSON) {
  resolveIncidents(incidents: $incidents, variables: $variables) { trackingCode incidentId done error { code message } } }`;
const DIAGRAM = `query ($code: String!) { requestDiagram(trackingCode: $code) {
  bpmn activeElements timers { elementId fireAt } incidents { id elementId code since }
  path { elementId name kind enteredAt leftAt outcome } variables { name kind value masked }
  personalDataShown personalDataNote } }`;

interface Listed {
  id: string;
  trackingCode: string;
  procedureKey: string;
  procedureTitle: string;
  elementId: string;
  code: string;
  message: string;
  since: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
}

describe('incidents of the town: retry, resolve with new values, bulk', () => {
  let parvis: RunningParvis;
  let registry: Server;
  /** parcels the registry was asked about, in order */
  const asked: string[] = [];
  /** while true the registry answers 503 to everyone */
  let registryDown = true;
  let manager: GraphqlClient;
  let analyst: GraphqlClient;

  beforeAll(async () => {
    // given a registry that knows parcels starting with AB, when it is up
    registry = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        const { parcel } = JSON.parse(body) as { parcel: string };
        asked.push(parcel);
        if (registryDown || !parcel.startsWith('AB')) {
          res.statusCode = registryDown ? 503 : 404;
          res.end(registryDown ? 'maintenance' : 'unknown parcel');
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
    const bpmn = (await readFile(join(import.meta.dirname, '../fixtures/incidents-procedure.bpmn'), 'utf8')).replace(
      'REGISTRY_URL',
      url,
    );
    await deployProcedure(
      parvis.sql,
      'demo',
      { key: 'registry-check', title: { fr: 'Vérification au registre', en: 'Registry check' }, bpmn, forms: {} },
      'test',
    );
    manager = parvis.client();
    await manager.data(
      'mutation { signIn(municipality: "demo", email: "manager@demoville.fr", password: "demo-manager") { id } }',
    );
    analyst = parvis.client();
    await analyst.data(
      'mutation { signIn(municipality: "demo", email: "analyste@demoville.fr", password: "demo-analyste") { id } }',
    );
  }, 180_000);
  afterAll(async () => {
    await parvis?.stop();
    registry?.close();
  });

  const submit = async (parcel: string) =>
    (
      await parvis
        .client()
        .data<{ submitRequest: { trackingCode: string } }>(SUBMIT, { data: { parcel, email: 'nadia@example.fr' } })
    ).submitRequest.trackingCode;
  const listed = async (client: GraphqlClient, filter: Record<string, unknown> = {}) =>
    (
      await client.data<{
        incidents: { total: number; items: Listed[]; procedures: { key: string; title: string; open: number }[] };
      }>(LIST, { filter })
    ).incidents;
  /** the request's incident in the town's list, once its workflow raised it */
  const incidentOf = (code: string) =>
    eventually(
      async () => (await listed(manager, { procedure: 'registry-check' })).items.find((i) => i.trackingCode === code),
      60_000,
    );
  const timeline = (code: string) =>
    parvis.sql<{ kind: string; payload: Record<string, unknown> }[]>`select e.kind, e.payload from timeline_events e
      join requests r on r.id = e.request_id where r.tracking_code = ${code} order by e.position`;
  const audit = (code: string) =>
    parvis.sql<{ action: string; actor_name: string; details: Record<string, unknown> }[]>`
      select action, actor_name, details from audit_log where target = ${`request:${code}`} order by at`;
  const reviewOpen = (code: string) =>
    eventually(async () => {
      const [task] = await parvis.sql<{ element_id: string }[]>`select t.element_id from tasks t
        join requests r on r.id = t.request_id where r.tracking_code = ${code} and t.status = 'open'`;
      return task;
    }, 60_000);

  it('lists a request stopped on a failing step, retries it once the cause is fixed, and refuses a second retry', async () => {
    registryDown = true;
    const code = await submit('AB-12');

    // the town's list names the procedure, the element, the error and since when
    const incident = await incidentOf(code);
    expect(incident).toMatchObject({
      procedureKey: 'registry-check',
      procedureTitle: 'Vérification au registre',
      elementId: 'AskRegistry',
      code: 'JOB_FAILED',
      resolvedAt: null,
    });
    expect(incident.message).toContain('HTTP 503');
    expect(Date.now() - Date.parse(incident.since)).toBeLessThan(120_000);
    const list = await listed(manager);
    expect(list.procedures).toContainEqual(expect.objectContaining({ key: 'registry-check' }));
    // filters narrow it: another element has none
    expect((await listed(manager, { elementId: 'Review' })).items.some((i) => i.trackingCode === code)).toBe(false);
    // stuck for more than an hour: not yet; a date that is none is refused where it is
    expect((await listed(manager, { openedBefore: new Date(Date.now() - 3_600_000).toISOString() })).items).toEqual([]);
    const badDate = await manager.request(LIST, { filter: { openedBefore: 'hier' } });
    expect(badDate.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'openedBefore' });
    // an agent without the manager's role does not see the town's list
    const clerk = parvis.client();
    await clerk.data(
      'mutation { signIn(municipality: "demo", email: "accueil@demoville.fr", password: "demo-accueil") { id } }',
    );
    expect((await clerk.request(LIST)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // when the registry is back and the manager retries
    registryDown = false;
    const before = asked.length;
    await manager.data(RESOLVE, { code, id: incident.id });

    // then the registry was asked again and the request went on to its review
    expect(asked.length).toBe(before + 1);
    expect((await reviewOpen(code)).element_id).toBe('Review');
    // the list no longer shows it open, and shows who resolved it when asked for resolved ones too
    expect((await listed(manager)).items.some((i) => i.trackingCode === code)).toBe(false);
    const resolved = (await listed(manager, { includeResolved: true })).items.find((i) => i.trackingCode === code);
    expect(resolved).toMatchObject({ resolvedBy: expect.any(String) });
    expect(resolved?.resolvedAt).not.toBeNull();
    // the request's timeline and the town's audit log record the retry
    expect((await timeline(code)).filter((e) => e.kind === 'incidentResolved')).toEqual([
      { kind: 'incidentResolved', payload: { incidentId: incident.id, by: resolved?.resolvedBy } },
    ]);
    expect(await audit(code)).toEqual([
      expect.objectContaining({
        action: 'incidents.retried',
        details: { incidentId: incident.id, elementId: 'AskRegistry', code: 'JOB_FAILED' },
      }),
    ]);

    // a second retry of the same incident is refused in words, and changes nothing
    const again = await manager.request(RESOLVE, { code, id: incident.id });
    expect(again.errors?.[0]?.extensions?.code).toBe('ALREADY_RESOLVED');
    expect(again.errors?.[0]?.message).toContain('déjà été résolu');
    expect(again.errors?.[0]?.message).toContain('already resolved');
    expect(asked.length).toBe(before + 1);
    expect(await audit(code)).toHaveLength(1);
  }, 180_000);

  it('resolves with a new value of a variable; an analyst may retry but not set values, and sees the data masked', async () => {
    registryDown = false;
    const code = await submit('ZZ-99');
    const incident = await incidentOf(code);
    expect(incident.message).toContain('HTTP 404');

    // the analyst sees the request on its diagram, where it stands, its variables' names but not their values
    const { requestDiagram: masked } = await analyst.data<{ requestDiagram: Record<string, unknown> }>(DIAGRAM, {
      code,
    });
    expect(masked).toMatchObject({
      activeElements: ['AskRegistry'],
      incidents: [{ id: incident.id, elementId: 'AskRegistry', code: 'JOB_FAILED', since: incident.since }],
      personalDataShown: false,
    });
    expect(masked.bpmn).toContain('<bpmn:process id="registry-check"');
    expect(masked.personalDataNote).toMatch(/Données personnelles masquées.*Personal data masked/);
    expect(masked.variables).toContainEqual({ name: 'parcel', kind: 'TEXT', value: null, masked: true });
    expect(JSON.stringify(masked)).not.toContain('ZZ-99');
    expect(JSON.stringify(masked)).not.toContain('nadia@example.fr');

    // the analyst may not set values they cannot read: refused, nothing changed
    const before = asked.length;
    const refused = await analyst.request(RESOLVE, { code, id: incident.id, variables: { parcel: 'AB-77' } });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'variables' });
    expect(asked.length).toBe(before);
    // a value that is no variable name is refused where it is
    const badName = await manager.request(RESOLVE, { code, id: incident.id, variables: { 'par cel': 'x' } });
    expect(badName.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'variables' });

    // when the manager resolves it with the right parcel
    await manager.data(RESOLVE, { code, id: incident.id, variables: { parcel: 'AB-77' } });

    // then the step ran again with the new value, and the request waits for its review, its reminder set
    expect(asked.slice(before)).toEqual(['AB-77']);
    await reviewOpen(code);
    const { requestDiagram: shown } = await eventually(async () => {
      const answer = await manager.data<{
        requestDiagram: {
          activeElements: string[];
          timers: { elementId: string; fireAt: string }[];
          incidents: unknown[];
          path: { elementId: string; kind: string; outcome: string; leftAt: string | null }[];
          variables: { name: string; value: unknown; masked: boolean }[];
          personalDataShown: boolean;
        };
      }>(DIAGRAM, { code });
      return answer.requestDiagram.activeElements.includes('Review') ? answer : undefined;
    });
    expect(shown.personalDataShown).toBe(true);
    expect(shown.incidents).toEqual([]);
    expect(shown.timers).toHaveLength(1);
    expect(shown.timers[0]?.elementId).toBe('Reminder');
    // the reminder rings 30 days after the review opened
    const inDays = (Date.parse(shown.timers[0]!.fireAt) - Date.now()) / 86_400_000;
    expect(inDays).toBeGreaterThan(29.9);
    expect(inDays).toBeLessThan(30.1);
    expect(shown.path.map((step) => [step.elementId, step.kind, step.outcome])).toEqual([
      ['AskRegistry', 'INCIDENT', 'resolved'],
      ['Review', 'TASK', 'open'],
    ]);
    // the manager sees the values: the registry's answer taken; the value set was the failed step's own
    // input (its input mapping), as in Zeebe, so the request's parcel as filed is unchanged
    expect(shown.variables).toContainEqual({
      name: 'owner',
      kind: 'TEXT',
      value: 'Commune de Démoville',
      masked: false,
    });
    expect(shown.variables).toContainEqual({ name: 'parcel', kind: 'TEXT', value: 'ZZ-99', masked: false });
    // the timeline names the variable set (not its value), the audit log the action
    const resolution = (await timeline(code)).find((e) => e.kind === 'incidentResolved');
    expect(resolution?.payload).toMatchObject({ incidentId: incident.id, fields: ['parcel'] });
    expect(JSON.stringify(resolution)).not.toContain('AB-77');
    expect(await audit(code)).toEqual([
      expect.objectContaining({
        action: 'incidents.resolved',
        details: expect.objectContaining({ fields: ['parcel'] }),
      }),
    ]);
  }, 180_000);

  it('retries a selection in bulk: each done or refused on its own', async () => {
    registryDown = true;
    const codes = [await submit('AB-21'), await submit('AB-22')];
    const incidents = await Promise.all(codes.map(incidentOf));
    registryDown = false;
    // the first one is retried alone first: in the selection it is resolved already
    await manager.data(RESOLVE, { code: codes[0], id: incidents[0]!.id });

    const { resolveIncidents } = await analyst.data<{
      resolveIncidents: { trackingCode: string; incidentId: string; done: boolean; error: { code: string } | null }[];
    }>(BULK, { incidents: incidents.map((i) => ({ trackingCode: i.trackingCode, incidentId: i.id })) });

    expect(resolveIncidents).toEqual([
      {
        trackingCode: codes[0],
        incidentId: incidents[0]!.id,
        done: false,
        error: expect.objectContaining({ code: 'ALREADY_RESOLVED' }),
      },
      { trackingCode: codes[1], incidentId: incidents[1]!.id, done: true, error: null },
    ]);
    await Promise.all(codes.map(reviewOpen));
    expect(asked.filter((parcel) => parcel === 'AB-22')).toHaveLength(2);
    // the analyst's retry is on the second request's audit log under their name
    expect(await audit(codes[1]!)).toEqual([expect.objectContaining({ action: 'incidents.retried' })]);
    // an empty selection is refused
    const empty = await manager.request(BULK, { incidents: [] });
    expect(empty.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'incidents' });
  }, 240_000);
});

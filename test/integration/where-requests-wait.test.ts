import { deployProcedure } from '@parvis/graphql';
import { serveWorkerMetrics } from '@parvis/workers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileContactRequest, signInAccueil, tasksInInbox } from '../support/contact-requests.ts';
import { eventually, type GraphqlClient } from '../support/graphql-client.ts';
import { seedMunicipality } from '../support/municipalities.ts';
import { type RunningParvis, startParvis } from '../support/parvis.ts';

// Issue 21, points 3 and 5 on real Temporal and PostgreSQL: requests driven through the contact
// procedure's one task (Answer) with known times; the heatmap counts them and times them, names the
// deadlines missed and the load of the group and the agent, and exports the same as CSV; the
// operators' /metrics counts the requests started, completed, in incident and late per town and
// procedure, and the worker tells its own health on a port of its own.

const SIGN_IN = `mutation ($m: ID!, $email: String!, $password: String!) { signIn(municipality: $m, email: $email, password: $password) { id } }`;
const COMPLETE = `mutation ($id: ID!) { completeTask(taskId: $id, data: { answer: "C'est fait." }) { status } }`;
const HEATMAP = `query ($key: String!, $from: String, $to: String) {
  waitingHeatmap(procedureKey: $key, from: $from, to: $to) {
    procedureKey procedureTitle version from to requests emptyReason bpmn
    elements { elementId name requests waiting medianHours p90Hours deadlinesMissed }
    groups { key open completed medianHours deadlinesMissed }
    agents { key open completed medianHours deadlinesMissed }
    csv } }`;

// A webhook to an address it may not call (port 9, which fetch refuses), tried once: each request
// stops there with an incident.
const BROKEN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="https://parvis.example/test">
  <bpmn:process id="broken-registry" isExecutable="true">
    <bpmn:startEvent id="Received"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:serviceTask id="AskRegistry" name="Interroger le registre">
      <bpmn:extensionElements>
        <zeebe:taskDefinition type="parvis:webhook" retries="1" />
        <zeebe:taskHeaders><zeebe:header key="url" value="http://127.0.0.1:9/parcels" /></zeebe:taskHeaders>
      </bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:endEvent id="Done"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="Received" targetRef="AskRegistry" />
    <bpmn:sequenceFlow id="f2" sourceRef="AskRegistry" targetRef="Done" />
  </bpmn:process>
</bpmn:definitions>`;

interface Load {
  key: string;
  open: number;
  completed: number;
  medianHours: number | null;
  deadlinesMissed: number;
}
interface Heatmap {
  procedureKey: string;
  procedureTitle: string;
  version: number;
  from: string;
  to: string;
  requests: number;
  emptyReason: string | null;
  bpmn: string;
  elements: {
    elementId: string;
    name: string | null;
    requests: number;
    waiting: number;
    medianHours: number | null;
    p90Hours: number | null;
    deadlinesMissed: number;
  }[];
  groups: Load[];
  agents: Load[];
  csv: string;
}

/** The value of one series in a Prometheus text exposition, or undefined when absent. */
const sample = (text: string, series: string) => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

describe('where requests wait, and what operators scrape', () => {
  let parvis: RunningParvis;
  let manager: GraphqlClient;
  const codes: string[] = [];

  beforeAll(async () => {
    parvis = await startParvis();
    manager = parvis.client();
    await manager.data(SIGN_IN, { m: 'demo', email: 'manager@demoville.fr', password: 'demo-manager' });
    const agent = parvis.client();
    await signInAccueil(agent);
    // given four contact requests in demo, three of them answered by Camille Accueil
    const citizen = parvis.client();
    for (const label of ['wait-a', 'wait-b', 'wait-c', 'wait-d'])
      codes.push((await fileContactRequest(citizen, label)).trackingCode);
    const tasks = await tasksInInbox(
      agent,
      codes.map((trackingCode) => ({ trackingCode, email: '' })),
    );
    for (const code of codes.slice(0, 3)) await agent.data(COMPLETE, { id: tasks.get(code) });
    await eventually(async () => {
      const [row] = await parvis.sql<{ n: number }[]>`select count(*)::int as n from requests
        where tracking_code in ${parvis.sql(codes.slice(0, 3))} and status = 'closed'`;
      return row!.n === 3 ? true : undefined;
    }, 90_000);
    // and the answers took 2, 4 and 10 hours; the 10-hour one after its task's deadline, and the
    // open one is past its deadline too
    const [a, b, c, d] = codes as [string, string, string, string];
    for (const [code, hours, due] of [
      [a, 2, null],
      [b, 4, null],
      [c, 10, '5 hours'],
      [d, 0, null],
    ] as const) {
      await parvis.sql`update tasks t set opened_at = coalesce(t.closed_at, now()) - make_interval(hours => ${hours}),
          due_at = ${due === null ? null : parvis.sql`coalesce(t.closed_at, now()) - make_interval(hours => ${hours}) + ${due}::interval`}
        from requests r where r.id = t.request_id and r.tracking_code = ${code}`;
    }
    await parvis.sql`update tasks t set due_at = now() - interval '1 hour' from requests r
      where r.id = t.request_id and r.tracking_code = ${d}`;
    // the request answered in 10 hours closed after its own deadline
    await parvis.sql`update requests set due_at = closed_at - interval '1 hour' where tracking_code = ${c}`;
    // and another town's requests, which demo's figures never count
    await seedMunicipality(parvis.sql, 'autreville', {
      email: 'chef@autreville.fr',
      password: 'mot-de-passe-autreville',
      displayName: 'Chef',
    });
    await parvis
      .client()
      .data(
        `mutation { submitRequest(municipality: "autreville", procedure: "contact", data: { subject: "Ailleurs", message: "Une demande d'une autre commune.", email: "ailleurs@example.fr" }) { trackingCode } }`,
      );
  }, 240_000);
  afterAll(async () => {
    await parvis?.stop();
  });

  it('colours the diagram with how many requests passed each step, how long they stayed, and the deadlines missed', async () => {
    // when the manager asks for the contact procedure over the last 30 days
    const { waitingHeatmap: h } = await manager.data<{ waitingHeatmap: Heatmap }>(HEATMAP, { key: 'contact' });
    // then the Answer step counts the four requests, one still waiting, and the times of the three answered
    expect(h.procedureKey).toBe('contact');
    expect(h.bpmn).toContain('id="Answer"');
    expect(h.requests).toBe(4);
    expect(h.emptyReason).toBeNull();
    expect(h.elements).toHaveLength(1);
    const answer = h.elements[0]!;
    expect(answer).toMatchObject({
      elementId: 'Answer',
      name: 'Répondre',
      requests: 4,
      waiting: 1,
      deadlinesMissed: 2,
    });
    expect(answer.medianHours).toBeCloseTo(4, 1);
    // the 90th percentile between 4 and 10 hours, interpolated: 4 + 0.8 × 6
    expect(answer.p90Hours).toBeCloseTo(8.8, 1);
    // and the load: the accueil group holds one open task and answered three; Camille answered them
    expect(h.groups).toEqual([
      { key: 'accueil', open: 1, completed: 3, medianHours: expect.any(Number), deadlinesMissed: 2 },
    ]);
    expect(h.groups[0]!.medianHours).toBeCloseTo(4, 1);
    expect(h.agents).toEqual([
      { key: 'Camille Accueil', open: 0, completed: 3, medianHours: expect.any(Number), deadlinesMissed: 1 },
    ]);
    // and the CSV says the same, a line per element, group and agent
    const lines = h.csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('section,key,name,requests,waiting,open,completed,median_hours,p90_hours,deadlines_missed');
    expect(lines).toContain(`period,contact v${h.version},${h.from}..${h.to},4`);
    expect(lines).toContain('element,Answer,Répondre,4,1,,,4,8.8,2');
    expect(lines).toContain('group,accueil,,,,1,3,4,,2');
    expect(lines).toContain('agent,Camille Accueil,,,,0,3,4,,1');
  });

  it('answers a period with no data in words, and refuses an unknown procedure, a bad period and an agent', async () => {
    const empty = await manager.data<{ waitingHeatmap: Heatmap }>(HEATMAP, {
      key: 'contact',
      from: '2020-01-01',
      to: '2020-03-31',
    });
    expect(empty.waitingHeatmap).toMatchObject({ requests: 0, elements: [], groups: [], agents: [] });
    expect(empty.waitingHeatmap.emptyReason).toMatch(
      /^Aucune demande de « .+ » \(version \d+\) n'est passée par une étape du 2020-01-01 au 2020-03-31/,
    );
    expect(empty.waitingHeatmap.emptyReason).toContain('No request of');
    const unknown = await manager.request(HEATMAP, { key: 'permis-inconnu' });
    expect(unknown.errors?.[0]).toMatchObject({
      message: expect.stringContaining('Aucune procédure permis-inconnu'),
      extensions: { code: 'NOT_FOUND', field: 'procedureKey' },
    });
    const backwards = await manager.request(HEATMAP, { key: 'contact', from: '2026-03-01', to: '2026-01-01' });
    expect(backwards.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
    const agent = parvis.client();
    await signInAccueil(agent);
    const refused = await agent.request(HEATMAP, { key: 'contact' });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('tells Prometheus the requests started, completed, late and in incident per town and procedure, to this machine only', async () => {
    // given a request of a procedure whose registry never answers: it stops on an incident
    await deployProcedure(
      parvis.sql,
      'demo',
      { key: 'broken-registry', title: { fr: 'Registre en panne', en: 'Broken registry' }, bpmn: BROKEN, forms: {} },
      'test',
    );
    await parvis
      .client()
      .data(
        `mutation { submitRequest(municipality: "demo", procedure: "broken-registry", data: { email: "registre@example.fr" }) { trackingCode } }`,
      );
    // when Prometheus scrapes the API (its cache of figures lasts 10 s)
    const scraped = await eventually(async () => {
      const text = await (await fetch(`${parvis.url}/metrics`)).text();
      return sample(text, 'parvis_requests_in_incident{town="demo",procedure="broken-registry"}') === 1
        ? text
        : undefined;
    }, 90_000);
    // then demo's contact requests are counted as the test drove them, and autreville's apart
    expect(sample(scraped, 'parvis_requests_started{town="demo",procedure="contact"}')).toBe(4);
    expect(sample(scraped, 'parvis_requests_completed{town="demo",procedure="contact"}')).toBe(3);
    expect(sample(scraped, 'parvis_requests_open{town="demo",procedure="contact"}')).toBe(1);
    expect(sample(scraped, 'parvis_requests_deadline_missed{town="demo",procedure="contact"}')).toBe(1);
    expect(sample(scraped, 'parvis_requests_in_incident{town="demo",procedure="contact"}')).toBe(0);
    expect(sample(scraped, 'parvis_requests_started{town="autreville",procedure="contact"}')).toBe(1);
    expect(sample(scraped, 'parvis_requests_started{town="demo",procedure="broken-registry"}')).toBe(1);
    // and the API's own health: PostgreSQL and Temporal answer, its process is described
    expect(sample(scraped, 'parvis_api_database_up')).toBe(1);
    expect(sample(scraped, 'parvis_api_temporal_up')).toBe(1);
    expect(scraped).toMatch(/^parvis_api_process_resident_memory_bytes \d+/m);
    // and nothing names a person: no e-mail address, no tracking code
    expect(scraped).not.toMatch(/@|example\.fr/);
    for (const code of codes) expect(scraped).not.toContain(code);
    // and a request relayed by a proxy (even on this machine) is not answered
    const proxied = await fetch(`${parvis.url}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.7' } });
    expect(proxied.status).toBe(404);
  }, 120_000);

  it('serves the worker’s own health on a port of its own', async () => {
    const metrics = await serveWorkerMetrics(parvis.worker, { port: 0, token: 'jeton-de-test' });
    try {
      expect(metrics.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
      expect((await fetch(metrics.url)).status).toBe(404);
      const text = await (await fetch(metrics.url, { headers: { authorization: 'Bearer jeton-de-test' } })).text();
      expect(sample(text, 'parvis_worker_running')).toBe(1);
      expect(sample(text, 'parvis_worker_poller_failed{kind="workflow"}')).toBe(0);
      expect(text).toMatch(/^parvis_worker_in_flight\{kind="activity"\} \d+/m);
      expect(text).toMatch(/^parvis_worker_nodejs_eventloop_lag_seconds [\d.e-]+/m);
    } finally {
      await metrics.stop();
    }
  });
});

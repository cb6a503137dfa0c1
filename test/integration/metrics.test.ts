import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileContactRequest, signInAccueil, tasksInInbox } from '../support/contact-requests.ts';
import { eventually, type GraphqlClient } from '../support/graphql-client.ts';
import { seedMunicipality } from '../support/municipalities.ts';
import { type RunningParvis, startParvis } from '../support/parvis.ts';

// What a manager sees on the dashboard once citizens and agents have worked: counts by status,
// channel, procedure and department, SLA compliance and processing times, backlog and the requests
// at risk, trends, the quality-of-service indicator, savings, the map's points and the CSV —
// and nothing of another municipality.

const SIGN_IN = `mutation ($m: ID!, $email: String!, $password: String!) { signIn(municipality: $m, email: $email, password: $password) { id } }`;
const REGISTER = `mutation ($channel: AgentChannel!, $data: JSON!) {
  registerRequest(procedure: "contact", channel: $channel, citizen: { lastName: "Martin", email: "martin@example.fr" }, data: $data) { trackingCode } }`;
const COMPLETE = `mutation ($id: ID!) { completeTask(taskId: $id, data: { answer: "C'est fait." }) { status } }`;
const DASHBOARD = `query ($lang: Lang) { dashboard {
  from to submitted
  byStatus { key count } byChannel { key count } byProcedure { key label(lang: $lang) count } byDepartment { key count }
  closed { closed withDeadline onTime slaCompliance averageHours medianHours p90Hours }
  backlog { open averageAgeDays atRisk breached }
  atRisk { trackingCode slaState dueAt procedureTitle }
  trend { date submitted closed closedOnTime }
  quality { score grade targetDays components { key weight value } }
  savings { online counter post moved offlineCost onlineCost amount }
  geolocated { trackingCode latitude longitude }
  csv } }`;

interface Dashboard {
  from: string;
  to: string;
  submitted: number;
  byStatus: { key: string; count: number }[];
  byChannel: { key: string; count: number }[];
  byProcedure: { key: string; label: string; count: number }[];
  byDepartment: { key: string | null; count: number }[];
  closed: {
    closed: number;
    withDeadline: number;
    onTime: number;
    slaCompliance: number | null;
    averageHours: number;
    medianHours: number;
    p90Hours: number;
  };
  backlog: { open: number; averageAgeDays: number; atRisk: number; breached: number };
  atRisk: { trackingCode: string; slaState: string; dueAt: string | null; procedureTitle: string }[];
  trend: { date: string; submitted: number; closed: number; closedOnTime: number }[];
  quality: { score: number | null; grade: string | null; components: { key: string; value: number | null }[] };
  savings: { online: number; counter: number; post: number; moved: number; amount: number };
  geolocated: { trackingCode: string; latitude: number; longitude: number }[];
  csv: string;
}

const countOf = (list: { key: string | null; count: number }[]) =>
  Object.fromEntries(list.map((c) => [c.key, c.count]));

describe('the managers’ dashboard counts what citizens and agents did, in their municipality only', () => {
  let parvis: RunningParvis;
  let manager: GraphqlClient;
  let agent: GraphqlClient;
  const codes: string[] = [];

  beforeAll(async () => {
    parvis = await startParvis();
    manager = parvis.client();
    agent = parvis.client();
    await manager.data(SIGN_IN, { m: 'demo', email: 'manager@demoville.fr', password: 'demo-manager' });
    await signInAccueil(agent);
    // given three requests on the web, one at the counter and one by post in demo
    const citizen = parvis.client();
    const web = [];
    for (const label of ['metrics-a', 'metrics-b', 'metrics-c']) web.push(await fileContactRequest(citizen, label));
    codes.push(...web.map((r) => r.trackingCode));
    for (const channel of ['counter', 'post']) {
      const { registerRequest } = await agent.data<{ registerRequest: { trackingCode: string } }>(REGISTER, {
        channel: channel.toUpperCase(),
        data: { subject: `Au ${channel}`, message: 'Une demande reçue hors du web.' },
      });
      codes.push(registerRequest.trackingCode);
    }
    // and two requests in another municipality, which demo's manager must never count
    await seedMunicipality(parvis.sql, 'autreville', {
      email: 'chef@autreville.fr',
      password: 'mot-de-passe-autreville',
      displayName: 'Chef',
    });
    for (const n of [1, 2]) {
      await parvis
        .client()
        .data(
          `mutation ($d: JSON!) { submitRequest(municipality: "autreville", procedure: "contact", data: $d) { trackingCode } }`,
          {
            d: {
              subject: `Ailleurs ${n}`,
              message: 'Une demande dans une autre commune.',
              email: `ailleurs${n}@example.fr`,
            },
          },
        );
    }
    // when the agent completes the first two web requests
    const tasks = await tasksInInbox(
      agent,
      codes.map((trackingCode) => ({ trackingCode, email: '' })),
    );
    for (const code of codes.slice(0, 2)) await agent.data(COMPLETE, { id: tasks.get(code) });
    await eventually(async () => {
      const [row] = await parvis.sql<{ n: number }[]>`select count(*)::int as n from requests
        where tracking_code in ${parvis.sql(codes.slice(0, 2))} and status = 'closed'`;
      return row!.n === 2 ? true : undefined;
    }, 60_000);
    // and time has passed: A took 1 day and met its deadline, B took 3 days and missed it; of the
    // open ones, C is late and the counter request at risk (the contact procedure has no deadline of
    // its own); C carries a place
    const [a, b, c, counter] = codes as [string, string, string, string];
    await parvis.sql`update requests set submitted_at = now() - interval '2 days', closed_at = now() - interval '1 day',
      due_at = now() where tracking_code = ${a}`;
    await parvis.sql`update requests set submitted_at = now() - interval '4 days', closed_at = now() - interval '1 day',
      due_at = now() - interval '2 days' where tracking_code = ${b}`;
    await parvis.sql`update requests set sla_state = 'breached', due_at = now() - interval '1 hour',
      data = data || '{"latitude": 48.8566, "longitude": 2.3522}' where tracking_code = ${c}`;
    await parvis.sql`update requests set sla_state = 'atRisk', due_at = now() + interval '1 day' where tracking_code = ${counter}`;
  });
  afterAll(() => parvis?.stop());

  it('counts the requests by status, channel, procedure and department', async () => {
    const { dashboard } = await manager.data<{ dashboard: Dashboard }>(DASHBOARD, { lang: 'FR' });
    expect(dashboard.submitted).toBe(5);
    expect(countOf(dashboard.byStatus).closed).toBe(2);
    expect(dashboard.byStatus.reduce((sum, c) => sum + c.count, 0)).toBe(5);
    expect(countOf(dashboard.byChannel)).toEqual({ web: 3, counter: 1, post: 1 });
    expect(dashboard.byProcedure).toEqual([{ key: 'contact', label: expect.any(String), count: 5 }]);
    expect(dashboard.byDepartment.reduce((sum, c) => sum + c.count, 0)).toBe(5);
  });

  it('measures SLA compliance, processing times, backlog and the requests at risk', async () => {
    const { dashboard } = await manager.data<{ dashboard: Dashboard }>(DASHBOARD);
    expect(dashboard.closed).toMatchObject({ closed: 2, withDeadline: 2, onTime: 1, slaCompliance: 0.5 });
    expect(dashboard.closed.averageHours).toBeCloseTo(48, 1);
    expect(dashboard.closed.medianHours).toBeCloseTo(48, 1);
    expect(dashboard.closed.p90Hours).toBeCloseTo(24 + 0.9 * 48, 1);
    expect(dashboard.backlog).toMatchObject({ open: 3, atRisk: 1, breached: 1 });
    // the late one first
    expect(dashboard.atRisk.map((r) => [r.trackingCode, r.slaState])).toEqual([
      [codes[2], 'breached'],
      [codes[4 - 1], 'atRisk'],
    ]);
  });

  it('draws the trend, scores the quality of service and estimates the savings', async () => {
    const { dashboard } = await manager.data<{ dashboard: Dashboard }>(DASHBOARD);
    expect(dashboard.trend).toHaveLength(30);
    expect(dashboard.trend.reduce((sum, p) => sum + p.submitted, 0)).toBe(5);
    expect(dashboard.trend.reduce((sum, p) => sum + p.closed, 0)).toBe(2);
    expect(dashboard.trend.reduce((sum, p) => sum + p.closedOnTime, 0)).toBe(1);
    // SLA 0.5, speed min(1, 10 d / 2 d) = 1, backlog fresh (a day old against 20): ≈ 0.5×0.5 + 0.3 + 0.2×0.95
    expect(dashboard.quality.components.map((c) => c.key)).toEqual(['slaCompliance', 'speed', 'backlogFreshness']);
    expect(dashboard.quality.score).toBeGreaterThanOrEqual(73);
    expect(dashboard.quality.score).toBeLessThanOrEqual(75);
    expect(dashboard.quality.grade).toBe('fair');
    // three web requests moved from the counter: 3 × (12 € − 3 €)
    expect(dashboard.savings).toMatchObject({ online: 3, counter: 1, post: 1, moved: 3, amount: 27 });
    expect(dashboard.geolocated).toEqual([{ trackingCode: codes[2], latitude: 48.8566, longitude: 2.3522 }]);
    expect(dashboard.csv.split('\r\n')[0]).toBe('section,key,label,value');
    expect(dashboard.csv).toContain('channel,web,web,3');
    expect(dashboard.csv).toContain('savings,amount,Économies (€) / Savings (€),27');
  });

  it('takes the unit costs the municipality sets, and refuses wrong ones whole', async () => {
    // when the manager sets the counter at 10 €
    await manager.data(`mutation { updateMetricsSettings(input: { counterCost: 10, postCost: 10 }) { counterCost } }`);
    const { dashboard } = await manager.data<{ dashboard: Dashboard }>(
      `{ dashboard { savings { online counter post moved amount } } }`,
    );
    // then each moved request saves 7 €
    expect(dashboard.savings.amount).toBe(21);
    // and a negative cost or a tile server without {z}/{x}/{y} changes nothing
    const refused = await manager.request(
      `mutation { updateMetricsSettings(input: { onlineCost: -1, mapTileUrl: "https://tiles.example/osm.png" }) { onlineCost } }`,
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const { metricsSettings } = await manager.data<{
      metricsSettings: { onlineCost: number; mapTileUrl: string | null };
    }>(`{ metricsSettings { onlineCost mapTileUrl } }`);
    expect(metricsSettings).toEqual({ onlineCost: 3, mapTileUrl: null });
  });

  it('shows another municipality its own figures only, and agents no dashboard', async () => {
    const other = parvis.client();
    await other.data(SIGN_IN, { m: 'autreville', email: 'chef@autreville.fr', password: 'mot-de-passe-autreville' });
    const { dashboard } = await other.data<{ dashboard: Dashboard }>(
      `{ dashboard { submitted byChannel { key count } savings { amount } } }`,
    );
    expect(dashboard.submitted).toBe(2);
    expect(countOf(dashboard.byChannel)).toEqual({ web: 2 });
    expect(dashboard.savings.amount).toBe(18);
    const forbidden = await agent.request(`{ dashboard { submitted } }`);
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('gives the inbox each task’s SLA state, with filters and search', async () => {
    // given the agent's work queue
    const QUEUE = `query ($f: WorkQueueFilter) { workQueue(filter: $f) { id slaState dueAt assignedToMe request { trackingCode slaState } } }`;
    type Item = {
      id: string;
      slaState: string;
      dueAt: string | null;
      request: { trackingCode: string; slaState: string };
    };
    const all = (await agent.data<{ workQueue: Item[] }>(QUEUE, { f: { scope: 'ALL' } })).workQueue;
    // then the late request comes first, then the one at risk
    expect(all.map((t) => t.request.trackingCode)).toEqual([codes[2], codes[3], codes[4]]);
    expect(all.map((t) => t.slaState)).toEqual(['breached', 'atRisk', 'onTime']);
    // when filtered on SLA state, channel, or searched by tracking code
    const late = (await agent.data<{ workQueue: Item[] }>(QUEUE, { f: { sla: 'breached' } })).workQueue;
    expect(late.map((t) => t.request.trackingCode)).toEqual([codes[2]]);
    const post = (await agent.data<{ workQueue: Item[] }>(QUEUE, { f: { channel: 'post' } })).workQueue;
    expect(post.map((t) => t.request.trackingCode)).toEqual([codes[4]]);
    const found = (await agent.data<{ workQueue: Item[] }>(QUEUE, { f: { search: codes[3]!.slice(0, 9) } })).workQueue;
    expect(found.map((t) => t.request.trackingCode)).toEqual([codes[3]]);
    // and once the agent claims one, it is among theirs
    await agent.data(`mutation ($id: ID!) { claimTask(taskId: $id) { id } }`, { id: all[0]!.id });
    const mine = (
      await agent.data<{ workQueue: (Item & { assignedToMe: boolean })[] }>(QUEUE, { f: { scope: 'MINE' } })
    ).workQueue;
    expect(mine.map((t) => [t.request.trackingCode, t.assignedToMe])).toEqual([[codes[2], true]]);
  });
});

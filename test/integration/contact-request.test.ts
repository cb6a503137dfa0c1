import { verifyTimeline } from '@parvis/workers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type GraphqlClient } from '../support/graphql-client.ts';
import { type RunningParvis, startParvis } from '../support/parvis.ts';

const SUBMIT = `mutation ($data: JSON!) { submitRequest(municipality: "demo", procedure: "contact", data: $data) { trackingCode } }`;
const SIGN_IN = `mutation ($email: String!, $password: String!) { signIn(municipality: "demo", email: $email, password: $password) { displayName } }`;
const INBOX = `{ inbox: workQueue(filter: { scope: AVAILABLE }, first: 200) { id name channel status candidateGroups request { trackingCode } } }`;
const COMPLETE = `mutation ($id: ID!, $data: JSON) { completeTask(taskId: $id, data: $data) { status completedBy } }`;
const TRACK = `query ($code: String!, $email: String) {
  request(trackingCode: $code, email: $email) { status procedureVersion closedAt timeline { kind payload } } }`;

interface InboxTask {
  id: string;
  name: string;
  channel: string;
  status: string;
  candidateGroups: string[];
  request: { trackingCode: string };
}

describe('a contact request, from form to closure, on real Temporal, PostgreSQL and SMTP', () => {
  let parvis: RunningParvis;
  let citizen: GraphqlClient;
  let agent: GraphqlClient;

  beforeAll(async () => {
    parvis = await startParvis();
    citizen = parvis.client();
    agent = parvis.client();
    await agent.data(SIGN_IN, { email: 'accueil@demoville.fr', password: 'demo-accueil' });
  });
  afterAll(() => parvis?.stop());

  it('refuses data that fails the form, field by field, and keeps nothing', async () => {
    // when
    const result = await citizen.request(SUBMIT, { data: { subject: 'x', email: 'not-an-email' } });
    // then
    expect(result.errors?.[0]?.extensions?.code).toBe('FORM_INVALID');
    const fields = ((result.errors?.[0]?.extensions?.fields ?? []) as { field: string }[]).map((f) => f.field).sort();
    expect(fields).toEqual(['email', 'message', 'subject']);
    const [row] = await parvis.sql<{ count: number }[]>`select count(*)::int as count from requests`;
    expect(row?.count).toBe(0);
    expect(parvis.smtp.messages()).toHaveLength(0);
  });

  it('files the request, acknowledges it by e-mail, lets the accueil agent answer it and shows it closed', async () => {
    // given a citizen's valid request
    const data = {
      subject: 'Horaires de la mairie',
      message: 'Bonjour, êtes-vous ouverts le samedi matin ?',
      email: 'lea.martin@example.fr',
    };
    const { submitRequest } = await citizen.data<{ submitRequest: { trackingCode: string } }>(SUBMIT, { data });
    const code = submitRequest.trackingCode;
    expect(code).toMatch(/^[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$/);

    // then the citizen gets an acknowledgement naming the tracking code
    const ack = await eventually(async () =>
      parvis.smtp.messages().find((m) => m.to.includes('lea.martin@example.fr')),
    );
    expect(ack.subject).toContain(code);
    expect(ack.text).toContain(`Votre numéro de suivi : ${code}`);

    // and the task opens in the accueil agent's inbox, with the channel it came from
    const task = await eventually(async () => {
      const { inbox } = await agent.data<{ inbox: InboxTask[] }>(INBOX);
      return inbox.find((t) => t.request.trackingCode === code);
    });
    expect(task).toMatchObject({ name: 'Répondre', channel: 'web', status: 'open', candidateGroups: ['accueil'] });
    // and the accueil group is told by e-mail
    const told = await eventually(async () => {
      const mails = parvis.smtp
        .messages()
        .filter((m) => m.subject.includes('Nouvelle tâche « Répondre »') && m.subject.includes(code));
      return mails.length === 2 ? mails : undefined;
    });
    expect(told.flatMap((m) => m.to).sort()).toEqual(['accueil@demoville.fr', 'manager@demoville.fr']);

    // when the agent answers without filling the task's form, nothing happens
    const refused = await agent.request(COMPLETE, { id: task.id, data: {} });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORM_INVALID');

    // and when they answer properly
    const { completeTask } = await agent.data<{ completeTask: { status: string; completedBy: string } }>(COMPLETE, {
      id: task.id,
      data: { answer: 'Oui, de 9 h à 12 h.' },
    });
    expect(completeTask).toEqual({ status: 'completed', completedBy: 'Camille Accueil' });

    // then the citizen sees the request closed, with its timeline
    const tracked = await eventually(async () => {
      const { request } = await citizen.data<{
        request: { status: string; closedAt: string; timeline: { kind: string }[] };
      }>(TRACK, {
        code,
        email: 'Lea.Martin@example.fr',
      });
      return request.status === 'closed' ? request : undefined;
    });
    expect(tracked.closedAt).toBeTruthy();
    expect(tracked.timeline.map((e) => e.kind)).toEqual([
      'submitted',
      'taskOpened',
      'acknowledged',
      'notified',
      'taskCompleted',
      'closed',
    ]);
    expect((await agent.data<{ inbox: InboxTask[] }>(INBOX)).inbox.find((t) => t.id === task.id)).toBeUndefined();

    // and the timeline's hash chain holds
    const [row] = await parvis.sql<{ id: string }[]>`select id from requests where tracking_code = ${code}`;
    expect(await verifyTimeline(parvis.sql, row!.id)).toEqual({ ok: true, events: 6 });
  });

  it('shows a request only to its municipality agents or with the e-mail it was filed with', async () => {
    // given
    const data = { subject: 'Stationnement', message: 'Où se garer près de la mairie ?', email: 'paul@example.fr' };
    const { submitRequest } = await citizen.data<{ submitRequest: { trackingCode: string } }>(SUBMIT, { data });
    // when someone tries the code with another e-mail
    const probe = await parvis
      .client()
      .request(TRACK, { code: submitRequest.trackingCode, email: 'intrus@example.fr' });
    // then it is refused like an unknown code
    expect(probe.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const unknown = await parvis.client().request(TRACK, { code: 'AAAA-BBBB-CCCC', email: 'paul@example.fr' });
    expect(unknown.errors?.[0]?.message).toBe(probe.errors?.[0]?.message);
  });

  it('refuses a completion from an agent outside the task group before it enters history', async () => {
    // given a task open for accueil and an analyst who is not in accueil
    const data = { subject: 'État civil', message: 'Comment obtenir un acte de naissance ?', email: 'ines@example.fr' };
    const { submitRequest } = await citizen.data<{ submitRequest: { trackingCode: string } }>(SUBMIT, { data });
    const task = await eventually(async () =>
      (await agent.data<{ inbox: InboxTask[] }>(INBOX)).inbox.find(
        (t) => t.request.trackingCode === submitRequest.trackingCode,
      ),
    );
    const analyst = parvis.client();
    await analyst.data(SIGN_IN, { email: 'analyste@demoville.fr', password: 'demo-analyste' });
    // when
    const result = await analyst.request(COMPLETE, { id: task.id, data: { answer: 'Réponse non autorisée' } });
    // then
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_ALLOWED');
    const history = await parvis.temporal.workflow.getHandle(`request-${submitRequest.trackingCode}`).fetchHistory();
    expect(JSON.stringify(history.events)).not.toContain('Réponse non autorisée');
    expect((await agent.data<{ inbox: InboxTask[] }>(INBOX)).inbox.some((t) => t.id === task.id)).toBe(true);
  });
});

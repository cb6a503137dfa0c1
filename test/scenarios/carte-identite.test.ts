// Scenario of the shipped procedure carte-identite (issue 22, point 2): the citizen asks for an
// identity card, books a slot of the demo town's counter from the tracking page, the agent at the
// counter receives the file; on real Temporal, PostgreSQL and SMTP.
import { closedDay } from '@parvis/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAccueil } from '../support/contact-requests.ts';
import { eventually, type GraphqlClient } from '../support/graphql-client.ts';
import { type RunningParvis, startParvis } from '../support/parvis.ts';

const SUBMIT = `mutation ($data: JSON!) {
  submitRequest(municipality: "demo", procedure: "carte-identite", data: $data) { trackingCode } }`;
const INVITATION = `query ($c: String!, $e: String) { request(trackingCode: $c, email: $e) {
  appointmentInvitation { kind { key minutes } appointment { startsAt status } } } }`;
const SLOTS = `query ($c: String!, $e: String, $d: String!) {
  requestAppointmentSlots(trackingCode: $c, email: $e, date: $d) { resourceId startsAt free } }`;
const BOOK = `mutation ($c: String!, $e: String, $r: ID!, $s: String!) {
  bookRequestAppointment(trackingCode: $c, email: $e, resourceId: $r, startsAt: $s) { id status personName } }`;
const INBOX = `{ workQueue(filter: { scope: AVAILABLE }, first: 200) { id request { trackingCode } } }`;
const COMPLETE = `mutation ($id: ID!, $data: JSON) { completeTask(taskId: $id, data: $data) { status } }`;

/** The first weekday at least two days ahead on which the town hall is open. */
function openWeekday(): string {
  const day = new Date(Date.now() + 2 * 86_400_000);
  for (;;) {
    const text = day.toISOString().slice(0, 10);
    if (
      day.getUTCDay() >= 1 &&
      day.getUTCDay() <= 5 &&
      !closedDay(text, { timeZone: 'Europe/Paris', alsaceMoselle: false, closures: [] })
    )
      return text;
    day.setUTCDate(day.getUTCDate() + 1);
  }
}

describe('carte-identite: ask, book a slot online, be received at the counter', () => {
  let parvis: RunningParvis;
  let agent: GraphqlClient;
  let code: string;
  const email = 'lea.martin@example.fr';

  beforeAll(async () => {
    parvis = await startParvis();
    agent = parvis.client();
    await signInAccueil(agent);
    const { submitRequest } = await parvis.client().data<{ submitRequest: { trackingCode: string } }>(SUBMIT, {
      data: { titre: 'cni', prenom: 'Léa', nom: 'Martin', email },
    });
    code = submitRequest.trackingCode;
  }, 180_000);

  afterAll(async () => {
    await parvis?.stop();
  });

  it('invites to book at the counter of titles, 20-minute slots, morning and afternoon', async () => {
    const invitation = await eventually(
      async () =>
        (
          await parvis
            .client()
            .data<{ request: { appointmentInvitation: { kind: { key: string; minutes: number } } | null } }>(
              INVITATION,
              { c: code, e: email },
            )
        ).request.appointmentInvitation ?? undefined,
      60_000,
    );
    expect(invitation).toEqual({ kind: { key: 'carte-identite', minutes: 20 }, appointment: null });
    const { requestAppointmentSlots } = await parvis
      .client()
      .data<{ requestAppointmentSlots: { startsAt: string; free: number }[] }>(SLOTS, {
        c: code,
        e: email,
        d: openWeekday(),
      });
    expect(requestAppointmentSlots).toHaveLength(18);
  });

  it('the booking wakes the request; the agent receives the file and the request closes', async () => {
    const date = openWeekday();
    const citizen = parvis.client();
    const [slot] = (
      await citizen.data<{ requestAppointmentSlots: { resourceId: string; startsAt: string }[] }>(SLOTS, {
        c: code,
        e: email,
        d: date,
      })
    ).requestAppointmentSlots;
    const { bookRequestAppointment } = await citizen.data<{ bookRequestAppointment: { personName: string } }>(BOOK, {
      c: code,
      e: email,
      r: slot!.resourceId,
      s: slot!.startsAt,
    });
    expect(bookRequestAppointment.personName).toBe('Léa Martin');
    const mail = parvis.smtp
      .messages()
      .find((m) => m.to.includes(email) && m.subject.startsWith('Votre rendez-vous est confirmé'));
    expect(mail?.text).toContain('Guichet des titres sécurisés, Hall de la mairie, guichet 3');
    expect(mail?.attachments.map((a) => a.contentType)).toEqual(['text/calendar']);
    const taskId = await eventually(
      async () =>
        (await agent.data<{ workQueue: { id: string; request: { trackingCode: string } }[] }>(INBOX)).workQueue.find(
          (task) => task.request.trackingCode === code,
        )?.id,
      60_000,
    );
    await agent.data(COMPLETE, { id: taskId, data: { depot: 'depose' } });
    await eventually(async () => {
      const [row] = await parvis.sql<
        { closed_at: Date | null }[]
      >`select closed_at from requests where tracking_code = ${code}`;
      return row?.closed_at ?? undefined;
    }, 60_000);
  });
});

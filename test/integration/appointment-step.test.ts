import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { closedDay } from '@parvis/engine';
import { deployProcedure } from '@parvis/graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAccueil } from '../support/contact-requests.ts';
import { eventually, type GraphqlClient } from '../support/graphql-client.ts';
import { type RunningParvis, startParvis } from '../support/parvis.ts';

const SUBMIT = `mutation ($data: JSON!) {
  submitRequest(municipality: "demo", procedure: "rendez-vous-titres", data: $data) { trackingCode } }`;
const INVITATION = `query ($c: String!, $e: String) { request(trackingCode: $c, email: $e) {
  appointmentInvitation { kind { key nameFr } appointment { id startsAt status personName channel } } } }`;
const SLOTS = `query ($c: String!, $e: String, $d: String!) {
  requestAppointmentSlots(trackingCode: $c, email: $e, date: $d) { resourceId startsAt free } }`;
const BOOK = `mutation ($c: String!, $e: String, $r: ID!, $s: String!) {
  bookRequestAppointment(trackingCode: $c, email: $e, resourceId: $r, startsAt: $s) { id startsAt status personName channel } }`;
const MOVE = `mutation ($c: String!, $e: String, $s: String!) {
  moveRequestAppointment(trackingCode: $c, email: $e, startsAt: $s) { id startsAt } }`;
const CANCEL = `mutation ($c: String!, $e: String) { cancelRequestAppointment(trackingCode: $c, email: $e) { id status } }`;
const INBOX = `{ workQueue(filter: { scope: AVAILABLE }, first: 200) { name request { trackingCode } } }`;

/** The first weekday at least a week ahead on which the town hall is open. */
function openDayAhead(): string {
  const day = new Date(Date.now() + 7 * 86_400_000);
  for (;;) {
    const text = day.toISOString().slice(0, 10);
    const weekday = day.getUTCDay();
    if (
      weekday >= 1 &&
      weekday <= 5 &&
      !closedDay(text, { timeZone: 'Europe/Paris', alsaceMoselle: false, closures: [] })
    )
      return text;
    day.setUTCDate(day.getUTCDate() + 1);
  }
}

describe('appointment as a BPMN step: the request invites its citizen, who books, moves and cancels from the tracking page', () => {
  let parvis: RunningParvis;
  let agent: GraphqlClient;
  let citizen: GraphqlClient;
  let code: string;
  const email = 'lea.martin@example.fr';
  const date = openDayAhead();
  let slots: { resourceId: string; startsAt: string; free: number }[];

  beforeAll(async () => {
    parvis = await startParvis();
    const manager = parvis.client();
    await manager.data(
      'mutation { signIn(municipality: "demo", email: "manager@demoville.fr", password: "demo-manager") { id } }',
    );
    const { saveAppointmentResource } = await manager.data<{ saveAppointmentResource: { id: string } }>(
      `mutation { saveAppointmentResource(name: "Guichet des titres", kind: COUNTER, capacity: 1,
        openings: [${[1, 2, 3, 4, 5].map((d) => `{ weekday: ${d}, opens: "09:00", closes: "11:00" }`).join(', ')}]) { id } }`,
    );
    await manager.data(
      `mutation ($r: [ID!]!) { saveAppointmentKind(key: "identity-card", nameFr: "Carte d’identité", nameEn: "Identity card",
        minutes: 30, resourceIds: $r) { key } }`,
      { r: [saveAppointmentResource.id] },
    );
    const bpmn = await readFile(join(import.meta.dirname, '../fixtures/appointment-procedure.bpmn'), 'utf8');
    await deployProcedure(
      parvis.sql,
      'demo',
      { key: 'rendez-vous-titres', title: { fr: 'Carte d’identité', en: 'Identity card' }, bpmn, forms: {} },
      'test',
    );
    agent = parvis.client();
    await signInAccueil(agent);
    citizen = parvis.client();
    const { submitRequest } = await citizen.data<{ submitRequest: { trackingCode: string } }>(SUBMIT, {
      data: { prenom: 'Léa', nom: 'Martin', email, telephone: '06 11 22 33 44' },
    });
    code = submitRequest.trackingCode;
  }, 180_000);

  afterAll(async () => {
    await parvis?.stop();
  });

  const invitation = async () =>
    (
      await citizen.data<{
        request: {
          appointmentInvitation: {
            kind: { key: string };
            appointment: { id: string; startsAt: string; status: string; personName: string; channel: string } | null;
          } | null;
        };
      }>(INVITATION, { c: code, e: email })
    ).request.appointmentInvitation;
  const inboxHasTask = async () =>
    (await agent.data<{ workQueue: { name: string; request: { trackingCode: string } }[] }>(INBOX)).workQueue.some(
      (task) => task.request.trackingCode === code,
    );

  it('the step invites the citizen to book a slot of its kind; the request waits, no task yet', async () => {
    const invited = await eventually(async () => (await invitation()) ?? undefined, 60_000);
    expect(invited).toEqual({ kind: { key: 'identity-card', nameFr: 'Carte d’identité' }, appointment: null });
    expect(await inboxHasTask()).toBe(false);
    // and the tracking page does not ask the citizen to answer the town hall: their words would pass for a booking
    const { request } = await citizen.data<{ request: { awaitsAnswer: boolean } }>(
      'query ($c: String!, $e: String) { request(trackingCode: $c, email: $e) { awaitsAnswer } }',
      { c: code, e: email },
    );
    expect(request.awaitsAnswer).toBe(false);
    slots = (await citizen.data<{ requestAppointmentSlots: typeof slots }>(SLOTS, { c: code, e: email, d: date }))
      .requestAppointmentSlots;
    expect(slots).toHaveLength(4);
    // someone else's e-mail sees nothing
    const { errors } = await parvis.client().request(SLOTS, { c: code, e: 'autre@example.fr', d: date });
    expect(errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('booking wakes the request (the agent’s task appears) and confirms by e-mail with the .ics', async () => {
    const { bookRequestAppointment } = await citizen.data<{
      bookRequestAppointment: { status: string; personName: string; channel: string };
    }>(BOOK, { c: code, e: email, r: slots[0]!.resourceId, s: slots[0]!.startsAt });
    expect(bookRequestAppointment).toMatchObject({ status: 'BOOKED', personName: 'Léa Martin', channel: 'ONLINE' });
    await eventually(async () => ((await inboxHasTask()) ? true : undefined), 60_000);
    const mail = parvis.smtp
      .messages()
      .find((m) => m.to.includes(email) && m.subject.startsWith('Votre rendez-vous est confirmé'));
    expect(mail?.attachments.map((a) => a.filename)).toEqual(['rendez-vous.ics']);
    expect((await invitation())?.appointment?.startsAt).toBe(slots[0]!.startsAt);
    // a second booking is refused: the citizen moves the one they have
    const again = await citizen.request(BOOK, { c: code, e: email, r: slots[1]!.resourceId, s: slots[1]!.startsAt });
    expect(again.errors?.[0]?.extensions?.code).toBe('NOT_ALLOWED');
  });

  it('the citizen moves it, then cancels it and may book again; the slots follow', async () => {
    const moved = await citizen.data<{ moveRequestAppointment: { startsAt: string } }>(MOVE, {
      c: code,
      e: email,
      s: slots[2]!.startsAt,
    });
    expect(moved.moveRequestAppointment.startsAt).toBe(slots[2]!.startsAt);
    const free = async () =>
      (
        await citizen.data<{ requestAppointmentSlots: typeof slots }>(SLOTS, { c: code, e: email, d: date })
      ).requestAppointmentSlots.map((s) => s.free);
    expect(await free()).toEqual([1, 1, 0, 1]);
    const cancelled = await citizen.data<{ cancelRequestAppointment: { status: string } }>(CANCEL, {
      c: code,
      e: email,
    });
    expect(cancelled.cancelRequestAppointment.status).toBe('CANCELLED');
    expect(await free()).toEqual([1, 1, 1, 1]);
    expect((await invitation())?.appointment).toBeNull();
    const rebooked = await citizen.data<{ bookRequestAppointment: { status: string } }>(BOOK, {
      c: code,
      e: email,
      r: slots[3]!.resourceId,
      s: slots[3]!.startsAt,
    });
    expect(rebooked.bookRequestAppointment.status).toBe('BOOKED');
    const attempts = await parvis.sql<{ action: string; outcome: string; agent_id: string | null }[]>`
      select action, outcome, agent_id from appointment_attempts order by id`;
    expect(attempts.map((a) => `${a.action} ${a.outcome}`)).toEqual([
      'BOOK GRANTED',
      'MOVE GRANTED',
      'CANCEL GRANTED',
      'BOOK GRANTED',
    ]);
    expect(attempts.every((a) => a.agent_id === null)).toBe(true);
  });
});

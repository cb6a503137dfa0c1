import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closedDay } from '@parvis/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAccueil } from '../support/contact-requests.ts';
import { eventually, type GraphqlClient } from '../support/graphql-client.ts';
import { type RunningParvis, startParvis } from '../support/parvis.ts';

const SIGN_IN = `mutation ($email: String!, $password: String!) {
  signIn(municipality: "demo", email: $email, password: $password) { displayName } }`;
const SAVE_RESOURCE = `mutation ($name: String!, $capacity: Int!, $openings: [WeeklyOpeningInput!]!) {
  saveAppointmentResource(name: $name, kind: COUNTER, capacity: $capacity, location: "Hall, rez-de-chaussée",
    openings: $openings) { id name capacity openings { weekday opens closes } } }`;
const SAVE_KIND = `mutation ($resourceIds: [ID!]!) {
  saveAppointmentKind(key: "identity-card", nameFr: "Carte d’identité, passeport", nameEn: "Identity card, passport",
    minutes: 20, resourceIds: $resourceIds) { id key minutes resourceIds } }`;
const SLOTS = `query ($date: String!) { appointmentSlots(kindKey: "identity-card", date: $date) { resourceId startsAt endsAt free } }`;
const BOOK = `mutation ($resourceId: ID!, $startsAt: String!, $name: String!, $email: String) {
  bookAppointment(kindKey: "identity-card", resourceId: $resourceId, startsAt: $startsAt, personName: $name, email: $email,
    channel: PHONE) { id startsAt endsAt status personName channel resource { name } kind { key } } }`;
const MOVE = `mutation ($id: ID!, $startsAt: String!) { moveAppointment(id: $id, startsAt: $startsAt) { id startsAt status } }`;
const CANCEL = `mutation ($id: ID!) { cancelAppointment(id: $id) { id status } }`;
const NO_SHOW = `mutation ($id: ID!) { recordAppointmentNoShow(id: $id) { id status } }`;
const DAY = `query ($date: String!) { dayAppointments(date: $date) { id startsAt status personName } }`;

/** The first Monday at least a week ahead on which the town hall is open (not a public holiday), and its Tuesday. */
function nextOpenMonday(): { monday: string; tuesday: string } {
  const day = new Date(Date.now() + 7 * 86_400_000);
  for (;;) {
    const text = day.toISOString().slice(0, 10);
    if (day.getUTCDay() === 1 && !closedDay(text, { timeZone: 'Europe/Paris', alsaceMoselle: false, closures: [] })) {
      const tuesday = new Date(day.getTime() + 86_400_000).toISOString().slice(0, 10);
      return { monday: text, tuesday };
    }
    day.setUTCDate(day.getUTCDate() + 1);
  }
}

describe('appointments: resources, slots, booking, move, cancel, no-show, and a slot never given twice', () => {
  let parvis: RunningParvis;
  let manager: GraphqlClient;
  let agent: GraphqlClient;
  let counter: string;
  let slots: { resourceId: string; startsAt: string; endsAt: string; free: number }[];
  // the SMS provider's HTTP API, which the worker sends reminders through
  let gateway: Server;
  const texts: { to: string; text: string }[] = [];
  const { monday, tuesday } = nextOpenMonday();

  const refusal = async (query: string, variables: Record<string, unknown>) => {
    const { errors } = await agent.request(query, variables);
    return {
      code: errors?.[0]?.extensions?.code,
      field: errors?.[0]?.extensions?.field,
      message: errors?.[0]?.message,
    };
  };
  const attempts = (outcome: string) =>
    parvis.sql<{ count: number }[]>`select count(*)::int as count from appointment_attempts where outcome = ${outcome}`;

  beforeAll(async () => {
    gateway = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        texts.push(JSON.parse(body));
        res.end('{}');
      });
    });
    await new Promise<void>((done) => gateway.listen(0, '127.0.0.1', done));
    process.env.SMS_GATEWAY_URL = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/sms`;
    parvis = await startParvis();
    delete process.env.SMS_GATEWAY_URL;
    manager = parvis.client();
    await manager.data(SIGN_IN, { email: 'manager@demoville.fr', password: 'demo-manager' });
    agent = parvis.client();
    await signInAccueil(agent);
    const { saveAppointmentResource } = await manager.data<{ saveAppointmentResource: { id: string } }>(SAVE_RESOURCE, {
      name: 'Guichet 1',
      capacity: 1,
      openings: [
        { weekday: 1, opens: '09:00', closes: '12:00' },
        { weekday: 2, opens: '09:00', closes: '12:00' },
      ],
    });
    counter = saveAppointmentResource.id;
    await manager.data(SAVE_KIND, { resourceIds: [counter] });
    // the town closes on that Tuesday (a bridge day): no slot, no booking
    await parvis.sql`insert into municipality_closures (municipality_id, day) values ('demo', ${tuesday})`;
    slots = (await agent.data<{ appointmentSlots: typeof slots }>(SLOTS, { date: monday })).appointmentSlots;
  });

  afterAll(async () => {
    await parvis?.stop();
    gateway?.close();
  });

  it('a manager defines a counter and its hours; its slots of 20 minutes are offered, in the town’s time', async () => {
    expect(slots).toHaveLength(9);
    expect(slots.every((slot) => slot.free === 1 && slot.resourceId === counter)).toBe(true);
    const local = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', timeStyle: 'short' });
    expect(slots.map((slot) => local.format(new Date(slot.startsAt)))).toEqual([
      '09:00',
      '09:20',
      '09:40',
      '10:00',
      '10:20',
      '10:40',
      '11:00',
      '11:20',
      '11:40',
    ]);
    // an opening that closes before it opens is refused, naming its field
    const { errors } = await manager.request(SAVE_RESOURCE, {
      name: 'Guichet 2',
      capacity: 1,
      openings: [{ weekday: 1, opens: '14:00', closes: '13:00' }],
    });
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'openings.0.closes' });
    // an agent may not define resources
    expect((await refusal(SAVE_KIND, { resourceIds: [counter] })).code).toBe('FORBIDDEN');
  });

  it('an agent books on the phone: the slot is no longer free, the person gets a confirmation with an .ics', async () => {
    const { bookAppointment } = await agent.data<{ bookAppointment: { id: string; status: string; endsAt: string } }>(
      BOOK,
      {
        resourceId: counter,
        startsAt: slots[0]!.startsAt,
        name: 'Léa Martin',
        email: 'lea.martin@example.fr',
      },
    );
    expect(bookAppointment).toMatchObject({ status: 'BOOKED', endsAt: slots[0]!.endsAt });
    const after = (await agent.data<{ appointmentSlots: typeof slots }>(SLOTS, { date: monday })).appointmentSlots;
    expect(after[0]!.free).toBe(0);
    const mail = parvis.smtp.messages().find((m) => m.to.includes('lea.martin@example.fr'));
    expect(mail?.subject).toBe('Votre rendez-vous est confirmé / Your appointment is confirmed');
    expect(mail?.text).toContain('Carte d’identité, passeport');
    expect(mail?.attachments).toEqual([
      expect.objectContaining({ filename: 'rendez-vous.ics', contentType: 'text/calendar' }),
    ]);
    const day = (await agent.data<{ dayAppointments: { personName: string }[] }>(DAY, { date: monday }))
      .dayAppointments;
    expect(day.map((a) => a.personName)).toEqual(['Léa Martin']);
  });

  it('refuses a full slot, a closed day, a time off the grid and a past slot, each attempt logged', async () => {
    expect(
      await refusal(BOOK, { resourceId: counter, startsAt: slots[0]!.startsAt, name: 'Paul Durand' }),
    ).toMatchObject({
      code: 'SLOT_TAKEN',
      field: 'startsAt',
      message: 'Ce créneau est complet. / This slot is full.',
    });
    const closedTuesday = slots[0]!.startsAt.replace(monday, tuesday);
    expect(await refusal(BOOK, { resourceId: counter, startsAt: closedTuesday, name: 'Paul Durand' })).toMatchObject({
      code: 'DAY_CLOSED',
      message: 'La mairie est fermée ce jour-là. / The town hall is closed that day.',
    });
    const offGrid = new Date(Date.parse(slots[0]!.startsAt) + 5 * 60_000).toISOString();
    expect(await refusal(BOOK, { resourceId: counter, startsAt: offGrid, name: 'Paul Durand' })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'startsAt',
    });
    const lastWeek = new Date(Date.parse(slots[1]!.startsAt) - 14 * 86_400_000).toISOString();
    const past = await refusal(BOOK, { resourceId: counter, startsAt: lastWeek, name: 'Paul Durand' });
    expect(['APPOINTMENT_PAST', 'DAY_CLOSED']).toContain(past.code);
    expect(await refusal(BOOK, { resourceId: counter, startsAt: 'lundi 9 h', name: 'Paul Durand' })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'startsAt',
    });
    expect((await attempts('SLOT_TAKEN'))[0]!.count).toBe(1);
    expect((await attempts('DAY_CLOSED'))[0]!.count).toBeGreaterThanOrEqual(1);
    expect((await attempts('GRANTED'))[0]!.count).toBe(1);
  });

  it('moves an appointment: the old slot is free again, the new one taken, a new .ics sent', async () => {
    const { bookAppointment } = await agent.data<{ bookAppointment: { id: string } }>(BOOK, {
      resourceId: counter,
      startsAt: slots[2]!.startsAt,
      name: 'Jean Petit',
      email: 'jean.petit@example.fr',
    });
    const moved = await agent.data<{ moveAppointment: { startsAt: string } }>(MOVE, {
      id: bookAppointment.id,
      startsAt: slots[3]!.startsAt,
    });
    expect(moved.moveAppointment.startsAt).toBe(slots[3]!.startsAt);
    const free = (await agent.data<{ appointmentSlots: typeof slots }>(SLOTS, { date: monday })).appointmentSlots.map(
      (s) => s.free,
    );
    expect(free.slice(0, 4)).toEqual([0, 1, 1, 0]);
    // moving onto a taken slot is refused, and the appointment stays where it was
    expect(await refusal(MOVE, { id: bookAppointment.id, startsAt: slots[0]!.startsAt })).toMatchObject({
      code: 'SLOT_TAKEN',
    });
    const mails = parvis.smtp.messages().filter((m) => m.to.includes('jean.petit@example.fr'));
    expect(mails.map((m) => m.subject)).toEqual([
      'Votre rendez-vous est confirmé / Your appointment is confirmed',
      'Votre rendez-vous est déplacé / Your appointment has moved',
    ]);
    // cancelled: the seat is free again and the person is told
    expect(
      (await agent.data<{ cancelAppointment: { status: string } }>(CANCEL, { id: bookAppointment.id }))
        .cancelAppointment.status,
    ).toBe('CANCELLED');
    const again = (await agent.data<{ appointmentSlots: typeof slots }>(SLOTS, { date: monday })).appointmentSlots;
    expect(again[3]!.free).toBe(1);
    expect(
      parvis.smtp
        .messages()
        .filter((m) => m.to.includes('jean.petit@example.fr'))
        .at(-1)?.subject,
    ).toBe('Votre rendez-vous est annulé / Your appointment is cancelled');
    expect(await refusal(CANCEL, { id: bookAppointment.id })).toMatchObject({ code: 'NOT_ALLOWED' });
  });

  it('refuses a cancellation after the appointment; records a no-show then, not before', async () => {
    const [kind] = await parvis.sql<{ id: string }[]>`select id from appointment_kinds where key = 'identity-card'`;
    const [past] = await parvis.sql<{ id: string }[]>`
      insert into appointments (municipality_id, kind_id, resource_id, starts_at, ends_at, seat, person_name, channel)
      values ('demo', ${kind!.id}, ${counter}, now() - interval '2 hours', now() - interval '100 minutes', 1, 'Marc Absent', 'COUNTER')
      returning id`;
    expect(await refusal(CANCEL, { id: past!.id })).toMatchObject({
      code: 'APPOINTMENT_PAST',
      message: 'Ce rendez-vous a déjà eu lieu. / This appointment has already taken place.',
    });
    expect(await refusal(MOVE, { id: past!.id, startsAt: slots[5]!.startsAt })).toMatchObject({
      code: 'APPOINTMENT_PAST',
    });
    const [cancelAttempt] = await parvis.sql<{ outcome: string; action: string }[]>`
      select outcome, action from appointment_attempts where appointment_id = ${past!.id} order by id limit 1`;
    expect(cancelAttempt).toEqual({ outcome: 'APPOINTMENT_PAST', action: 'CANCEL' });
    const noShow = await agent.data<{ recordAppointmentNoShow: { status: string } }>(NO_SHOW, { id: past!.id });
    expect(noShow.recordAppointmentNoShow.status).toBe('NO_SHOW');
    const future = (await agent.data<{ dayAppointments: { id: string }[] }>(DAY, { date: monday })).dayAppointments[0]!;
    expect(await refusal(NO_SHOW, { id: future.id })).toMatchObject({ code: 'NOT_ALLOWED' });
  });

  it('100 concurrent attempts on one slot: exactly one succeeds, the 99 others are told it is full', async () => {
    const slot = slots[8]!;
    const started = performance.now();
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        agent.request<{ bookAppointment: { id: string } | null }>(BOOK, {
          resourceId: counter,
          startsAt: slot.startsAt,
          name: `Personne ${i}`,
        }),
      ),
    );
    const elapsed = performance.now() - started;
    const granted = results.filter((r) => r.data?.bookAppointment?.id);
    const codes = results.flatMap((r) => r.errors?.map((e) => e.extensions?.code) ?? []);
    console.log(
      `100 concurrent bookings of one slot: ${granted.length} granted, ${codes.length} refused in ${elapsed.toFixed(0)} ms`,
    );
    expect(granted).toHaveLength(1);
    expect(codes).toEqual(Array(99).fill('SLOT_TAKEN'));
    const [held] = await parvis.sql<{ count: number }[]>`
      select count(*)::int as count from appointments where resource_id = ${counter} and starts_at = ${slot.startsAt}
        and status <> 'CANCELLED'`;
    expect(held!.count).toBe(1);
  });

  it('the database itself refuses a second booking of a taken seat (the exclusion constraint)', async () => {
    const [kind] = await parvis.sql<{ id: string }[]>`select id from appointment_kinds where key = 'identity-card'`;
    await expect(
      parvis.sql`insert into appointments (municipality_id, kind_id, resource_id, starts_at, ends_at, seat, person_name, channel)
        values ('demo', ${kind!.id}, ${counter}, ${slots[0]!.startsAt}, ${slots[0]!.endsAt}, 1, 'Resquilleur', 'COUNTER')`,
    ).rejects.toMatchObject({ code: '23P01' });
  });
  it('reminds before the appointment, by e-mail or else SMS; none for one cancelled or moved away since', async () => {
    // a room open every day, 5-minute slots, 3 seats; its kind reminds so that the next slot's reminder is due in seconds
    const { saveAppointmentResource } = await manager.data<{ saveAppointmentResource: { id: string } }>(SAVE_RESOURCE, {
      name: 'Salle du conseil',
      capacity: 3,
      openings: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '00:00', closes: '23:55' })),
    });
    const room = saveAppointmentResource.id;
    const day = (offset: number) =>
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date(Date.now() + offset * 86_400_000));
    const KIND = `mutation ($r: [ID!]!, $m: Int!) { saveAppointmentKind(key: "meeting", nameFr: "Rencontre avec l’élu",
      nameEn: "Meeting the councillor", minutes: 5, reminderMinutes: $m, resourceIds: $r) { key reminderMinutes } }`;
    await manager.data(KIND, { r: [room], m: 60 });
    const SLOTS_OF = `query ($date: String!) { appointmentSlots(kindKey: "meeting", date: $date) { startsAt } }`;
    const upcoming: string[] = [];
    for (const offset of [0, 1, 2])
      upcoming.push(
        ...(
          await agent.data<{ appointmentSlots: { startsAt: string }[] }>(SLOTS_OF, { date: day(offset) })
        ).appointmentSlots.map((slot) => slot.startsAt),
      );
    const [next, later] = upcoming.filter((startsAt) => Date.parse(startsAt) >= Date.now() + 90_000);
    const minutes = Math.floor((Date.parse(next!) - Date.now() - 10_000) / 60_000);
    await manager.data(KIND, { r: [room], m: minutes });
    const BOOK_MEETING = `mutation ($r: ID!, $s: String!, $n: String!, $e: String, $p: String) {
      bookAppointment(kindKey: "meeting", resourceId: $r, startsAt: $s, personName: $n, email: $e, phone: $p, channel: COUNTER) { id } }`;
    const book = async (name: string, contact: { e?: string; p?: string }) =>
      (await agent.data<{ bookAppointment: { id: string } }>(BOOK_MEETING, { r: room, s: next, n: name, ...contact }))
        .bookAppointment.id;
    await book('Alice Mail', { e: 'alice@example.fr' });
    await book('Bruno Texto', { p: '06 12 34 56 78' });
    const cancelled = await book('Chloé Annule', { e: 'chloe@example.fr' });
    await agent.data(CANCEL, { id: cancelled });
    const moved = await book('David Déplace', { e: 'david@example.fr' });
    await agent.data(MOVE, { id: moved, startsAt: later });

    const reminder = await eventually(
      async () =>
        parvis.smtp
          .messages()
          .find(
            (m) =>
              m.to.includes('alice@example.fr') && m.subject === 'Rappel de votre rendez-vous / Appointment reminder',
          ),
      110_000,
    );
    expect(reminder.text).toContain('Rencontre avec l’élu');
    expect(reminder.text).toContain('Salle du conseil');
    const text = await eventually(async () => texts.find((t) => t.to === '06 12 34 56 78'), 30_000);
    expect(text.text).toMatch(/^Mairie de .+ : rappel de votre rendez-vous « Rencontre avec l’élu »/);
    // the cancelled and the moved appointments' reminders ran and sent nothing
    const result = (id: string, sequence: number) =>
      parvis.temporal.workflow.getHandle(`appointment-${id}/reminder-${sequence}`).result();
    expect(await result(cancelled, 0)).toBeNull();
    expect(await result(moved, 0)).toBeNull();
    const reminded = await parvis.sql<{ person_name: string; reminded_by: string | null }[]>`
      select person_name, reminded_by from appointments where resource_id = ${room} order by person_name`;
    expect(reminded).toEqual([
      { person_name: 'Alice Mail', reminded_by: 'EMAIL' },
      { person_name: 'Bruno Texto', reminded_by: 'SMS' },
      { person_name: 'Chloé Annule', reminded_by: null },
      { person_name: 'David Déplace', reminded_by: null },
    ]);
    const others = parvis.smtp
      .messages()
      .filter((m) => m.subject.startsWith('Rappel') && !m.to.includes('alice@example.fr'));
    expect(others).toEqual([]);
  });
  it('an agent as resource offers only the slots they are present for; booking them absent is refused', async () => {
    const { me } = await agent.data<{ me: { id: string } }>('{ me { id } }');
    const wednesday = new Date(Date.parse(`${monday}T12:00:00Z`) + 2 * 86_400_000).toISOString().slice(0, 10);
    const thursday = new Date(Date.parse(`${monday}T12:00:00Z`) + 3 * 86_400_000).toISOString().slice(0, 10);
    const { saveAppointmentResource } = await manager.data<{ saveAppointmentResource: { id: string } }>(
      `mutation ($a: ID!) { saveAppointmentResource(name: "Camille, écrivain public", kind: AGENT, agentId: $a, capacity: 1,
        openings: [{ weekday: 1, opens: "14:00", closes: "15:00" }, { weekday: 3, opens: "14:00", closes: "15:00" }]) { id } }`,
      { a: me.id },
    );
    await manager.data(
      `mutation ($r: [ID!]!) { saveAppointmentKind(key: "ecrivain-public", nameFr: "Écrivain public", nameEn: "Public scribe",
        minutes: 30, resourceIds: $r) { key } }`,
      { r: [saveAppointmentResource.id] },
    );
    await agent.data(
      'mutation ($s: String!, $e: String!) { declareAbsence(absence: { startsAt: $s, endsAt: $e, reason: "Formation" }) { id } }',
      { s: `${wednesday}T00:00:00Z`, e: `${thursday}T00:00:00Z` },
    );
    const SCRIBE = `query ($date: String!) { appointmentSlots(kindKey: "ecrivain-public", date: $date) { startsAt } }`;
    const onMonday = (await agent.data<{ appointmentSlots: { startsAt: string }[] }>(SCRIBE, { date: monday }))
      .appointmentSlots;
    expect(onMonday).toHaveLength(2);
    expect((await agent.data<{ appointmentSlots: unknown[] }>(SCRIBE, { date: wednesday })).appointmentSlots).toEqual(
      [],
    );
    const absentAt = onMonday[0]!.startsAt.replace(monday, wednesday);
    const { errors } = await agent.request(
      `mutation ($r: ID!, $s: String!) { bookAppointment(kindKey: "ecrivain-public", resourceId: $r, startsAt: $s,
        personName: "Paul Durand", channel: COUNTER) { id } }`,
      { r: saveAppointmentResource.id, s: absentAt },
    );
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'AGENT_ABSENT', field: 'startsAt' });
    expect(errors?.[0]?.message).toBe(
      'Camille, écrivain public n’est pas présent(e) à cette heure. / Camille, écrivain public is not present then.',
    );
  });
});

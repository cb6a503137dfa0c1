import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { addBusinessTime } from '@parvis/engine';
import { deployProcedure } from '@parvis/graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type GraphqlClient } from '../support/graphql-client.ts';
import { type RunningParvis, startParvis } from '../support/parvis.ts';

// Months of the law's clocks pass in seconds: alarms ring a million times faster than real time.
process.env.PARVIS_CLOCK_SCALE = '1000000';

const SUBMIT = `mutation ($procedure: String!, $data: JSON!) {
  submitRequest(municipality: "demo", procedure: $procedure, data: $data) { trackingCode } }`;

const fixture = (name: string) => readFile(join(import.meta.dirname, '../fixtures', name), 'utf8');

describe("a request's SLA and legal clocks, on real Temporal, PostgreSQL and SMTP", () => {
  let parvis: RunningParvis;
  let citizen: GraphqlClient;

  beforeAll(async () => {
    parvis = await startParvis();
    citizen = parvis.client();
    const title = { fr: 'Demande avec délai', en: 'Request with a deadline' };
    await deployProcedure(
      parvis.sql,
      'demo',
      { key: 'deadline', title, bpmn: await fixture('deadline-procedure.bpmn'), forms: {} },
      'test',
    );
    await deployProcedure(
      parvis.sql,
      'demo',
      { key: 'complement', title, bpmn: await fixture('complement-procedure.bpmn'), forms: {} },
      'test',
    );
  });
  afterAll(async () => {
    delete process.env.PARVIS_CLOCK_SCALE;
    await parvis?.stop();
  });

  const request = async (code: string) => {
    const [row] = await parvis.sql<
      {
        id: string;
        submitted_at: Date;
        due_at: Date;
        sla_state: string;
        silence_regime: string;
        implicit_decision: string | null;
      }[]
    >`select id, submitted_at, due_at, sla_state, silence_regime, implicit_decision from requests where tracking_code = ${code}`;
    return row!;
  };
  const timeline = async (id: string) =>
    (
      await parvis.sql<{ kind: string }[]>`select kind from timeline_events where request_id = ${id} order by position`
    ).map((e) => e.kind);

  it('states the deadline and what silence means in the acknowledgement, reminds, alerts at the breach, and records the implicit decision', async () => {
    // given a procedure of 2 business days where silence means acceptance after 2 months
    const { submitRequest } = await citizen.data<{ submitRequest: { trackingCode: string } }>(SUBMIT, {
      procedure: 'deadline',
      data: { email: 'claire@example.fr' },
    });
    const code = submitRequest.trackingCode;

    // then the deadline is 2 business days on the municipality's calendar
    const stored = await eventually(async () => {
      const row = await request(code);
      return row.due_at ? row : undefined;
    });
    const expectedDue = addBusinessTime(
      stored.submitted_at.toISOString(),
      { days: 2 },
      { timeZone: 'Europe/Paris', alsaceMoselle: false, closures: [] },
    );
    expect(stored.due_at.toISOString()).toBe(expectedDue);
    expect(stored.silence_regime).toBe('acceptance');

    // and the acknowledgement says by when, who handles it, and what silence means
    const ack = await eventually(async () =>
      parvis.smtp.messages().find((m) => m.subject.startsWith('Accusé de réception') && m.subject.includes(code)),
    );
    expect(ack.text).toContain('Réponse au plus tard le : ');
    expect(ack.text).toContain('Service qui la traite : Mairie de Démoville — mairie@demoville.fr');
    expect(ack.text).toMatch(
      /Sans réponse de l’administration dans un délai de 2 mois à compter de la réception de votre demande, soit au \d{1,2} \S+ \d{4}, votre demande sera réputée acceptée\./,
    );

    // when time passes with nobody acting
    const breached = await eventually(async () => ((await request(code)).sla_state === 'breached' ? true : undefined));
    expect(breached).toBe(true);

    // then the group was reminded and the manager alerted
    const reminders = parvis.smtp.messages().filter((m) => m.subject.startsWith(`Rappel : la demande ${code}`));
    expect(reminders.flatMap((m) => m.to).sort()).toEqual(['accueil@demoville.fr', 'manager@demoville.fr']);
    // (a step is recorded before its messages go out: the alert may follow the breached state by a moment)
    const alerts = await eventually(async () => {
      const sent = parvis.smtp.messages().filter((m) => m.subject.startsWith(`Délai dépassé : demande ${code}`));
      return sent.length > 0 ? sent : undefined;
    });
    expect(alerts.flatMap((m) => m.to)).toEqual(['manager@demoville.fr']);

    // and when two months pass, silence becomes acceptance: recorded, and the citizen told
    const decided = await eventually(
      async () => ((await request(code)).implicit_decision === 'acceptance' ? true : undefined),
      30_000,
    );
    expect(decided).toBe(true);
    const told = await eventually(async () =>
      parvis.smtp.messages().find((m) => m.subject === `Votre demande ${code} : décision implicite d’acceptation`),
    );
    expect(told.to).toEqual(['claire@example.fr']);
    expect(told.text).toContain(`/documents/${code}/certificat-decision-implicite.pdf`);
    const kinds = await timeline(stored.id);
    expect(kinds).toEqual(expect.arrayContaining(['slaAtRisk', 'slaBreached', 'implicitDecision']));
    expect(kinds.indexOf('slaAtRisk')).toBeLessThan(kinds.indexOf('slaBreached'));
  });

  it('stops the SLA clock while the request waits for the citizen, and starts it again when they answer', async () => {
    // given a request that first waits for a complement from the citizen
    const { submitRequest } = await citizen.data<{ submitRequest: { trackingCode: string } }>(SUBMIT, {
      procedure: 'complement',
      data: { email: 'marc@example.fr' },
    });
    const code = submitRequest.trackingCode;
    const paused = await eventually(async () =>
      (await request(code)).sla_state === 'paused' ? request(code) : undefined,
    );

    // when far more than the allowed time passes while it waits (a second here is 11 days)
    await new Promise((resolve) => setTimeout(resolve, 1000));

    // then nothing went late
    expect((await request(code)).sla_state).toBe('paused');
    expect(await timeline(paused.id)).not.toContain('slaBreached');

    // when the citizen answers, with their tracking code and e-mail
    const ANSWER = `mutation ($code: String!, $email: String!, $answer: String!) {
      answerRequest(trackingCode: $code, email: $email, answer: $answer) { status } }`;
    await citizen.data(ANSWER, { code, email: 'marc@example.fr', answer: 'Voici le justificatif demandé.' });

    // and an answer when nothing is asked any more is refused
    const again = await citizen.request(ANSWER, { code, email: 'marc@example.fr', answer: 'Encore un message.' });
    expect(again.errors?.[0]?.extensions?.code).toBe('NOT_WAITING');

    // then the clock runs again, from where it stopped
    const kinds = await eventually(async () => {
      const found = await timeline(paused.id);
      return found.includes('slaBreached') ? found : undefined;
    });
    expect(kinds.indexOf('slaPaused')).toBeLessThan(kinds.indexOf('messageReceived'));
    expect(kinds.indexOf('slaResumed')).toBeLessThan(kinds.indexOf('slaBreached'));
    expect(kinds).not.toContain('incident');
  });
});

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deployProcedure } from '@parvis/graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/graphql-client.ts';
import { type RunningParvis, startParvis } from '../support/parvis.ts';
import { type StandInPayfip, standInPayfip } from '../support/payfip-server.ts';

const SUBMIT = `mutation ($data: JSON!) {
  submitRequest(municipality: "demo", procedure: "droit-de-place", data: $data) { trackingCode } }`;
const CLIENT_NUMBER = '012345';

describe('a procedure asks for a payment through PayFiP (stand-in), and waits for its result', () => {
  let parvis: RunningParvis;
  let payfip: StandInPayfip;

  const submit = async (montant: number, expiration = 60) => {
    const { submitRequest } = await parvis.client().data<{ submitRequest: { trackingCode: string } }>(SUBMIT, {
      data: { montant, email: 'marchand@example.org', expiration },
    });
    return submitRequest.trackingCode;
  };
  const openTasks = async (code: string) =>
    (
      await parvis.sql<{ name: string }[]>`select t.name from tasks t join requests r on r.id = t.request_id
        where r.tracking_code = ${code} and t.status = 'open'`
    ).map((t) => t.name);
  const payment = async (code: string) => {
    const [row] = await parvis.sql<
      { id: string; status: string; operation_id: string | null; reference: string; authorisation: string | null }[]
    >`select p.id, p.status, p.operation_id, p.reference, p.authorisation from payments p
        join requests r on r.id = p.request_id where r.tracking_code = ${code}`;
    return row;
  };
  /** The payment once PayFiP has answered its idOp. */
  const asked = (code: string) =>
    eventually(async () => ((await payment(code))?.operation_id ? payment(code) : undefined), 60_000);
  const attempts = async (paymentId: string) =>
    parvis.sql<{ source: string; outcome: string; reason: string | null }[]>`
      select source, outcome, reason from payment_attempts where payment_id = ${paymentId} order by id`;
  const waitForTask = (code: string, name: string) =>
    eventually(async () => ((await openTasks(code)).includes(name) ? true : undefined), 60_000);

  beforeAll(async () => {
    parvis = await startParvis();
    // PayFiP calls the addresses Parvis gave it (its public URL, http://parvis.test): here, the test's API.
    payfip = await standInPayfip({
      clientNumbers: [CLIENT_NUMBER],
      reach: (url) => url.replace('http://parvis.test', parvis.url),
    });
    await parvis.sql`insert into payment_settings (municipality_id, client_number, environment, service_url, page_url)
      values ('demo', ${CLIENT_NUMBER}, 'TEST', ${payfip.serviceUrl}, ${payfip.pageUrl})`;
    const bpmn = await readFile(join(import.meta.dirname, '../fixtures/payment-procedure.bpmn'), 'utf8');
    await deployProcedure(
      parvis.sql,
      'demo',
      { key: 'droit-de-place', title: { fr: 'Droit de place', en: 'Market pitch fee' }, bpmn, forms: {} },
      'test',
    );
  }, 400_000);
  afterAll(async () => {
    await payfip?.stop();
    await parvis?.stop();
  });

  it('paid: PayFiP gets the town’s client number, amount and reference; the notification wakes the request; a replayed one changes nothing', async () => {
    // given a request whose fee is 1 098 €
    const code = await submit(1098);
    const asking = await asked(code);
    const sent = payfip.payments.get(asking!.operation_id!)!;
    expect(sent).toMatchObject({
      numcli: CLIENT_NUMBER,
      montant: '109800',
      refdet: asking!.reference,
      objet: 'Droit de place du marche',
      saisie: 'T',
      mel: 'marchand@example.org',
      exer: String(new Date().getFullYear()),
    });
    expect(sent.urlnotif).toMatch(/^http:\/\/parvis\.test\/payments\/demo\/[0-9a-f-]{36}\/notification\?token=/);
    expect(await openTasks(code)).toEqual([]);

    // when the citizen pays on PayFiP's page
    await payfip.choose(sent.idOp, 'P');

    // then the notification is accepted and the request goes on to deliver the permit
    expect(payfip.notifications.at(-1)).toMatchObject({ idOp: sent.idOp, status: 200, body: 'ACCEPTED' });
    await waitForTask(code, "Délivrer l'autorisation");
    expect(await payment(code)).toMatchObject({ status: 'PAID', authorisation: sent.numauto });
    const [request] = await parvis.sql<{ id: string }[]>`select id from requests where tracking_code = ${code}`;
    const timeline = await parvis.sql<{ kind: string; payload: { message?: string; from?: string } }[]>`
      select kind, payload from timeline_events where request_id = ${request!.id} order by position`;
    expect(timeline.find((e) => e.kind === 'messageReceived')?.payload).toMatchObject({
      message: 'paiement',
      from: 'PayFiP PAID',
    });

    // when PayFiP notifies again (it had no answer, say), and the payer comes back
    expect(await payfip.notify(sent.idOp)).toEqual({ status: 200, body: 'DUPLICATE' });
    const back = await fetch(`${parvis.url}/payments/demo/${asking!.id}/return`, { redirect: 'manual' });

    // then nothing changed: one task, one publication, still paid; the payer lands on the tracking page
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toBe(`http://parvis.test/suivi/${code}?paiement=PAID`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await openTasks(code)).toEqual(["Délivrer l'autorisation"]);
    const [published] = await parvis.sql<{ count: number }[]>`select count(*)::int as count from published_messages
      where message_id = ${`payment:${asking!.id}`}`;
    expect(published!.count).toBe(1);
    expect((await attempts(asking!.id)).map((a) => `${a.source} ${a.outcome}`)).toEqual([
      'notification ACCEPTED',
      'notification DUPLICATE',
      'return DUPLICATE',
    ]);
  }, 180_000);

  it('the citizen reads the payment on their request; an agent records a refund of a paid one only', async () => {
    // given a paid payment and a refused one
    const paid = await submit(80);
    const refused = await submit(81);
    const [p, r] = [await asked(paid), await asked(refused)];
    await payfip.choose(p!.operation_id!, 'P');
    await payfip.choose(r!.operation_id!, 'R');
    await waitForTask(paid, "Délivrer l'autorisation");
    await waitForTask(refused, 'Relancer le demandeur');

    // the citizen sees it, paid, with no page to pay on any more
    const { request } = await parvis.client().data<{ request: { payments: Record<string, unknown>[] } }>(
      `query ($code: String!) { request(trackingCode: $code, email: "marchand@example.org") {
        payments { amount label status payUrl authorisation } } }`,
      { code: paid },
    );
    expect(request.payments).toEqual([
      {
        amount: 80,
        label: 'Droit de place du marché',
        status: 'PAID',
        payUrl: null,
        authorisation: expect.any(String),
      },
    ]);

    // a citizen cannot refund; an agent refunds the paid one, with its reason, but not the refused one
    const REFUND = `mutation ($id: ID!, $reason: String!) { refundPayment(paymentId: $id, reason: $reason) {
      status refundedAt refundReason } }`;
    const anonymous = await parvis.client().request(REFUND, { id: p!.id, reason: 'Annulation' });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const agent = parvis.client();
    await agent.data(
      `mutation { signIn(municipality: "demo", email: "accueil@demoville.fr", password: "demo-accueil") { displayName } }`,
    );
    const notPaid = await agent.request(REFUND, { id: r!.id, reason: 'Annulation' });
    expect(notPaid.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(notPaid.errors?.[0]?.message).toContain('Seul un paiement payé se rembourse ; celui-ci est REFUSED');
    const blank = await agent.request(REFUND, { id: p!.id, reason: '  ' });
    expect(blank.errors?.[0]?.extensions?.field).toBe('reason');
    const { refundPayment } = await agent.data<{ refundPayment: Record<string, unknown> }>(REFUND, {
      id: p!.id,
      reason: 'Marché annulé pour intempéries',
    });
    expect(refundPayment).toMatchObject({ status: 'REFUNDED', refundReason: 'Marché annulé pour intempéries' });
    const twice = await agent.request(REFUND, { id: p!.id, reason: 'Encore' });
    expect(twice.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await payment(refused))!.status).toBe('REFUSED');
    expect((await attempts(p!.id)).map((a) => `${a.source} ${a.outcome}`)).toEqual([
      'notification ACCEPTED',
      'refund ACCEPTED',
    ]);
    // a late notification of the refunded payment changes nothing
    expect(await payfip.notify(p!.operation_id!)).toEqual({ status: 200, body: 'DUPLICATE' });
    expect((await payment(paid))!.status).toBe('REFUNDED');
  }, 180_000);

  it('refused and abandoned: the request takes the model’s other path', async () => {
    const refused = await submit(30);
    const abandoned = await submit(45.5);
    const [r, a] = [await asked(refused), await asked(abandoned)];
    expect(payfip.payments.get(a!.operation_id!)!.montant).toBe('4550');
    await payfip.choose(r!.operation_id!, 'R');
    await payfip.choose(a!.operation_id!, 'A');
    await waitForTask(refused, 'Relancer le demandeur');
    await waitForTask(abandoned, 'Relancer le demandeur');
    expect((await payment(refused))!.status).toBe('REFUSED');
    expect((await payment(abandoned))!.status).toBe('ABANDONED');
  }, 180_000);

  it('refuses a notification with a bad signature, an unknown reference or a different amount: the payment waits, every attempt logged', async () => {
    const code = await submit(120);
    const asking = await asked(code);
    const idOp = asking!.operation_id!;
    const address = payfip.payments.get(idOp)!.urlnotif;

    // a bad signature
    const forged = await payfip.notify(idOp, address.replace(/token=[^&]+/, 'token=forged'));
    expect(forged.status).toBe(403);
    expect(forged.body).toContain('signature');
    // an operation that is not this payment's, and a payment Parvis never asked for
    const other = await fetch(address.replace('http://parvis.test', parvis.url), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'idOp=0000unknown',
    });
    expect(other.status).toBe(404);
    expect(await other.text()).toContain('inconnue');
    const nowhere = await fetch(
      `${parvis.url}/payments/demo/00000000-0000-4000-8000-000000000000/notification?token=x`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `idOp=${idOp}`,
      },
    );
    expect(nowhere.status).toBe(404);
    // PayFiP says the payment was of another amount
    payfip.tamper(idOp, { montant: '100' });
    await payfip.choose(idOp, 'P');
    expect(payfip.notifications.at(-1)).toMatchObject({ status: 409 });
    expect(payfip.notifications.at(-1)!.body).toContain('montant 100 centimes au lieu de 12000');

    // the payment still waits, and the request with it
    expect((await payment(code))!.status).toBe('PENDING');
    expect(await openTasks(code)).toEqual([]);
    const logged = await attempts(asking!.id);
    expect(logged.map((a) => a.outcome)).toEqual(['REFUSED', 'REFUSED', 'REFUSED']);
    expect(logged.map((a) => a.reason)).toEqual([
      expect.stringContaining('signature'),
      expect.stringContaining('0000unknown'),
      expect.stringContaining('montant'),
    ]);
    const [unknown] = await parvis.sql<{ count: number }[]>`select count(*)::int as count from payment_attempts
      where payment_id is null and outcome = 'REFUSED'`;
    expect(unknown!.count).toBeGreaterThanOrEqual(1);
  }, 180_000);

  it('expired: nothing came before the payment’s end, PayFiP has no result, the request goes on', async () => {
    const code = await submit(15, 0.05); // three seconds
    await asked(code);
    await waitForTask(code, 'Relancer le demandeur');
    const expired = await payment(code);
    expect(expired!.status).toBe('EXPIRED');
    expect((await attempts(expired!.id)).map((a) => `${a.source} ${a.outcome}`)).toEqual(['expiry ACCEPTED']);
  }, 180_000);

  it('an amount of zero asks for nothing: the step passes', async () => {
    const code = await submit(0);
    await waitForTask(code, "Délivrer l'autorisation");
    expect(await payment(code)).toBeUndefined();
  }, 180_000);
});

import { upsertAgent } from '@parvis/graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphqlClient } from '../support/graphql-client.ts';
import { type RunningParvis, startParvis } from '../support/parvis.ts';

const SET = `mutation ($n: String, $e: PaymentEnvironment) {
  setPaymentSettings(clientNumber: $n, environment: $e) { provider clientNumber environment } }`;

describe('the town’s administrator sets its PayFiP references without SQL', () => {
  let parvis: RunningParvis;
  let admin: GraphqlClient;
  const stored = () =>
    parvis.sql`select client_number, environment, updated_at from payment_settings where municipality_id = 'demo'`;

  beforeAll(async () => {
    parvis = await startParvis();
    await upsertAgent(parvis.sql, {
      municipalityId: 'demo',
      email: 'admin@demoville.fr',
      password: 'demo-admin-password',
      displayName: 'Ada Admin',
      roles: ['administrator'],
      groups: [],
    });
    admin = parvis.client();
    await admin.data(
      `mutation { signIn(municipality: "demo", email: "admin@demoville.fr", password: "demo-admin-password") { displayName } }`,
    );
  }, 400_000);
  afterAll(async () => {
    await parvis?.stop();
  });

  it('sets the client number, refuses a bad one naming the field with nothing changed, removes them; agents may not', async () => {
    // the town bills offline until its administrator gives the Treasury's client number
    expect(
      (await admin.data<{ paymentSettings: unknown }>('{ paymentSettings { clientNumber } }')).paymentSettings,
    ).toBe(null);
    const { setPaymentSettings } = await admin.data<{ setPaymentSettings: unknown }>(SET, { n: '012345', e: 'TEST' });
    expect(setPaymentSettings).toEqual({ provider: 'payfip', clientNumber: '012345', environment: 'TEST' });
    const before = await stored();
    expect(before).toMatchObject([{ client_number: '012345', environment: 'TEST' }]);

    // a client number that is not 6 digits is refused, naming the field, and nothing changes
    for (const bad of ['12345', '12345a', '1234567']) {
      const refused = await admin.request(SET, { n: bad, e: 'PRODUCTION' });
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'clientNumber' });
      expect(refused.errors?.[0]?.message).toContain('le numéro client PayFiP a 6 chiffres');
    }
    // an unknown environment is refused by the schema itself
    expect((await admin.request(SET, { n: '012345', e: 'LIVE' })).errors?.[0]?.message).toContain('PaymentEnvironment');
    expect(await stored()).toEqual(before);

    // an agent who is not the administrator neither reads nor changes them
    const agent = parvis.client();
    await agent.data(
      `mutation { signIn(municipality: "demo", email: "accueil@demoville.fr", password: "demo-accueil") { displayName } }`,
    );
    expect((await agent.request('{ paymentSettings { clientNumber } }')).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect((await agent.request(SET, { n: '999999' })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await stored()).toEqual(before);

    // going live, then back to billing offline; each change is in the town's audit log
    await admin.data(SET, { n: '012345', e: 'PRODUCTION' });
    expect(await stored()).toMatchObject([{ client_number: '012345', environment: 'PRODUCTION' }]);
    expect((await admin.data<{ setPaymentSettings: unknown }>(SET, { n: null })).setPaymentSettings).toBe(null);
    expect(await stored()).toEqual([]);
    const log = await parvis.sql<{ action: string; details: Record<string, unknown> }[]>`
      select action, details from audit_log where municipality_id = 'demo' and action like 'settings.payment%' order by id`;
    expect(log).toEqual([
      { action: 'settings.payment', details: { clientNumber: '012345', environment: 'TEST' } },
      { action: 'settings.payment', details: { clientNumber: '012345', environment: 'PRODUCTION' } },
      { action: 'settings.payment-removed', details: { was: '012345' } },
    ]);
  }, 120_000);
});

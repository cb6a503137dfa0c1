import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/graphql-client.ts';
import { seedMunicipality } from '../support/municipalities.ts';
import { type RunningParvis, startParvis } from '../support/parvis.ts';

interface Report {
  service_request_id: string;
  status: string;
  service_code: string;
  lat: number;
  long: number;
  address: string;
  description: null;
}

describe('Open311 GeoReport v2: FixMyStreet-style apps file reports into Parvis', () => {
  let parvis: RunningParvis;
  const api = (path: string) => `${parvis.url}/open311/v2/demo${path}`;
  const post = (fields: Record<string, string>) =>
    fetch(api('/requests.json'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields),
    });
  const count = async () => (await parvis.sql<{ n: number }[]>`select count(*)::int as n from requests`)[0]!.n;

  beforeAll(async () => {
    parvis = await startParvis();
    await seedMunicipality(parvis.sql, 'bourg', {
      email: 'agent@bourg.fr',
      password: 'bourg-secret',
      displayName: 'B',
    });
  });
  afterAll(() => parvis?.stop());

  it('lists the procedures as services, each with the attributes of its form', async () => {
    const services = (await (await fetch(api('/services.json'))).json()) as {
      service_code: string;
      metadata: boolean;
    }[];
    expect(services).toContainEqual(expect.objectContaining({ service_code: 'contact', metadata: true }));
    const definition = (await (await fetch(api('/services/contact.json'))).json()) as {
      attributes: { code: string; required: boolean }[];
    };
    // e-mail and message come from Open311's own email and description
    expect(definition.attributes.map((a) => [a.code, a.required])).toEqual([['subject', true]]);
    expect((await fetch(api('/services/nope.json'))).status).toBe(404);
  });

  it('files a geolocated report on the open311 channel, acknowledged by e-mail, and gives its status', async () => {
    // when an app posts a report
    const response = await post({
      service_code: 'contact',
      lat: '48.5734',
      long: '7.7521',
      address_string: '1 place Kléber, Strasbourg',
      email: 'riverain@example.fr',
      description: 'Un lampadaire ne fonctionne plus depuis une semaine.',
      'attribute[subject]': 'Éclairage public',
    });
    // then it gets its tracking code
    expect(response.status).toBe(201);
    const [created] = (await response.json()) as { service_request_id: string }[];
    const code = created!.service_request_id;
    expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    // and the citizen the acknowledgement
    await eventually(async () => parvis.smtp.messages().find((m) => m.to.includes('riverain@example.fr')));
    const [row] = await parvis.sql<{ channel: string; data: Record<string, unknown> }[]>`
      select channel, data from requests where tracking_code = ${code}`;
    expect(row).toMatchObject({
      channel: 'open311',
      data: { latitude: 48.5734, longitude: 7.7521, subject: 'Éclairage public' },
    });
    // and its status is public, without anything personal
    const [one] = (await (await fetch(api(`/requests/${code}.json`))).json()) as Report[];
    expect(one).toMatchObject({
      service_request_id: code,
      status: 'open',
      service_code: 'contact',
      lat: 48.5734,
      long: 7.7521,
    });
    expect(JSON.stringify(one)).not.toMatch(/riverain|lampadaire/);
    const open = (await (await fetch(api('/requests.json?status=open'))).json()) as Report[];
    expect(open.map((r) => r.service_request_id)).toEqual([code]);
    // and another municipality's endpoint does not know it
    expect((await fetch(`${parvis.url}/open311/v2/bourg/requests/${code}.json`)).status).toBe(404);
  });

  it('refuses a report without a place or that fails the form, saying why, and keeps nothing', async () => {
    const before = await count();
    const noPlace = await post({
      service_code: 'contact',
      email: 'a@example.fr',
      description: 'Un message assez long.',
    });
    expect(noPlace.status).toBe(400);
    expect(((await noPlace.json()) as { description: string }[])[0]!.description).toContain('lat');
    const noSubject = await post({
      service_code: 'contact',
      lat: '48.5',
      long: '7.7',
      email: 'a@example.fr',
      description: 'Un message assez long.',
    });
    expect(noSubject.status).toBe(400);
    expect(((await noSubject.json()) as { description: string }[])[0]!.description).toContain('attribute[subject]');
    expect(await count()).toBe(before);
  });
});

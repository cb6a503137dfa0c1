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

const SIGN_IN = `mutation ($email: String!, $password: String!) {
  signIn(municipality: "demo", email: $email, password: $password) { displayName } }`;
const INBOX = `{ inbox: workQueue(filter: { scope: available }, first: 200) { name candidateGroups channel request { trackingCode channel data } } }`;

interface InboxTask {
  name: string;
  candidateGroups: string[];
  channel: string;
  request: { trackingCode: string; channel: string; data: Record<string, unknown> };
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

  it('files a pothole through the signalement service: the roads team gets it with its place, the app its status', async () => {
    // given an app that reads the service's attributes, the category offered as a list of keys
    const definition = (await (await fetch(api('/services/signalement.json'))).json()) as {
      attributes: { code: string; required: boolean; datatype: string; values?: { key: string; name: string }[] }[];
    };
    const category = definition.attributes.find((a) => a.code === 'categorie');
    expect(category).toMatchObject({ required: true, datatype: 'singlevaluelist' });
    expect(category!.values).toContainEqual({ key: 'chaussee', name: 'Nid-de-poule, chaussée ou trottoir abîmé' });
    // when it posts a pothole, the category as attribute[categorie]
    const response = await post({
      service_code: 'signalement',
      lat: '48.8566',
      long: '2.3522',
      address_string: '12 rue de la Gare',
      email: 'pieton@example.fr',
      description: 'Un nid-de-poule profond au milieu du passage piéton.',
      'attribute[categorie]': 'chaussee',
    });
    expect(response.status).toBe(201);
    const code = ((await response.json()) as { service_request_id: string }[])[0]!.service_request_id;
    // then the citizen gets the signalement's own acknowledgement
    const ack = await eventually(async () =>
      parvis.smtp.messages().find((m) => m.to.includes('pieton@example.fr') && m.subject.includes(code)),
    );
    expect(ack.subject).toBe(`Signalement enregistré — ${code}`);
    // and the roads agent finds the task in their inbox, from open311, with the place
    const voirie = parvis.client();
    await voirie.data(SIGN_IN, { email: 'voirie@demoville.fr', password: 'demo-voirie' });
    const task = await eventually(async () => {
      const { inbox } = await voirie.data<{ inbox: InboxTask[] }>(INBOX);
      return inbox.find((t) => t.request.trackingCode === code);
    });
    expect(task).toMatchObject({
      name: 'Intervenir sur la voirie',
      candidateGroups: ['voirie'],
      channel: 'open311',
      request: {
        channel: 'open311',
        data: { categorie: 'chaussee', latitude: 48.8566, longitude: 2.3522, address: '12 rue de la Gare' },
      },
    });
    // and no other team does
    const proprete = parvis.client();
    await proprete.data(SIGN_IN, { email: 'proprete@demoville.fr', password: 'demo-proprete' });
    const { inbox } = await proprete.data<{ inbox: InboxTask[] }>(INBOX);
    expect(inbox.filter((t) => t.request.trackingCode === code)).toEqual([]);
    // and the app reads its status, open, by service
    const listed = (await (await fetch(api('/requests.json?service_code=signalement'))).json()) as Report[];
    expect(listed).toEqual([
      expect.objectContaining({
        service_request_id: code,
        status: 'open',
        service_code: 'signalement',
        address: '12 rue de la Gare',
        lat: 48.8566,
        long: 2.3522,
      }),
    ]);
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

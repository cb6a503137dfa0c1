import { upsertAgent } from '@parvis/graphql';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type GraphqlClient } from '../support/graphql-client.ts';
import { seedMunicipality } from '../support/municipalities.ts';
import { type RunningParvis, startParvis } from '../support/parvis.ts';

// Open311 GeoReport v2 as its client libraries call it: the discovery document, then
// `<endpoint>/services.xml`, `services/<code>.json`, form-encoded POST `requests.json` with `api_key`,
// `attribute[<code>]=<key>`, `media` or `media_url`, and GET `requests.xml?service_request_id=…`,
// `requests.json?jurisdiction_id=…` on the shared path.

interface Report {
  service_request_id: string;
  status: string;
  status_notes: string | null;
  service_code: string;
  agency_responsible: string | null;
  updated_datetime: string;
  requested_datetime: string;
  lat: number | null;
  long: number | null;
  address: string | null;
  address_id: string | null;
  media_url: string | null;
  description: null;
}
type Errors = { code: number; description: string }[];

const SIGN_IN = `mutation ($email: String!, $password: String!) {
  signIn(municipality: "demo", email: $email, password: $password) { displayName } }`;
const QUEUE = `{ queue: workQueue(first: 200) { name candidateGroups channel request { trackingCode channel data } } }`;
const ISSUE = `mutation ($name: String!) { issueOpen311Key(name: $name) { apiKey application { id name keyStart status } } }`;

// The element names, in order, of the spec's XML examples (wiki.open311.org/GeoReport_v2).
const SPEC = {
  service: ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group'],
  definition: ['service_code', 'attributes'],
  attribute: ['variable', 'code', 'datatype', 'required', 'datatype_description', 'order', 'description', 'values'],
  value: ['key', 'name'],
  created: ['service_request_id', 'service_notice', 'account_id'],
  request: [
    'service_request_id',
    'status',
    'status_notes',
    'service_name',
    'service_code',
    'description',
    'agency_responsible',
    'service_notice',
    'requested_datetime',
    'updated_datetime',
    'expected_datetime',
    'address',
    'address_id',
    'zipcode',
    'lat',
    'long',
    'media_url',
  ],
  error: ['code', 'description'],
  discovery: ['changeset', 'contact', 'key_service', 'endpoints'],
  endpoint: ['specification', 'url', 'changeset', 'type', 'formats'],
};

/** An XML document as nested element names (preserveOrder), after checking it is well-formed. */
type Node = Record<string, Node[] | string | number | boolean>;
function xml(text: string): Node[] {
  expect(XMLValidator.validate(text)).toBe(true);
  expect(text.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
  return new XMLParser({ preserveOrder: true, ignoreDeclaration: true, parseTagValue: false }).parse(text) as Node[];
}
const nameOf = (node: Node) => Object.keys(node).find((k) => k !== ':@')!;
const childrenOf = (node: Node) => node[nameOf(node)] as Node[];
const namesOf = (node: Node) => childrenOf(node).map(nameOf);
const textOf = (node: Node, name: string) => {
  const child = childrenOf(node).find((c) => nameOf(c) === name);
  return (childrenOf(child!)[0]?.['#text'] as string | undefined) ?? '';
};
/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

describe('Open311 GeoReport v2: apps file and follow reports, in JSON and XML', () => {
  let parvis: RunningParvis;
  let admin: GraphqlClient;
  let apiKey: string;
  const api = (path: string) => `${parvis.url}/open311/v2/demo${path}`;
  const post = (fields: Record<string, string>, path = '/requests.json') =>
    fetch(api(path), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ api_key: apiKey, ...fields }),
    });
  const json = async <T>(url: string, init?: RequestInit) => {
    const response = await fetch(url, init);
    return { status: response.status, body: (await response.json()) as T, response };
  };
  const count = async () =>
    (
      await parvis.sql<{ n: number }[]>`select (select count(*) from requests)::int
        + (select count(*) from stored_files where channel = 'open311')::int as n`
    )[0]!.n;
  const POTHOLE = {
    service_code: 'signalement',
    lat: '48.8566',
    long: '2.3522',
    'attribute[categorie]': 'chaussee',
  };

  beforeAll(async () => {
    parvis = await startParvis();
    await seedMunicipality(parvis.sql, 'bourg', {
      email: 'agent@bourg.fr',
      password: 'bourg-secret',
      displayName: 'B',
    });
    await upsertAgent(parvis.sql, {
      municipalityId: 'demo',
      email: 'admin@demoville.fr',
      password: 'demo-admin-password',
      displayName: 'Admin',
      roles: ['administrator'],
      groups: [],
    });
    admin = parvis.client();
    await admin.data(SIGN_IN, { email: 'admin@demoville.fr', password: 'demo-admin-password' });
    // The roads team belongs to a department: the agency responsible for its reports.
    await parvis.sql`insert into departments (municipality_id, name) values ('demo', 'Services techniques')`;
    await parvis.sql`insert into agent_groups (municipality_id, key, name, department_id)
      select 'demo', 'voirie', 'Voirie', id from departments where name = 'Services techniques'`;
  });
  afterAll(() => parvis?.stop());

  it("issues an api_key per application from the administrator's screen, shown once, kept hashed", async () => {
    // when the administrator issues a key for an app
    const { issueOpen311Key } = await admin.data<{
      issueOpen311Key: { apiKey: string; application: { id: string; name: string; keyStart: string; status: string } };
    }>(ISSUE, { name: 'FixMyStreet' });
    apiKey = issueOpen311Key.apiKey;
    expect(apiKey).toMatch(/^p311_[\w-]{43}$/);
    expect(issueOpen311Key.application).toMatchObject({ name: 'FixMyStreet', status: 'ACTIVE' });
    expect(apiKey.startsWith(issueOpen311Key.application.keyStart)).toBe(true);
    // then the list shows it without the key, and the database holds no copy of it
    const listed = await admin.data<{ open311Applications: Record<string, unknown>[] }>(
      '{ open311Applications { name keyStart status } }',
    );
    expect(JSON.stringify(listed)).not.toContain(apiKey);
    const rows = await parvis.sql`select * from open311_applications`;
    expect(JSON.stringify(rows)).not.toContain(apiKey);
    // and an agent without the role cannot issue one
    const agent = parvis.client();
    await agent.data(SIGN_IN, { email: 'voirie@demoville.fr', password: 'demo-voirie' });
    const refused = await agent.request(ISSUE, { name: 'Autre' });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('publishes a discovery document, services and definitions in JSON and in XML as the spec shows them', async () => {
    // discovery: the endpoint, its formats, and where keys come from
    const discovery = xml(await (await fetch(api('/discovery.xml'))).text());
    expect(nameOf(discovery[0]!)).toBe('discovery');
    expect(namesOf(discovery[0]!)).toEqual(SPEC.discovery);
    const { body: found } = await json<{ endpoints: { url: string; formats: string[]; specification: string }[] }>(
      api('/discovery.json'),
    );
    expect(found.endpoints[0]).toMatchObject({
      url: 'http://parvis.test/open311/v2/demo',
      formats: ['text/xml', 'application/json'],
      specification: 'http://wiki.open311.org/GeoReport_v2',
    });
    // services.xml, as an XML-only client reads it
    const services = xml(await (await fetch(api('/services.xml'))).text());
    expect(nameOf(services[0]!)).toBe('services');
    const pothole = childrenOf(services[0]!).find((s) => textOf(s, 'service_code') === 'signalement')!;
    expect(namesOf(pothole)).toEqual(SPEC.service);
    expect(textOf(pothole, 'metadata')).toBe('true');
    const [procedure] = await parvis.sql<{ description_fr: string }[]>`
      select description_fr from procedures where municipality_id = 'demo' and key = 'signalement'`;
    expect(textOf(pothole, 'description')).toBe(procedure!.description_fr || 'Report a problem in a public space');
    // its definition: every field a client must send, its datatype and values
    const definition = xml(await (await fetch(api('/services/signalement.xml'))).text());
    expect(nameOf(definition[0]!)).toBe('service_definition');
    expect(namesOf(definition[0]!)).toEqual(SPEC.definition);
    const attributes = childrenOf(childrenOf(definition[0]!).find((c) => nameOf(c) === 'attributes')!);
    expect(attributes.map((a) => textOf(a, 'code'))).toEqual(['categorie']);
    expect(namesOf(attributes[0]!)).toEqual(SPEC.attribute);
    expect(textOf(attributes[0]!, 'datatype')).toBe('singlevaluelist');
    expect(textOf(attributes[0]!, 'required')).toBe('true');
    const values = childrenOf(childrenOf(attributes[0]!).find((c) => nameOf(c) === 'values')!);
    expect(namesOf(values[0]!)).toEqual(SPEC.value);
    expect(values.map((v) => textOf(v, 'key'))).toContain('chaussee');
    // and the contact form's: e-mail and message are GeoReport's own optional email and description
    const { body: contact } = await json<{
      attributes: { code: string; required: boolean; datatype_description: string }[];
    }>(api('/services/contact.json'));
    expect(contact.attributes.map((a) => [a.code, a.required])).toEqual([['subject', true]]);
    expect(contact.attributes[0]!.datatype_description).toContain('3 to 150 characters');
  });

  it('files a pothole from a form-encoded post: 200 and its id (no token); the roads team gets it; the app reads it back', async () => {
    // when an app posts a pothole with only what the definition asks (no e-mail, a short description)
    const response = await post({ ...POTHOLE, description: 'Trou', address_string: '12 rue de la Gare' });
    // then it gets 200 and the spec's answer
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const [created] = (await response.json()) as Record<string, unknown>[];
    // the id, never a token beside it (the spec: one or the other)
    expect(Object.keys(created!)).toEqual(['service_request_id', 'service_notice', 'account_id']);
    const code = created!.service_request_id as string;
    expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    // and a client that asks tokens/ anyway is answered (the id is its own token)
    const { body: token } = await json<{ service_request_id: string; token: string }[]>(api(`/tokens/${code}.json`));
    expect(token).toEqual([{ service_request_id: code, token: code }]);
    expect((await fetch(api('/tokens/ZZZZ-ZZZZ-ZZZZ.json'))).status).toBe(404);
    // and the roads agent finds the task, from open311, with the place; the proprete team does not
    const voirie = parvis.client();
    await voirie.data(SIGN_IN, { email: 'voirie@demoville.fr', password: 'demo-voirie' });
    type Queue = { queue: { name: string; channel: string; request: { trackingCode: string; data: unknown } }[] };
    const task = await eventually(async () =>
      (await voirie.data<Queue>(QUEUE)).queue.find((t) => t.request.trackingCode === code),
    );
    expect(task).toMatchObject({
      name: 'Intervenir sur la voirie',
      channel: 'open311',
      request: { data: { categorie: 'chaussee', latitude: 48.8566, longitude: 2.3522, address: '12 rue de la Gare' } },
    });
    const proprete = parvis.client();
    await proprete.data(SIGN_IN, { email: 'proprete@demoville.fr', password: 'demo-proprete' });
    expect((await proprete.data<Queue>(QUEUE)).queue.filter((t) => t.request.trackingCode === code)).toEqual([]);
    // and the app reads it in XML, every field of the spec in its order, the department responsible
    const one = xml(await (await fetch(api(`/requests/${code}.xml`))).text());
    expect(nameOf(one[0]!)).toBe('service_requests');
    const request = childrenOf(one[0]!)[0]!;
    expect(namesOf(request)).toEqual(SPEC.request);
    expect(textOf(request, 'agency_responsible')).toBe('Services techniques');
    expect(textOf(request, 'status')).toBe('open');
    expect(textOf(request, 'address')).toBe('12 rue de la Gare');
  });

  it('takes an address alone, an address_id, the XML post and the shared path with jurisdiction_id', async () => {
    const byAddress = await post({ ...POTHOLE, lat: '', long: '', address_string: 'Place de la Mairie' });
    expect(byAddress.status).toBe(200);
    const [a] = (await byAddress.json()) as [{ service_request_id: string }];
    const byId = await post({ ...POTHOLE, lat: '', long: '', address_id: 'BAN-67482_1234_00012' }, '/requests.xml');
    expect(byId.status).toBe(200);
    expect(byId.headers.get('content-type')).toMatch(/^text\/xml/);
    const created = xml(await byId.text());
    expect(namesOf(childrenOf(created[0]!)[0]!)).toEqual(SPEC.created);
    const b = textOf(childrenOf(created[0]!)[0]!, 'service_request_id');
    // the shared path, as clients built for one endpoint with many jurisdictions call it
    const shared = await fetch(`${parvis.url}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ jurisdiction_id: 'demo', api_key: apiKey, ...POTHOLE }),
    });
    expect(shared.status).toBe(200);
    // and a multipart post names its jurisdiction in its parts: another town's is heard (here unknown: 404), not the host's used
    const parts = new FormData();
    for (const [k, v] of Object.entries({ jurisdiction_id: 'atlantide', api_key: apiKey, ...POTHOLE }))
      parts.append(k, v);
    const elsewhere = await fetch(`${parvis.url}/open311/v2/requests.json`, { method: 'POST', body: parts });
    expect(elsewhere.status).toBe(404);
    const { body } = await json<Report[]>(
      `${parvis.url}/open311/v2/requests.json?jurisdiction_id=demo&service_request_id=${a!.service_request_id},${b}`,
    );
    expect(body.map((r) => [r.service_request_id, r.address, r.address_id, r.lat]).sort()).toEqual(
      [
        [a!.service_request_id, 'Place de la Mairie', null, null],
        [b, null, 'BAN-67482_1234_00012', null],
      ].sort(),
    );
  });

  it('keeps the photo an app sends (media) and serves it; keeps the address of one it hosts (media_url)', async () => {
    const form = new FormData();
    for (const [k, v] of Object.entries({ api_key: apiKey, ...POTHOLE })) form.append(k, v);
    form.append('media', new Blob([PNG], { type: 'image/png' }), 'trou.png');
    const response = await fetch(api('/requests.json'), { method: 'POST', body: form });
    expect(response.status).toBe(200);
    const [{ service_request_id: code }] = (await response.json()) as [{ service_request_id: string }];
    const [report] = (await json<Report[]>(api(`/requests/${code}.json`))).body;
    expect(report!.media_url).toMatch(/^http:\/\/parvis\.test\/open311\/v2\/demo\/media\/[0-9a-f-]{36}$/);
    const media = await fetch(report!.media_url!.replace('http://parvis.test', parvis.url));
    expect(media.status).toBe(200);
    expect(media.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await media.arrayBuffer())).toEqual(PNG);
    const hosted = await post({ ...POTHOLE, media_url: 'https://photos.example.org/trou.jpg' });
    const [{ service_request_id: other }] = (await hosted.json()) as [{ service_request_id: string }];
    expect((await json<Report[]>(api(`/requests/${other}.json`))).body[0]!.media_url).toBe(
      'https://photos.example.org/trou.jpg',
    );
  });

  it("shows the agents' public replies as status notes, moves updated_datetime, and closes as closed", async () => {
    const response = await post({ ...POTHOLE, email: 'pieton@example.fr', description: 'Un trou profond.' });
    const [{ service_request_id: code }] = (await response.json()) as [{ service_request_id: string }];
    const [before] = (await json<Report[]>(api(`/requests/${code}.json`))).body;
    expect(before!.status_notes).toBeNull();
    // when the roads agent answers the citizen in the conversation
    const voirie = parvis.client();
    await voirie.data(SIGN_IN, { email: 'voirie@demoville.fr', password: 'demo-voirie' });
    await eventually(async () => {
      const result = await voirie.request(
        'mutation ($c: String!) { writeToCitizen(trackingCode: $c, text: "Intervention prévue jeudi.") { id } }',
        { c: code },
      );
      return result.errors ? undefined : result;
    });
    // then the app reads the reply as the status notes, and the report changed since it was filed
    const [after] = (await json<Report[]>(api(`/requests/${code}.json`))).body;
    expect(after!.status_notes).toBe('Intervention prévue jeudi.');
    expect(Date.parse(after!.updated_datetime)).toBeGreaterThan(Date.parse(before!.requested_datetime));
    // and nothing the citizen wrote is public
    expect(JSON.stringify(after)).not.toMatch(/pieton|trou profond/i);
    // when the roads team completes its intervention
    const { queue } = await voirie.data<{ queue: { id: string; request: { trackingCode: string } }[] }>(
      '{ queue: workQueue(first: 200) { id request { trackingCode } } }',
    );
    const task = queue.find((t) => t.request.trackingCode === code)!;
    await voirie.data('mutation ($id: ID!, $data: JSON) { completeTask(taskId: $id, data: $data) { status } }', {
      id: task.id,
      data: { resolution: 'repare', commentaireIntervention: 'Trou rebouché.' },
    });
    // then the app reads it closed, updated the day it closed, and among the closed ones
    const closed = await eventually(async () => {
      const [one] = (await json<Report[]>(api(`/requests/${code}.json`))).body;
      return one?.status === 'closed' ? one : undefined;
    });
    const [row] = await parvis.sql<{ closed_at: Date }[]>`select closed_at from requests where tracking_code = ${code}`;
    expect(closed.updated_datetime).toBe(row!.closed_at.toISOString());
    expect((await json<Report[]>(api('/requests.json?status=closed'))).body.map((r) => r.service_request_id)).toContain(
      code,
    );
  });

  it('filters requests as specified: service_request_id overrides, comma lists, 90 days by default, bad values refused', async () => {
    const codes: string[] = [];
    for (const service of ['contact', 'signalement']) {
      const fields =
        service === 'contact'
          ? { service_code: 'contact', lat: '48.5', long: '7.7', 'attribute[subject]': 'Bruit' }
          : POTHOLE;
      const response = await post(fields);
      const body = await response.text();
      expect(response.status, body).toBe(200);
      codes.push((JSON.parse(body) as [{ service_request_id: string }])[0].service_request_id);
    }
    const [contactCode, potholeCode] = codes as [string, string];
    const list = async (query: string) =>
      (await json<Report[]>(api(`/requests.json?${query}`))).body.map((r) => r.service_request_id);
    // service_request_id overrides every other parameter
    expect(await list(`service_request_id=${contactCode}&status=closed&service_code=signalement`)).toEqual([
      contactCode,
    ]);
    // comma lists
    expect(await list(`service_code=contact,signalement`)).toEqual(expect.arrayContaining([contactCode, potholeCode]));
    expect(await list(`status=open,closed&service_code=contact`)).toContain(contactCode);
    expect(await list('status=closed')).not.toContain(contactCode);
    // the last 90 days by default: a report filed 100 days ago is out, and in when its dates are asked
    await parvis.sql`update requests set submitted_at = now() - interval '100 days' where tracking_code = ${contactCode}`;
    expect(await list('service_code=contact')).not.toContain(contactCode);
    const start = new Date(Date.now() - 101 * 86_400_000).toISOString();
    const end = new Date(Date.now() - 99 * 86_400_000).toISOString();
    expect(await list(`start_date=${start}&end_date=${end}`)).toEqual([contactCode]);
    // values it cannot take are refused, in the format asked
    for (const [query, words] of [
      ['status=pending', 'status'],
      ['start_date=yesterday', 'start_date'],
      [`start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z`, '90'],
      ['service_code=a%20b', 'service_code'],
    ] as const) {
      const refused = await json<Errors>(api(`/requests.json?${query}`));
      expect(refused.status, query).toBe(400);
      expect(refused.body[0]!.code).toBe(400);
      expect(refused.body[0]!.description).toContain(words);
    }
    const xmlRefusal = await fetch(api('/requests.xml?status=pending'));
    expect(xmlRefusal.status).toBe(400);
    const errors = xml(await xmlRefusal.text());
    expect(nameOf(errors[0]!)).toBe('errors');
    expect(namesOf(childrenOf(errors[0]!)[0]!)).toEqual(SPEC.error);
  });

  it("answers unknown paths and towns with the spec's errors, in the format asked, and lets browser apps call it", async () => {
    const unknownPath = await json<Errors>(`${parvis.url}/open311/v2/demo/nothing.json`);
    expect(unknownPath.status).toBe(404);
    expect(unknownPath.body[0]).toMatchObject({ code: 404 });
    const unknownXml = await fetch(`${parvis.url}/open311/v2/demo/services/nope.xml`);
    expect(unknownXml.status).toBe(404);
    expect(textOf(childrenOf(xml(await unknownXml.text())[0]!)[0]!, 'code')).toBe('404');
    const otherVersion = await fetch(`${parvis.url}/open311/v3/demo/services.xml`);
    expect(otherVersion.status).toBe(404);
    expect(nameOf(xml(await otherVersion.text())[0]!)).toBe('errors');
    const notAllowed = await json<Errors>(api('/services.json'), { method: 'POST' });
    expect([notAllowed.status, notAllowed.body[0]!.code, notAllowed.response.headers.get('allow')]).toEqual([
      405,
      405,
      'GET',
    ]);
    const unknownTown = await json<Errors>(`${parvis.url}/open311/v2/atlantide/requests.json`);
    expect(unknownTown.status).toBe(404);
    expect(unknownTown.body[0]!.description).toContain('atlantide');
    const unknownJurisdiction = await json<Errors>(`${parvis.url}/open311/v2/services.json?jurisdiction_id=atlantide`);
    expect(unknownJurisdiction.status).toBe(404);
    // another town's endpoint does not know demo's reports
    const { body: mine } = await json<Report[]>(api('/requests.json'));
    expect((await fetch(`${parvis.url}/open311/v2/bourg/requests/${mine[0]!.service_request_id}.json`)).status).toBe(
      404,
    );
    // a browser app's preflight
    const preflight = await fetch(api('/requests.json'), {
      method: 'OPTIONS',
      headers: {
        origin: 'https://app.example.org',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
  });

  it('refuses malformed posts with a clear error in the format asked, and keeps nothing', async () => {
    const before = await count();
    const refusals: [Record<string, string>, number, string][] = [
      [{ ...POTHOLE, service_code: '' }, 400, 'service_code'],
      [{ ...POTHOLE, service_code: 'nope' }, 404, 'nope'],
      [{ ...POTHOLE, lat: '200' }, 400, 'lat'],
      [{ ...POTHOLE, long: '' }, 400, 'long'],
      [{ ...POTHOLE, lat: '', long: '' }, 400, 'address_string'],
      [
        { ...POTHOLE, 'attribute[categorie]': 'volcan' },
        400,
        'attribute[categorie]: "volcan" is not an allowed value (chaussee',
      ],
      [{ ...POTHOLE, 'attribute[couleur]': 'rouge' }, 400, 'attribute[couleur]'],
      [{ ...POTHOLE, 'attribute[categorie]': '' }, 400, 'attribute[categorie]'],
      [{ ...POTHOLE, email: 'pas-une-adresse' }, 400, 'email'],
      [{ ...POTHOLE, description: 'x'.repeat(4001) }, 400, '4,000 characters'],
      [{ ...POTHOLE, api_key: '' }, 403, 'api_key'],
      [{ ...POTHOLE, api_key: 'p311_guessed' }, 403, 'api_key'],
    ];
    for (const [fields, status, words] of refusals) {
      const response = await post(fields);
      expect(response.status, JSON.stringify(fields)).toBe(status);
      const [error] = (await response.json()) as Errors;
      expect(error!.code).toBe(status);
      expect(error!.description).toContain(words);
      expect(error!.description).not.toContain('[object Object]');
    }
    // the same in XML
    const inXml = await post({ ...POTHOLE, lat: '91' }, '/requests.xml');
    expect(inXml.status).toBe(400);
    expect(textOf(childrenOf(xml(await inXml.text())[0]!)[0]!, 'description')).toContain('lat');
    // a 2 MB photo
    const form = new FormData();
    for (const [k, v] of Object.entries({ api_key: apiKey, ...POTHOLE })) form.append(k, v);
    form.append('media', new Blob([Buffer.alloc(2 * 1024 * 1024, 1)], { type: 'image/jpeg' }), 'grande.jpg');
    const large = await fetch(api('/requests.json'), { method: 'POST', body: form });
    expect(large.status).toBe(413);
    expect(((await large.json()) as Errors)[0]!.description).toContain('media');
    // a file that is no image
    const notImage = new FormData();
    for (const [k, v] of Object.entries({ api_key: apiKey, ...POTHOLE })) notImage.append(k, v);
    notImage.append('media', new Blob([Buffer.from('%PDF-1.4\n%x\n')], { type: 'image/png' }), 'photo.png');
    const refusedType = await fetch(api('/requests.json'), { method: 'POST', body: notImage });
    expect(refusedType.status).toBe(415);
    // a body over the limit, form-encoded
    const huge = await post({ ...POTHOLE, description: 'x'.repeat(200_000) });
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as Errors)[0]!.code).toBe(413);
    // a key the administrator revoked
    const { issueOpen311Key } = await admin.data<{ issueOpen311Key: { apiKey: string; application: { id: string } } }>(
      ISSUE,
      { name: 'Ancienne appli' },
    );
    await admin.data('mutation ($id: ID!) { revokeOpen311Key(id: $id) { status } }', {
      id: issueOpen311Key.application.id,
    });
    const revoked = await post({ ...POTHOLE, api_key: issueOpen311Key.apiKey });
    expect(revoked.status).toBe(403);
    // and nothing was stored
    expect(await count()).toBe(before);
  });
});

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInByLink } from '../support/citizen-links.ts';
import { agentClient, deployConversationProcedure, mailTo } from '../support/conversation-procedure.ts';
import { eventually, type GraphqlClient } from '../support/graphql-client.ts';
import { open311Key } from '../support/open311-key.ts';
import { type RunningParvis, startParvis } from '../support/parvis.ts';
import { pdfText } from '../support/pdf.ts';

// Private notes between agents on a request: colleagues mention each other (@name) and are told;
// the citizen never sees a note, whatever way they read their request.

const NOTES = `query ($code: String!) { requestNotes(trackingCode: $code) {
  authorName text mentions { id displayName } mentionsMeUnseen } }`;
const MENTIONABLE = 'query ($code: String!) { mentionableColleagues(trackingCode: $code) { id displayName } }';
const ADD_NOTE = `mutation ($code: String!, $text: String!, $mentions: [ID!]) {
  addNote(trackingCode: $code, text: $text, mentions: $mentions) { id text mentions { displayName } } }`;
const MY_MENTIONS = '{ myMentions { trackingCode note { authorName text } } }';
const SUBMIT = `mutation ($data: JSON!) {
  submitRequest(municipality: "demo", procedure: "dossier", data: $data) { trackingCode } }`;

const PORTAL_DIST = resolve(import.meta.dirname, '../../portal/dist');

interface IntrospectedType {
  kind: string;
  name: string | null;
  ofType: IntrospectedType | null;
}
interface IntrospectedField {
  name: string;
  args: { defaultValue: string | null; type: IntrospectedType }[];
  type: IntrospectedType;
}

describe('private notes between agents', () => {
  let parvis: RunningParvis;
  let manager: GraphqlClient;
  let voirie: GraphqlClient;
  let apiKey: string;
  const SECRET = 'NOTE-PRIVEE-7731 : le voisin dit que la terrasse déborde';

  beforeAll(async () => {
    parvis = await startParvis(existsSync(resolve(PORTAL_DIST, 'index.html')) ? { portalDir: PORTAL_DIST } : {});
    await deployConversationProcedure(parvis);
    manager = await agentClient(parvis, 'manager@demoville.fr', 'demo-manager');
    voirie = await agentClient(parvis, 'voirie@demoville.fr', 'demo-voirie');
    apiKey = await open311Key(parvis);
  }, 120_000);
  afterAll(async () => {
    await parvis?.stop();
  });

  /** A pothole reported through Open311: the roads team's task. */
  const reportPothole = async (email: string) => {
    const response = await fetch(`${parvis.url}/open311/v2/demo/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        api_key: apiKey,
        service_code: 'signalement',
        lat: '48.8566',
        long: '2.3522',
        address_string: '12 rue de la Gare',
        email,
        description: 'Un nid-de-poule devant l’école.',
        'attribute[categorie]': 'chaussee',
      }),
    });
    expect(response.status).toBe(200);
    const code = ((await response.json()) as { service_request_id: string }[])[0]!.service_request_id;
    // the roads team's task is open
    await eventually(async () => {
      const [task] = await parvis.sql`select 1 from tasks t join requests r on r.id = t.request_id
        where r.tracking_code = ${code} and 'voirie' = any(t.candidate_groups)`;
      return task;
    }, 60_000);
    return code;
  };

  it('a note mentioning a colleague tells them by mail and marks it for them until they read it', {
    timeout: 120_000,
  }, async () => {
    // given a pothole the roads team handles
    const code = await reportPothole('pieton@example.fr');
    const { mentionableColleagues } = await manager.data<{
      mentionableColleagues: { id: string; displayName: string }[];
    }>(MENTIONABLE, { code });
    const sacha = mentionableColleagues.find((c) => c.displayName === 'Sacha Voirie')!;
    expect(mentionableColleagues.map((c) => c.displayName)).not.toContain('Camille Accueil');

    // when the manager writes a note mentioning the roads agent
    const { addNote } = await manager.data<{ addNote: { mentions: { displayName: string }[] } }>(ADD_NOTE, {
      code,
      text: `@Sacha Voirie, ${SECRET}`,
      mentions: [sacha.id],
    });
    expect(addNote.mentions).toEqual([{ displayName: 'Sacha Voirie' }]);

    // then the roads agent is told by mail, with the request's code and its page
    const mail = await mailTo(parvis, 'voirie@demoville.fr', SECRET);
    expect(mail.subject).toBe(`Dominique Manager vous mentionne — demande ${code}`);
    expect(mail.fromName).toBe('Mairie de Démoville');
    expect(mail.text).toContain(`http://parvis.test/agent/demandes/${code}`);
    // and sees the mention marked in their inbox and on the request
    const { myMentions } = await voirie.data<{ myMentions: { trackingCode: string; note: { text: string } }[] }>(
      MY_MENTIONS,
    );
    expect(myMentions).toMatchObject([{ trackingCode: code, note: { text: `@Sacha Voirie, ${SECRET}` } }]);
    const { requestNotes } = await voirie.data<{ requestNotes: { mentionsMeUnseen: boolean; authorName: string }[] }>(
      NOTES,
      { code },
    );
    expect(requestNotes).toMatchObject([{ authorName: 'Dominique Manager', mentionsMeUnseen: true }]);

    // when they have read it, the marker goes
    await voirie.data('mutation ($code: String!) { markMentionsSeen(trackingCode: $code) }', { code });
    expect((await voirie.data<{ myMentions: unknown[] }>(MY_MENTIONS)).myMentions).toEqual([]);
    expect(
      (await voirie.data<{ requestNotes: { mentionsMeUnseen: boolean }[] }>(NOTES, { code })).requestNotes,
    ).toMatchObject([{ mentionsMeUnseen: false }]);
  });

  it('refuses a mention of a colleague the request does not concern, and notes to anyone it does not concern', {
    timeout: 120_000,
  }, async () => {
    // given a pothole the roads team handles, and the reception's agent, who does not see it
    const code = await reportPothole('passant@example.fr');
    const camille = await agentClient(parvis, 'accueil@demoville.fr', 'demo-accueil');
    const [camilleId] = await parvis.sql<{ id: string }[]>`select id from agents where email = 'accueil@demoville.fr'`;

    // when the manager mentions her
    const mentioned = await manager.request(ADD_NOTE, { code, text: 'Pour info.', mentions: [camilleId!.id] });
    // then the note is refused whole, and she is not told
    expect(mentioned.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'mentions' });
    expect(mentioned.errors?.[0]?.message).toContain('que des collègues qui voient cette demande');
    expect(
      await parvis.sql`select 1 from request_notes n join requests r on r.id = n.request_id
      where r.tracking_code = ${code}`,
    ).toHaveLength(0);
    // and she cannot read nor write the request's notes, as for a request that does not exist
    expect((await camille.request(NOTES, { code })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await camille.request(ADD_NOTE, { code, text: 'Bonjour' })).errors?.[0]?.extensions?.code).toBe(
      'NOT_FOUND',
    );
    // and a citizen, even with the request's e-mail, has no way to them
    const citizen = parvis.client();
    expect((await citizen.request(NOTES, { code })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('never reach the citizen: no citizen-facing API nor page holds a note’s text', { timeout: 180_000 }, async () => {
    // given a citizen with an account who filed a request, and a pothole reported through Open311
    const email = 'ambre@example.fr';
    const citizen = parvis.client();
    await signInByLink(parvis, citizen, 'demo', email);
    const { submitRequest } = await citizen.data<{ submitRequest: { trackingCode: string } }>(SUBMIT, {
      data: { adresse: '3 rue des Lilas', surface: 12, email },
    });
    const filed = submitRequest.trackingCode;
    const pothole = await reportPothole(email);
    await eventually(async () => {
      const [task] = await parvis.sql`select 1 from tasks t join requests r on r.id = t.request_id
        where r.tracking_code = ${filed}`;
      return task;
    }, 60_000);

    // when the agents write private notes on both, and a message to the citizen
    for (const code of [filed, pothole]) {
      await manager.data(ADD_NOTE, { code, text: SECRET });
      await manager.data(
        'mutation ($code: String!) { writeToCitizen(trackingCode: $code, text: "Bien reçu.") { id } }',
        {
          code,
        },
      );
    }

    // then every field of a request, read as its citizen (with the e-mail, or signed in), is free of it
    const requestType = await fieldsOf('Request');
    const answers: string[] = [];
    for (const field of requestType) {
      const selection = await selectionOf(field, 3);
      for (const code of [filed, pothole]) {
        const byEmail = await parvis
          .client()
          .request(
            `query ($code: String!, $email: String) { request(trackingCode: $code, email: $email) { ${selection} } }`,
            {
              code,
              email,
            },
          );
        answers.push(JSON.stringify(byEmail));
      }
      answers.push(JSON.stringify(await citizen.request(`{ myRequests { ${selection} } }`)));
    }
    answers.push(JSON.stringify(await citizen.request('{ myData }')));
    // and the messages did reach them (so the reading above read something)
    expect(answers.join('\n')).toContain('Bien reçu.');
    // and so are the request's documents and files
    const { request } = await parvis.client().data<{
      request: { documents: { url: string }[]; files: { url: string }[] };
    }>(
      'query ($code: String!, $email: String) { request(trackingCode: $code, email: $email) { documents { url } files { url } } }',
      {
        code: filed,
        email,
      },
    );
    expect(request.documents.length).toBeGreaterThan(0);
    for (const document of request.documents) {
      const response = await fetch(document.url.replace('http://parvis.test', parvis.url));
      expect(response.status).toBe(200);
      answers.push(await pdfText(new Uint8Array(await response.arrayBuffer())));
    }
    for (const file of request.files)
      answers.push(await (await fetch(file.url.replace('http://parvis.test', parvis.url))).text());
    // and Open311's requests, one and all
    for (const path of ['/requests.json', `/requests/${pothole}.json`, '/requests.json?service_code=signalement']) {
      const response = await fetch(`${parvis.url}/open311/v2/demo${path}`);
      expect(response.status).toBe(200);
      answers.push(await response.text());
    }
    // and the tracking page itself, when the portal is built
    if (existsSync(resolve(PORTAL_DIST, 'index.html')))
      answers.push(await (await fetch(`${parvis.url}/suivi/${filed}`)).text());
    const all = answers.join('\n');
    expect(all).toContain(pothole);
    expect(all).not.toContain('NOTE-PRIVEE-7731');
    expect(all).not.toContain('déborde');
  });

  /** A type's fields, as the API describes them. */
  async function fieldsOf(name: string): Promise<IntrospectedField[]> {
    const typeRef = 'kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } }';
    const { __type } = await parvis
      .client()
      .data<{ __type: { fields: IntrospectedField[] } }>(
        `query ($name: String!) { __type(name: $name) { fields { name args { defaultValue type { ${typeRef} } } type { ${typeRef} } } } }`,
        { name },
      );
    // Fields that need an argument the reader would have to invent are read without it where it may be left out.
    return __type.fields.filter((field) => field.args.every((arg) => arg.type.kind !== 'NON_NULL' || arg.defaultValue));
  }

  /** Every field under one, to a depth: what a client could ask of it. */
  async function selectionOf(field: IntrospectedField, depth: number): Promise<string> {
    let type = field.type;
    while (type.ofType) type = type.ofType;
    if (type.kind !== 'OBJECT') return field.name;
    if (depth === 0) return '';
    const parts = (await Promise.all((await fieldsOf(type.name!)).map((sub) => selectionOf(sub, depth - 1)))).filter(
      Boolean,
    );
    return parts.length ? `${field.name} { ${parts.join(' ')} }` : '';
  }
});

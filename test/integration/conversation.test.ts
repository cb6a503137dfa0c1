import { snapshotQuery } from '@parvis/workers/messages';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  agentClient,
  deployConversationProcedure,
  deploySignedConversationProcedure,
  fileDossier,
  mailTo,
  openCheck,
  trackingLinkIn,
} from '../support/conversation-procedure.ts';
import { eventually, type GraphqlClient } from '../support/graphql-client.ts';
import { type RunningParvis, startParvis } from '../support/parvis.ts';
import { Signatory } from '../support/signatory.ts';

// One conversation per request: the town hall and the citizen write to each other at any time,
// with files; each mail carries the request's code and a link that opens it; the question asked is
// shown beside the answer box, the answer wakes the request; a correction of named fields changes
// the request's data, and the agents see the old and new values.

const COMPLETE = 'mutation ($id: ID!, $data: JSON) { completeTask(taskId: $id, data: $data) { status } }';
const TRACKING_LINK = 'query ($token: String!) { trackingLink(token: $token) { trackingCode email } }';
const MESSAGE_FIELDS = `id from authorName kind text unread answered answersId files { name url }
  fields { field label value } changes { field label before after }`;
const READ = `query ($code: String!, $email: String) { request(trackingCode: $code, email: $email) {
  status data awaitsAnswer unreadMessages
  conversation { unread citizenMayWrite messages { ${MESSAGE_FIELDS} } question { ${MESSAGE_FIELDS} } }
  timeline { kind payload } } }`;
const ANSWER = `mutation ($code: String!, $email: String, $answer: String!, $question: ID, $files: [AnsweredFiles!]) {
  answerRequest(trackingCode: $code, email: $email, answer: $answer, question: $question, files: $files) { trackingCode } }`;
const TO_CITIZEN = `mutation ($code: String!, $text: String!, $files: [ID!], $question: Boolean) {
  writeToCitizen(trackingCode: $code, text: $text, files: $files, question: $question) { id kind } }`;
const TO_TOWN_HALL = `mutation ($code: String!, $email: String, $text: String!, $files: [ID!]) {
  writeToTownHall(trackingCode: $code, email: $email, text: $text, files: $files) { id kind } }`;
const ASK_CORRECTION = `mutation ($code: String!, $fields: [String!]!, $text: String!) {
  askCorrection(trackingCode: $code, fields: $fields, text: $text) { id kind } }`;
const CORRECT = `mutation ($code: String!, $email: String, $correction: ID!, $values: JSON!, $text: String) {
  correctRequest(trackingCode: $code, email: $email, correction: $correction, values: $values, text: $text) {
    changes { field before after } } }`;
const MARK_READ = `mutation ($code: String!, $email: String) { markConversationRead(trackingCode: $code, email: $email) }`;
const TASK_CONVERSATION = `query ($id: ID!) { task(id: $id) { request { conversation { messages { ${MESSAGE_FIELDS} } } } } }`;

const PDF = Buffer.from('%PDF-1.4\n%plan de la terrasse\n%%EOF\n');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);

interface Message {
  id: string;
  from: string;
  authorName: string | null;
  kind: string;
  text: string;
  unread: boolean;
  answered: boolean;
  answersId: string | null;
  files: { name: string; url: string }[];
  fields: { field: string; label: string; value: unknown }[];
  changes: { field: string; label: string; before: unknown; after: unknown }[];
}
interface Read {
  request: {
    status: string;
    data: Record<string, unknown>;
    awaitsAnswer: boolean;
    unreadMessages: number;
    conversation: { unread: number; citizenMayWrite: boolean; messages: Message[]; question: Message | null };
    timeline: { kind: string; payload: Record<string, unknown> }[];
  };
}

describe('one conversation per request', () => {
  let parvis: RunningParvis;
  let camille: GraphqlClient;
  let manager: GraphqlClient;

  beforeAll(async () => {
    parvis = await startParvis();
    await deployConversationProcedure(parvis);
    camille = await agentClient(parvis, 'accueil@demoville.fr', 'demo-accueil');
    manager = await agentClient(parvis, 'manager@demoville.fr', 'demo-manager');
  }, 120_000);
  afterAll(async () => {
    await parvis?.stop();
  });

  const cookieOf = (client: GraphqlClient) => (client as unknown as { cookie: string }).cookie;
  /** Uploads a file as a browser would: to a form field, or to a request's conversation. */
  const upload = async (path: string, name: string, bytes: Buffer, client?: GraphqlClient) => {
    const body = new FormData();
    body.append('file', new Blob([new Uint8Array(bytes)]), name);
    const response = await fetch(`${parvis.url}${path}`, {
      method: 'POST',
      body,
      headers: client ? { cookie: cookieOf(client) } : {},
    });
    return {
      status: response.status,
      body: (await response.json()) as { id?: string; code?: string; message?: string },
    };
  };
  const read = (client: GraphqlClient, code: string, email?: string) =>
    client.data<Read>(READ, { code, email }).then((answer) => answer.request);
  const messagesOf = (code: string) =>
    parvis.sql<{ kind: string }[]>`select m.kind from conversation_messages m join requests r on r.id = m.request_id
      where r.tracking_code = ${code} order by m.created_at`;

  it('an agent asks for a missing document: the mail opens the request, the question stands beside the answer, and the answer wakes the request', {
    timeout: 120_000,
  }, async () => {
    // given a terrace request the reception checks
    const email = 'lea@example.fr';
    const code = await fileDossier(parvis, email);
    const check = await openCheck(parvis, code);

    // when the agent says the plan is missing
    await camille.data(COMPLETE, { id: check, data: { decision: 'incomplet', piece: 'le plan coté de la terrasse' } });

    // then the citizen's mail carries the tracking code and a link that opens the request
    const mail = await mailTo(parvis, email, 'le plan coté de la terrasse');
    expect(mail.subject).toContain(code);
    const { url, token } = trackingLinkIn(mail.text);
    expect(url).toContain(`/suivi/${code}?lien=`);
    const citizen = parvis.client();
    const { trackingLink } = await citizen.data<{ trackingLink: { trackingCode: string; email: string } }>(
      TRACKING_LINK,
      { token },
    );
    expect(trackingLink).toEqual({ trackingCode: code, email });

    // and the tracking page shows the question beside the answer box
    const waiting = await eventually(async () => {
      const request = await read(citizen, code, trackingLink.email);
      return request.awaitsAnswer ? request : undefined;
    }, 30_000);
    const question = waiting.conversation.question!;
    expect(question).toMatchObject({ from: 'townHall', authorName: null, answered: false });
    expect(question.text).toContain('il nous manque : le plan coté de la terrasse');
    expect(question.text).toContain('we still need: le plan coté de la terrasse');

    // when the citizen answers it with the plan
    const plan = await upload('/files/demo/dossier?field=plan', 'plan.pdf', PDF);
    expect(plan.status).toBe(201);
    const answered = await citizen.request(ANSWER, {
      code,
      email,
      answer: 'Voici le plan coté.',
      question: question.id,
      files: [{ field: 'plan', ids: [plan.body.id] }],
    });
    expect(answered.errors).toBeUndefined();

    // then the request wakes: the check opens again
    const again = await eventually(async () => {
      const id = await openCheck(parvis, code);
      return id !== check ? id : undefined;
    }, 60_000);
    // and the agent reads the answer's words and file on the task page, after the question
    const { task } = await camille.data<{ task: { request: { conversation: { messages: Message[] } } } }>(
      TASK_CONVERSATION,
      { id: again },
    );
    const [asked, answer] = task.request.conversation.messages;
    expect(asked).toMatchObject({ id: question.id, kind: 'message', answered: true });
    expect(answer).toMatchObject({
      from: 'citizen',
      kind: 'answer',
      text: 'Voici le plan coté.',
      answersId: question.id,
      unread: true,
      files: [{ name: 'plan.pdf' }],
    });

    // and the same question answered again (another tab) is refused, nothing kept twice
    const twice = await citizen.request(ANSWER, {
      code,
      email,
      answer: 'Voici encore le plan.',
      question: question.id,
    });
    expect(twice.errors?.[0]?.extensions?.code).toBe('ALREADY_ANSWERED');
    expect(twice.errors?.[0]?.message).toContain('déjà reçu votre réponse');
    expect(await messagesOf(code)).toEqual([{ kind: 'message' }, { kind: 'answer' }]);
  });

  it('the town hall and the citizen write to each other with files, and each sees what the other wrote since they last read', {
    timeout: 120_000,
  }, async () => {
    // given a request the reception holds
    const email = 'noe@example.fr';
    const code = await fileDossier(parvis, email);
    await openCheck(parvis, code);

    // when the agent writes to the citizen with a document
    const rules = await upload(`/files/demo/demandes/${code}`, 'reglement.pdf', PDF, camille);
    expect(rules.status).toBe(201);
    await camille.data(TO_CITIZEN, {
      code,
      text: 'Bonjour, voici le règlement des terrasses.',
      files: [rules.body.id],
    });

    // then the citizen is told by mail, with the code and a link to the request
    const mail = await mailTo(parvis, email, 'vous a écrit');
    expect(mail.subject).toContain(code);
    expect(mail.text).toContain(`n° ${code}`);
    const { token } = trackingLinkIn(mail.text);
    const citizen = parvis.client();
    const { trackingLink } = await citizen.data<{ trackingLink: { email: string } }>(TRACKING_LINK, { token });
    // and sees one message they have not read, from the town hall, with its document
    const seen = await read(citizen, code, trackingLink.email);
    expect(seen.unreadMessages).toBe(1);
    expect(seen.conversation.unread).toBe(1);
    expect(seen.conversation.messages).toMatchObject([
      { from: 'townHall', authorName: null, kind: 'message', unread: true, files: [{ name: 'reglement.pdf' }] },
    ]);
    const download = await fetch(
      seen.conversation.messages[0]!.files[0]!.url.replace('http://parvis.test', parvis.url),
    );
    expect(download.status).toBe(200);

    // when they read it and answer with a photo
    await citizen.data(MARK_READ, { code, email });
    expect((await read(citizen, code, email)).conversation.unread).toBe(0);
    const photo = await upload(`/files/demo/demandes/${code}?email=${encodeURIComponent(email)}`, 'facade.pdf', PDF);
    expect(photo.status).toBe(201);
    await citizen.data(TO_TOWN_HALL, { code, email, text: 'Merci. Voici la façade.', files: [photo.body.id] });

    // then the agent sees one unread message from the citizen, with the file, and their own name on theirs
    const agentView = await read(camille, code);
    expect(agentView.unreadMessages).toBe(1);
    expect(agentView.conversation.messages).toMatchObject([
      { from: 'townHall', authorName: 'Camille Accueil', unread: false },
      { from: 'citizen', text: 'Merci. Voici la façade.', unread: true, files: [{ name: 'facade.pdf' }] },
    ]);
    const { unreadConversations } = await camille.data<{
      unreadConversations: { trackingCode: string; unread: number }[];
    }>('{ unreadConversations { trackingCode unread } }');
    expect(unreadConversations).toContainEqual({ trackingCode: code, unread: 1 });
    // and once read, the marker goes for that agent only
    await camille.data(MARK_READ, { code });
    expect((await read(camille, code)).conversation.unread).toBe(0);
    expect((await read(manager, code)).conversation.unread).toBe(1);
    // and the citizen's side has nothing new
    expect((await read(citizen, code, email)).conversation.unread).toBe(0);
  });

  it('a correction of named fields: the citizen finds them reopened and prefilled, the agent sees old and new values', {
    timeout: 120_000,
  }, async () => {
    // given a request the reception checks
    const email = 'ines@example.fr';
    const code = await fileDossier(parvis, email);
    const check = await openCheck(parvis, code);

    // when the agent asks to correct the address and the surface
    await camille.data(ASK_CORRECTION, {
      code,
      fields: ['adresse', 'surface'],
      text: 'L’adresse et la surface ne correspondent pas au plan.',
    });

    // then the citizen is told which fields, and finds them reopened with their values
    const mail = await mailTo(parvis, email, 'vous demande de corriger');
    expect(mail.text).toContain('Adresse de la terrasse, Surface (m²)');
    expect(mail.subject).toContain(code);
    const citizen = parvis.client();
    const asked = (await read(citizen, code, email)).conversation.question!;
    expect(asked).toMatchObject({
      kind: 'correction',
      text: 'L’adresse et la surface ne correspondent pas au plan.',
      fields: [
        { field: 'adresse', label: 'Adresse de la terrasse', value: '3 rue des Lilas' },
        { field: 'surface', label: 'Surface (m²)', value: 12 },
      ],
    });

    // when they send a value the form refuses, or a field not reopened
    const refused = await citizen.request(CORRECT, { code, email, correction: asked.id, values: { surface: 0 } });
    const stray = await citizen.request(CORRECT, { code, email, correction: asked.id, values: { email: 'x@y.fr' } });
    // then each is refused where it is wrong, and nothing changed
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORM_INVALID', fields: [{ field: 'surface' }] });
    expect(stray.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'email' });
    expect((await read(citizen, code, email)).data).toMatchObject({ adresse: '3 rue des Lilas', surface: 12 });

    // when they correct both
    const corrected = await citizen.request(CORRECT, {
      code,
      email,
      correction: asked.id,
      values: { adresse: '5 rue des Lilas', surface: 18 },
      text: 'Corrigé, pardon.',
    });
    expect(corrected.errors).toBeUndefined();

    // then the request's data are the new ones, for agents and citizen
    const agentView = await read(camille, code);
    expect(agentView.data).toMatchObject({ adresse: '5 rue des Lilas', surface: 18, email });
    // and the agent sees each field before and after
    expect(agentView.conversation.messages.at(-1)).toMatchObject({
      from: 'citizen',
      kind: 'answer',
      text: 'Corrigé, pardon.',
      answersId: asked.id,
      changes: [
        { field: 'adresse', label: 'Adresse de la terrasse', before: '3 rue des Lilas', after: '5 rue des Lilas' },
        { field: 'surface', label: 'Surface (m²)', before: 12, after: 18 },
      ],
    });
    // and the history records the correction in its hash chain, which still holds
    expect(agentView.timeline.find((event) => event.kind === 'dataCorrected')?.payload).toMatchObject({
      correction: asked.id,
      fields: ['adresse', 'surface'],
    });
    const { verifySignatures } = await camille.data<{
      verifySignatures: { valid: boolean; chain: { valid: boolean } };
    }>('query ($code: String!) { verifySignatures(trackingCode: $code) { valid chain { valid } } }', { code });
    expect(verifySignatures).toMatchObject({ valid: true, chain: { valid: true } });
    // and the request's workflow goes on with the corrected values
    const snapshot = await parvis.temporal.workflow.getHandle(`request-${code}`).query(snapshotQuery);
    expect(snapshot.variables).toMatchObject({ adresse: '5 rue des Lilas', surface: 18 });
    expect(await openCheck(parvis, code)).toBe(check);

    // and the same correction sent again is refused
    const again = await citizen.request(CORRECT, { code, email, correction: asked.id, values: { surface: 20 } });
    expect(again.errors?.[0]?.extensions?.code).toBe('ALREADY_ANSWERED');
    expect((await read(camille, code)).data).toMatchObject({ surface: 18 });
  });

  it('a signature made on the data before a correction still verifies, and says the data were corrected since', {
    timeout: 120_000,
  }, async () => {
    // given a request whose department signed its opinion on the data as filed
    await deploySignedConversationProcedure(parvis);
    const email = 'olga@example.fr';
    const code = await fileDossier(parvis, email, 'dossier-signe');
    const opinion = await eventually(async () => {
      const [task] = await parvis.sql<{ id: string }[]>`select t.id from tasks t join requests r on r.id = t.request_id
        where r.tracking_code = ${code} and t.element_id = 'Opinion' and t.status = 'open'`;
      return task?.id;
    }, 60_000);
    const service = await Signatory.create(parvis, 'Sophie Service', ['service']);
    await service.sign(opinion, 'APPROVE', 'Avis favorable.');
    await openCheck(parvis, code);

    // when the reception asks to correct the surface, and the citizen corrects it
    await camille.data(ASK_CORRECTION, { code, fields: ['surface'], text: 'La surface ne correspond pas au plan.' });
    const citizen = parvis.client();
    const asked = (await read(citizen, code, email)).conversation.question!;
    const corrected = await citizen.request(CORRECT, { code, email, correction: asked.id, values: { surface: 20 } });
    expect(corrected.errors).toBeUndefined();

    // then the signature still verifies, and the check says the data were corrected since
    const VERIFY = `query ($code: String!) { verifySignatures(trackingCode: $code) {
      valid chain { valid } signatures { valid problems notes } } }`;
    const checked = await manager.data<{
      verifySignatures: {
        valid: boolean;
        chain: { valid: boolean };
        signatures: { valid: boolean; notes: string[] }[];
      };
    }>(VERIFY, { code });
    expect(checked.verifySignatures).toMatchObject({
      valid: true,
      chain: { valid: true },
      signatures: [{ valid: true }],
    });
    expect(checked.verifySignatures.signatures[0]!.notes[0]).toContain('données corrigées depuis par le citoyen');

    // and data changed any other way are still caught
    await parvis.sql`update requests set data = data || '{"surface": 99}'::jsonb where tracking_code = ${code}`;
    const tampered = await manager.data<{
      verifySignatures: { valid: boolean; signatures: { valid: boolean; problems: string[] }[] };
    }>(VERIFY, { code });
    expect(tampered.verifySignatures.valid).toBe(false);
    expect(tampered.verifySignatures.signatures[0]!.problems.join(' ')).toContain(
      'ne sont plus celles que le signataire a vues',
    );
  });

  describe('bad input gets a clear refusal and nothing half-written', () => {
    it('a closed request takes no more words from its citizen; the town hall may still inform them, not ask', {
      timeout: 120_000,
    }, async () => {
      // given a request the reception closed
      const email = 'jules@example.fr';
      const code = await fileDossier(parvis, email);
      await camille.data(COMPLETE, { id: await openCheck(parvis, code), data: { decision: 'complet' } });
      await eventually(async () => ((await read(camille, code)).status === 'closed' ? true : undefined));
      const citizen = parvis.client();

      // when the citizen writes, or answers
      const written = await citizen.request(TO_TOWN_HALL, { code, email, text: 'Une dernière question.' });
      const answered = await citizen.request(ANSWER, { code, email, answer: 'Une réponse tardive.' });

      // then each is refused, saying the request is closed and how to ask something new
      for (const refused of [written, answered]) {
        expect(refused.errors?.[0]?.extensions?.code).toBe('REQUEST_CLOSED');
        expect(refused.errors?.[0]?.message).toContain(`La demande ${code} est close depuis le`);
        expect(refused.errors?.[0]?.message).toContain('déposez une nouvelle demande');
        expect(refused.errors?.[0]?.message).toContain('file a new request');
      }
      expect((await read(citizen, code, email)).conversation.citizenMayWrite).toBe(false);
      // and the agent may not ask a question there, but may inform them
      const question = await camille.request(TO_CITIZEN, { code, text: 'Pouvez-vous préciser ?', question: true });
      expect(question.errors?.[0]?.extensions?.code).toBe('REQUEST_CLOSED');
      expect(await messagesOf(code)).toEqual([]);
      const told = await camille.request(TO_CITIZEN, { code, text: 'Les travaux commencent lundi.' });
      expect(told.errors).toBeUndefined();
      expect(await messagesOf(code)).toEqual([{ kind: 'message' }]);
    });

    it('an attachment of a refused type, a file or a message over the limit, a file for another request', {
      timeout: 60_000,
    }, async () => {
      // given a request and its citizen
      const email = 'alix@example.fr';
      const code = await fileDossier(parvis, email);
      const path = `/files/demo/demandes/${code}?email=${encodeURIComponent(email)}`;

      // when they attach a program, then a file over the size limit
      const program = await upload(path, 'facture.pdf', EXE);
      process.env.PARVIS_UPLOAD_MAX_BYTES = '100';
      const large = await upload(path, 'plan.pdf', Buffer.concat([PDF, Buffer.alloc(200, 0x20)])).finally(() => {
        delete process.env.PARVIS_UPLOAD_MAX_BYTES;
      });
      // then each is refused in words, and nothing is stored
      expect(program.status).toBe(415);
      expect(program.body).toMatchObject({ code: 'FILE_TYPE_REFUSED' });
      expect(program.body.message).toContain("« facture.pdf » n'est pas d'un type accepté ici");
      expect(large.status).toBe(413);
      expect(large.body).toMatchObject({ code: 'FILE_TOO_LARGE' });
      const stored = await parvis.sql`select 1 from stored_files where field_key = ${`conversation:${code}`}`;
      expect(stored.length).toBe(0);

      // when they write more than a long letter
      const long = await parvis.client().request(TO_TOWN_HALL, { code, email, text: 'Bonjour. '.repeat(600) });
      // then it is refused, naming the field and the limit
      expect(long.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'text' });
      expect(long.errors?.[0]?.message).toMatch(/5\s000 au plus/);

      // when a file uploaded for another request's conversation is sent with this one
      const other = await fileDossier(parvis, email);
      const elsewhere = await upload(
        `/files/demo/demandes/${other}?email=${encodeURIComponent(email)}`,
        'plan.pdf',
        PDF,
      );
      const sent = await parvis
        .client()
        .request(TO_TOWN_HALL, { code, email, text: 'Voici le plan.', files: [elsewhere.body.id] });
      // then the whole message is refused, naming the files
      expect(sent.errors?.[0]?.extensions).toMatchObject({ code: 'FORM_INVALID', fields: [{ field: 'files' }] });
      expect(await messagesOf(code)).toEqual([]);
    });

    it('a citizen writing on someone else’s request is answered as for a request that does not exist', {
      timeout: 60_000,
    }, async () => {
      // given Léna's request
      const code = await fileDossier(parvis, 'lena@example.fr');
      const stranger = parvis.client();

      // when someone else writes on it, uploads to it, or reads it with their own e-mail
      const written = await stranger.request(TO_TOWN_HALL, { code, email: 'intrus@example.fr', text: 'Bonjour' });
      const uploaded = await upload(`/files/demo/demandes/${code}?email=intrus%40example.fr`, 'plan.pdf', PDF);
      const readIt = await stranger.request(READ, { code, email: 'intrus@example.fr' });

      // then each answers NOT_FOUND, and nothing is written
      expect(written.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(uploaded.status).toBe(404);
      expect(readIt.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(await messagesOf(code)).toEqual([]);
      // and an agent the request does not concern cannot write there either
      const voirie = await agentClient(parvis, 'voirie@demoville.fr', 'demo-voirie');
      const agentWrote = await voirie.request(TO_CITIZEN, { code, text: 'Bonjour' });
      expect(agentWrote.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    });

    it('an expired tracking link asks for the code and e-mail instead', { timeout: 60_000 }, async () => {
      // given a link mailed 31 days ago
      const email = 'remi@example.fr';
      const code = await fileDossier(parvis, email);
      const { token } = trackingLinkIn((await mailTo(parvis, email, code)).text);
      await parvis.sql`update tracking_links set expires_at = now() - interval '1 day'
        where request_id = (select id from requests where tracking_code = ${code})`;

      // when it is opened
      const opened = await parvis.client().request(TRACKING_LINK, { token });

      // then it is refused in words
      expect(opened.errors?.[0]?.extensions?.code).toBe('LINK_INVALID');
      expect(opened.errors?.[0]?.message).toContain('Ce lien a expiré (il est valable 30 jours)');
    });
  });
});

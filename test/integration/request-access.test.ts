import { randomUUID } from 'node:crypto';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type GraphqlClient } from '../support/graphql-client.ts';
import { type RunningParvis, startParvis } from '../support/parvis.ts';

// Who, inside a town hall, reads a citizen's request: the agents its tasks are (or were) for, the one
// who registered it, and managers; not an agent of another group, nor an analyst. Refusals per
// request say NOT_FOUND (task: null), as for one that does not exist; per role, FORBIDDEN.

const VERIFY = 'query ($code: String!) { verifySignatures(trackingCode: $code) { trackingCode } }';
const SIGN_IN = `mutation ($email: String!, $password: String!) { signIn(municipality: "demo", email: $email, password: $password) { id } }`;
const SUBMIT = `mutation ($p: String!, $d: JSON!) { submitRequest(municipality: "demo", procedure: $p, data: $d) { trackingCode } }`;
const REGISTER = `mutation ($d: JSON!) { registerRequest(procedure: "signalement", channel: COUNTER,
  citizen: { firstName: "Marc", lastName: "Lenoir", email: "marc.lenoir@example.fr" }, data: $d) { trackingCode } }`;
const TASK = 'query ($id: ID!) { task(id: $id) { id status request { trackingCode data } } }';
const REQUEST = 'query ($code: String!, $email: String) { request(trackingCode: $code, email: $email) { data } }';
const LISTS = `{ requests(first: 100) { nodes { trackingCode data } }
  tasks(first: 100) { nodes { id request { trackingCode } } } }`;
const INBOX = '{ inbox: workQueue(filter: { scope: AVAILABLE }, first: 200) { id request { trackingCode } } }';
const COMPLETE = 'mutation ($id: ID!, $data: JSON) { completeTask(taskId: $id, data: $data) { status } }';

const LEA = {
  subject: 'Logement',
  message: 'Je suis Léa Martin, 12 rue des Lilas, en difficulté pour payer mon loyer.',
  email: 'lea.martin@example.fr',
};

/** A small PNG: what a citizen photographs. */
function photo(): Buffer {
  const png = new PNG({ width: 8, height: 8 });
  png.data.fill(90);
  return PNG.sync.write(png);
}

describe('requests and tasks inside a town hall: only the people they are for', () => {
  let parvis: RunningParvis;
  const agents: Record<string, GraphqlClient> = {};
  const ids: Record<string, string> = {};
  const cookieOf = (who: string) => (agents[who] as unknown as { cookie: string }).cookie;

  const file = async (procedure: string, data: Record<string, unknown>) =>
    (await parvis.client().data<{ submitRequest: { trackingCode: string } }>(SUBMIT, { p: procedure, d: data }))
      .submitRequest.trackingCode;

  /** The open task of a request, once it shows in the agent's inbox. */
  const taskIn = (who: string, code: string) =>
    eventually(async () => {
      const { inbox } = await agents[who]!.data<{ inbox: { id: string; request: { trackingCode: string } }[] }>(INBOX);
      return inbox.find((t) => t.request.trackingCode === code)?.id;
    });

  const readTask = (who: string, id: string) => agents[who]!.request<{ task: unknown }>(TASK, { id });
  const readRequest = (who: string, code: string, email?: string) =>
    agents[who]!.request<{ request: { data: Record<string, unknown> } }>(REQUEST, { code, email });
  const listed = async (who: string) => {
    const { requests, tasks } = await agents[who]!.data<{
      requests: { nodes: { trackingCode: string }[] };
      tasks: { nodes: { id: string }[] };
    }>(LISTS);
    return { codes: requests.nodes.map((r) => r.trackingCode), taskIds: tasks.nodes.map((t) => t.id) };
  };
  const pdf = (code: string, who: string, email = '') =>
    fetch(`${parvis.url}/documents/${code}/accuse-de-reception.pdf${email ? `?email=${email}` : ''}`, {
      headers: { cookie: cookieOf(who) },
    });

  beforeAll(async () => {
    parvis = await startParvis();
    for (const [who, password] of [
      ['accueil', 'demo-accueil'],
      ['voirie', 'demo-voirie'],
      ['proprete', 'demo-proprete'],
      ['analyste', 'demo-analyste'],
      ['technique', 'demo-technique'],
    ]) {
      agents[who!] = parvis.client();
      const { signIn } = await agents[who!]!.data<{ signIn: { id: string } }>(SIGN_IN, {
        email: `${who}@demoville.fr`,
        password,
      });
      ids[who!] = signIn.id;
    }
  }, 120_000);
  afterAll(() => parvis?.stop());

  it('hides a request and its task from an agent of another group, as if they did not exist', async () => {
    // given Léa's contact request, its task open for the accueil group
    const code = await file('contact', LEA);
    const taskId = await taskIn('accueil', code);

    // when the roads agent asks for the task by its id
    const task = await readTask('voirie', taskId);
    // then it is as absent as a task that does not exist
    expect(task).toEqual({ data: { task: null } });
    expect(await readTask('voirie', randomUUID())).toEqual({ data: { task: null } });

    // when they ask for the request by its tracking code
    const request = await readRequest('voirie', code);
    // then it is refused like an unknown code, and Léa's message is nowhere
    const unknown = await readRequest('voirie', 'AAAA-BBBB-CCCC');
    expect(request.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(request.errors?.[0]?.message).toBe(unknown.errors?.[0]?.message);
    expect(JSON.stringify(request)).not.toContain('Lilas');

    // and neither the lists nor the acknowledgement give it away
    const lists = await listed('voirie');
    expect(lists.codes).not.toContain(code);
    expect(lists.taskIds).not.toContain(taskId);
    expect((await pdf(code, 'voirie')).status).toBe(404);
    // nor does the signatures' check, which names signers and their comments
    const verified = await agents.voirie!.request(VERIFY, { code });
    expect(verified.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    // while the accueil agent, whose task it is, and a manager of other services read it all
    for (const who of ['accueil', 'technique']) {
      expect(await readTask(who, taskId)).toMatchObject({ data: { task: { request: { data: LEA } } } });
      expect(await readRequest(who, code)).toEqual({ data: { request: { data: LEA } } });
      expect(await listed(who)).toMatchObject({ codes: expect.arrayContaining([code]) });
      expect((await pdf(code, who)).status).toBe(200);
      expect(await agents[who]!.data(VERIFY, { code })).toMatchObject({ verifySignatures: { trackingCode: code } });
    }
  });

  it('refuses tasks and requests to an analyst, who works on procedures, not on citizens', async () => {
    // given a request with its task open
    const code = await file('contact', { ...LEA, email: 'analyse@example.fr' });
    const taskId = await taskIn('accueil', code);

    // when the analyst asks for the task and for the request
    const task = await readTask('analyste', taskId);
    const request = await readRequest('analyste', code);

    // then both are refused for their role, without a word of the request
    for (const refused of [task, request]) {
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(refused.errors?.[0]?.message).toContain('For roles: agent, manager, administrator.');
      expect(JSON.stringify(refused)).not.toContain('Lilas');
    }
    expect((await pdf(code, 'analyste')).status).toBe(404);
  });

  it('keeps a request readable by the group its task was for once closed, and by the agent who registered it', async () => {
    // given Léa's request answered by the accueil agent
    const code = await file('contact', { ...LEA, email: 'close@example.fr' });
    const taskId = await taskIn('accueil', code);
    await agents.accueil!.data(COMPLETE, { id: taskId, data: { answer: 'Le CCAS vous rappelle.' } });

    // then the accueil agent still reads it, task closed
    expect(await readTask('accueil', taskId)).toMatchObject({ data: { task: { status: 'completed' } } });
    expect((await readRequest('accueil', code)).data?.request.data).toMatchObject({ message: LEA.message });

    // when the accueil agent registers a report at the counter, whose task goes to the roads group
    const { registerRequest } = await agents.accueil!.data<{ registerRequest: { trackingCode: string } }>(REGISTER, {
      d: { categorie: 'chaussee', message: 'Plaque d’égout descellée devant le 8 rue Basse.', address: '8 rue Basse' },
    });
    const registered = registerRequest.trackingCode;
    await taskIn('voirie', registered);

    // then the accueil agent, who registered it, and the roads agent read it; the cleaning agent does not
    expect((await readRequest('accueil', registered)).data?.request.data).toMatchObject({ address: '8 rue Basse' });
    expect((await readRequest('voirie', registered)).data?.request.data).toMatchObject({ address: '8 rue Basse' });
    expect((await readRequest('proprete', registered)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('lets the citizen follow their request with its e-mail, even in a browser where an agent is signed in', async () => {
    // given Léa's request, for the accueil group
    const code = await file('contact', { ...LEA, email: 'suivi@example.fr' });
    await taskIn('accueil', code);

    // when it is followed with its e-mail from browsers signed in as the roads agent and the analyst
    for (const who of ['voirie', 'analyste']) {
      // then the tracking page and the acknowledgement answer, as for anyone who gives that e-mail
      expect((await readRequest(who, code, 'suivi@example.fr')).data?.request.data).toMatchObject({
        subject: 'Logement',
      });
      expect((await pdf(code, who, 'suivi@example.fr')).status).toBe(200);
    }
  });

  it('serves a photo sent with a report to the group the report is for, not to another', async () => {
    // given a report with a photo, routed to the roads group
    const body = new FormData();
    body.append('file', new Blob([new Uint8Array(photo())], { type: 'image/png' }), 'trou.png');
    const uploaded = await fetch(`${parvis.url}/files/demo/signalement?field=photos`, { method: 'POST', body });
    const { id } = (await uploaded.json()) as { id: string };
    const code = await file('signalement', {
      categorie: 'chaussee',
      message: 'Un trou dans la chaussée.',
      address: '3 rue Haute',
      photos: [id],
      email: 'photo@example.fr',
    });
    await taskIn('voirie', code);

    // when the roads agent and the cleaning agent download it
    const download = (who: string, query = '') =>
      fetch(`${parvis.url}/files/${id}${query}`, {
        headers: { cookie: cookieOf(who) },
      });

    // then the roads agent gets it; the cleaning agent gets the answer for a file that does not exist
    expect((await download('voirie')).status).toBe(200);
    const refused = await download('proprete');
    const unknown = await fetch(`${parvis.url}/files/${randomUUID()}`, { headers: { cookie: cookieOf('proprete') } });
    expect([refused.status, await refused.json()]).toEqual([404, await unknown.json()]);
    // and the citizen's own link, with the code and e-mail, still works from that browser
    expect((await download('proprete', `?code=${code}&email=photo@example.fr`)).status).toBe(200);
  });

  it('shows a task to the deputy an agent of its group delegated their signature to, while it lasts', async () => {
    // given a task open for accueil, and the accueil agent delegating her signature to the roads agent
    const code = await file('contact', { ...LEA, email: 'delegation@example.fr' });
    const taskId = await taskIn('accueil', code);
    const { delegateSignature } = await agents.accueil!.data<{ delegateSignature: { id: string } }>(
      'mutation ($to: ID!, $until: String!) { delegateSignature(to: $to, endsAt: $until) { id } }',
      { to: ids.voirie, until: new Date(Date.now() + 86_400_000).toISOString() },
    );

    // then the deputy reads the task and its request
    expect(await readTask('voirie', taskId)).toMatchObject({ data: { task: { request: { trackingCode: code } } } });

    // when the delegation is revoked
    await agents.accueil!.data('mutation ($id: ID!) { revokeDelegation(id: $id) { id } }', {
      id: delegateSignature.id,
    });

    // then the task is hidden again
    expect(await readTask('voirie', taskId)).toEqual({ data: { task: null } });
    expect((await readRequest('voirie', code)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

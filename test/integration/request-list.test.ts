import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type GraphqlClient } from '../support/graphql-client.ts';
import { type RunningParvis, startParvis } from '../support/parvis.ts';

// Every request findable (issue 14, point 3): the request list of agents (theirs, open and closed)
// and managers (the town's), its filters, search, sorts, and its export as CSV and ODS — and a clear
// refusal for a filter it does not know.

const SIGN_IN = `mutation ($email: String!, $password: String!) { signIn(municipality: "demo", email: $email, password: $password) { id } }`;
const SUBMIT = `mutation ($p: String!, $d: JSON!) { submitRequest(municipality: "demo", procedure: $p, data: $d) { trackingCode } }`;
const INBOX = '{ inbox: workQueue(filter: { scope: AVAILABLE }, first: 200) { id request { trackingCode } } }';
const COMPLETE = 'mutation ($id: ID!, $data: JSON) { completeTask(taskId: $id, data: $data) { status } }';
const CLAIM = 'mutation ($id: ID!) { claimTask(taskId: $id) { id } }';
const LIST = `query ($filter: RequestFilter, $sort: RequestSort, $first: Int, $after: String) {
  requests(filter: $filter, sort: $sort, first: $first, after: $after) {
    nodes { trackingCode status channel procedureKey slaState dueAt closedAt heldBy }
    pageInfo { endCursor hasNextPage }
  }
}`;

interface Listed {
  trackingCode: string;
  status: string;
  closedAt: string | null;
  heldBy: string[];
}

// Two potholes a street apart, and one at the other end of town (latitude, longitude).
const GARE = { latitude: 48.853, longitude: 2.3499 };
const GARE_NEIGHBOUR = { latitude: 48.8534, longitude: 2.3502 };
const FAR_AWAY = { latitude: 48.9, longitude: 2.45 };

describe('the request list: every request findable, filtered, exported', () => {
  let parvis: RunningParvis;
  const agents: Record<string, GraphqlClient> = {};
  const ids: Record<string, string> = {};
  const codes: Record<string, string> = {};

  const file = async (procedure: string, data: Record<string, unknown>) =>
    (await parvis.client().data<{ submitRequest: { trackingCode: string } }>(SUBMIT, { p: procedure, d: data }))
      .submitRequest.trackingCode;
  const pothole = (place: { latitude: number; longitude: number }, message: string) =>
    file('signalement', { categorie: 'chaussee', message, ...place, email: 'riverain@example.fr' });
  const taskIn = (who: string, code: string) =>
    eventually(async () => {
      const { inbox } = await agents[who]!.data<{ inbox: { id: string; request: { trackingCode: string } }[] }>(INBOX);
      return inbox.find((t) => t.request.trackingCode === code)?.id;
    }, 60_000);
  const list = async (who: string, filter: Record<string, unknown> = {}, sort?: string, first = 100) =>
    (await agents[who]!.data<{ requests: { nodes: Listed[] } }>(LIST, { filter, sort, first })).requests.nodes;
  const listCodes = async (who: string, filter: Record<string, unknown> = {}) =>
    (await list(who, filter)).map((r) => r.trackingCode);
  const exported = (
    who: string,
    format: 'csv' | 'ods',
    filter: Record<string, unknown> = {},
    lang = 'fr',
    sort = 'NEWEST_FIRST',
  ) =>
    fetch(
      `${parvis.url}/exports/requests.${format}?filter=${encodeURIComponent(JSON.stringify(filter))}&lang=${lang}&sort=${sort}`,
      { headers: { cookie: (agents[who] as unknown as { cookie: string }).cookie } },
    );

  beforeAll(async () => {
    parvis = await startParvis();
    for (const [who, password] of [
      ['accueil', 'demo-accueil'],
      ['voirie', 'demo-voirie'],
      ['manager', 'demo-manager'],
      ['analyste', 'demo-analyste'],
    ] as const) {
      agents[who] = parvis.client();
      ids[who] = (
        await agents[who].data<{ signIn: { id: string } }>(SIGN_IN, { email: `${who}@demoville.fr`, password })
      ).signIn.id;
    }
    // given a contact request the front desk answers (closed), another still open, and three potholes
    codes.answered = await file('contact', {
      subject: 'Horaires',
      message: 'Bonjour, la médiathèque ouvre-t-elle le dimanche ?',
      email: 'lecteur@example.fr',
    });
    codes.open = await file('contact', {
      subject: 'Poubelles',
      message: 'Quel jour passe le camion des encombrants ?',
      email: 'voisin@example.fr',
    });
    codes.gare = await pothole(GARE, 'Nid-de-poule devant la gare');
    codes.neighbour = await pothole(GARE_NEIGHBOUR, 'Trou dans la chaussée rue de la Gare');
    codes.far = await pothole(FAR_AWAY, 'Trou au bout de la ville');
    await agents.accueil!.data(COMPLETE, {
      id: await taskIn('accueil', codes.answered),
      data: { answer: 'Oui, de 14 h à 18 h.' },
    });
    await eventually(async () =>
      (await list('manager', { search: codes.answered }))[0]?.status === 'closed' ? true : undefined,
    );
    await taskIn('voirie', codes.far);
  }, 180_000);
  afterAll(() => parvis?.stop());

  it('finds a closed request by its code and by words of it, which the inbox no longer shows', async () => {
    // given the answered request, closed: no open task, so not in any inbox
    const { inbox } = await agents.accueil!.data<{ inbox: { request: { trackingCode: string } }[] }>(INBOX);
    expect(inbox.map((t) => t.request.trackingCode)).not.toContain(codes.answered);

    // when the front-desk agent searches the list by its code, typed loosely, and by a word of it
    const byCode = await list('accueil', { search: codes.answered!.toLowerCase().replaceAll('-', ' ') });
    const byWords = await list('accueil', { search: 'médiathèques dimanche' });

    // then both find it, closed, with its closing date
    expect(byCode).toEqual([expect.objectContaining({ trackingCode: codes.answered, status: 'closed' })]);
    expect(byCode[0]!.closedAt).not.toBeNull();
    expect(byWords.map((r) => r.trackingCode)).toEqual([codes.answered]);
  });

  it('shows an agent only their groups’ requests, open and closed, and a manager the whole town', async () => {
    // when the front desk, the roads agent and a manager list every request
    const accueil = await listCodes('accueil');
    const voirie = await listCodes('voirie');
    const manager = await listCodes('manager');

    // then each agent sees their own, and the manager all five
    expect(accueil).toEqual(expect.arrayContaining([codes.answered, codes.open]));
    expect(accueil).not.toContain(codes.gare);
    expect(voirie).toEqual(expect.arrayContaining([codes.gare, codes.neighbour, codes.far]));
    expect(voirie).not.toContain(codes.answered);
    expect(manager).toEqual(expect.arrayContaining(Object.values(codes)));
    // and an analyst none: they work on procedures
    const refused = await agents.analyste!.request(LIST, {});
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('filters by status, procedure, channel, group, service, dates, deadline state and assigned agent', async () => {
    // given the roads agent takes the first pothole
    await agents.voirie!.data(CLAIM, { id: await taskIn('voirie', codes.gare!) });
    const mine = Object.values(codes);
    const only = async (filter: Record<string, unknown>) =>
      (await listCodes('manager', filter)).filter((code) => mine.includes(code)).sort();

    // when the manager narrows the list, then each filter keeps what it says
    expect(await only({ status: 'closed' })).toEqual([codes.answered]);
    expect(await only({ status: 'inProgress', procedure: 'contact' })).toEqual([codes.open]);
    expect(await only({ procedure: 'signalement' })).toEqual([codes.gare, codes.neighbour, codes.far].sort());
    expect(await only({ channel: 'web' })).toEqual([...mine].sort());
    expect(await only({ channel: 'counter' })).toEqual([]);
    expect(await only({ group: 'voirie' })).toEqual([codes.gare, codes.neighbour, codes.far].sort());
    expect(await only({ service: 'accueil' })).toEqual([codes.answered, codes.open].sort());
    expect(await only({ assignee: ids.voirie })).toEqual([codes.gare]);
    expect(await only({ deadline: 'onTime' })).toEqual([...mine].sort());
    expect(await only({ deadline: 'breached' })).toEqual([]);
    const today = new Date().toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    expect(await only({ submittedFrom: today, submittedTo: tomorrow })).toEqual([...mine].sort());
    expect(await only({ submittedTo: today })).toEqual([]);
    // and the row says who holds the request
    expect((await list('manager', { search: codes.gare })).at(0)?.heldBy).toEqual(['Sacha Voirie']);
  });

  it('finds requests by their place: near a point, or in a box of the map', async () => {
    // when the roads agent asks for reports within 100 m of the station
    const near = await listCodes('voirie', { near: { ...GARE, radius: 100 } });
    // then the two potholes by the station come, not the one at the other end of town
    expect(near.sort()).toEqual([codes.gare, codes.neighbour].sort());

    // when they draw a box around the far end of town
    const box = await listCodes('voirie', { within: { south: 48.89, west: 2.44, north: 48.91, east: 2.46 } });
    // then only the far pothole is in it
    expect(box).toEqual([codes.far]);
  });

  it('sorts by submission, deadline and closing, page after page', async () => {
    // when the manager reads the list two by two, oldest first
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const { requests } = await agents.manager!.data<{
        requests: { nodes: Listed[]; pageInfo: { endCursor: string; hasNextPage: boolean } };
      }>(LIST, { sort: 'OLDEST_FIRST', first: 2, after });
      seen.push(...requests.nodes.map((r) => r.trackingCode));
      if (!requests.pageInfo.hasNextPage) break;
      after = requests.pageInfo.endCursor;
    }
    // then every request comes once, in the order they were filed
    const filed = [codes.answered, codes.open, codes.gare, codes.neighbour, codes.far];
    expect(seen.filter((code) => filed.includes(code))).toEqual(filed);

    // the last closed first puts the answered request at the top, the open ones after it
    expect((await list('manager', {}, 'RECENTLY_CLOSED'))[0]?.trackingCode).toBe(codes.answered);
    // the nearest deadline first puts requests without one last, and pages the same way
    const byDeadline = await list('manager', {}, 'DEADLINE_FIRST', 2);
    expect(byDeadline).toHaveLength(2);
  });

  it('refuses a filter it does not know, naming the field, in French and English', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ status: 'ouverte' }, 'filter.status'],
      [{ channel: 'pigeon' }, 'filter.channel'],
      [{ deadline: 'late' }, 'filter.deadline'],
      [{ procedure: 'permis-de-voler' }, 'filter.procedure'],
      [{ group: 'personne' }, 'filter.group'],
      [{ service: 'Service inconnu' }, 'filter.service'],
      [{ assignee: 'not-an-id' }, 'filter.assignee'],
      [{ submittedFrom: 'hier' }, 'filter.submittedFrom'],
      [{ submittedFrom: '2026-03-02', submittedTo: '2026-03-01' }, 'filter.submittedTo'],
      [{ near: { ...GARE, radius: 0 } }, 'filter.near.radius'],
      [{ near: GARE, within: { south: 48, west: 2, north: 49, east: 3 } }, 'filter.near'],
      [{ within: { south: 49, west: 2, north: 48, east: 3 } }, 'filter.within'],
    ];
    for (const [filter, field] of cases) {
      // when the manager asks with it
      const result = await agents.manager!.request(LIST, { filter });
      // then the list is refused, saying which field and why, in both languages
      expect(result.data ?? null, JSON.stringify(filter)).toBeNull();
      expect(result.errors?.[0]?.extensions, JSON.stringify(filter)).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(result.errors?.[0]?.message).toMatch(/ \/ /);
    }
    // and a cursor that no page gave
    const cursor = await agents.manager!.request(LIST, { after: 'pas-un-curseur' });
    expect(cursor.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    // and a sort it does not know is refused by the schema itself
    const sort = await agents.manager!.request(LIST, { sort: 'byMood' });
    expect(sort.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('exports the filtered list as CSV, with words for codes, and an agent only their own requests', async () => {
    // when the manager exports the potholes
    const response = await exported('manager', 'csv', { procedure: 'signalement' });
    // then a CSV download comes, one line per pothole under a French heading
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/attachment; filename="parvis-demandes-.*\.csv"/);
    const lines = (await response.text())
      .replace(/^\ufeff/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe(
      'Code de suivi,Démarche,Canal,Statut,Déposée le,Échéance,Délai,Close le,Tenue par,Groupes,Latitude,Longitude',
    );
    expect(lines).toHaveLength(4);
    const gare = lines.find((line) => line.startsWith(codes.gare!))!;
    expect(gare).toContain(',Internet,En cours de traitement,');
    expect(gare).toContain(',Dans les délais,,Sacha Voirie,voirie,48.853,2.3499');

    // when the front-desk agent exports the same filter: the potholes are not theirs
    const accueil = await (await exported('accueil', 'csv', { procedure: 'signalement' })).text();
    // then the file has the heading only
    expect(
      accueil
        .replace(/^\ufeff/, '')
        .trimEnd()
        .split('\r\n'),
    ).toHaveLength(1);
    // and with no filter, theirs only
    const all = await (await exported('accueil', 'csv')).text();
    expect(all).toContain(codes.answered);
    expect(all).not.toContain(codes.gare);

    // in English, the headings and words are English
    const english = await (await exported('manager', 'csv', { search: codes.answered }, 'en')).text();
    expect(english).toContain('Tracking code,Procedure,Channel,Status');
    expect(english).toContain(',Web,Closed,');
  });

  it('exports an OpenDocument spreadsheet whose content.xml holds the rows', async () => {
    // when the manager exports the closed requests as ODS
    const response = await exported('manager', 'ods', { status: 'closed' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.oasis.opendocument.spreadsheet');
    const bytes = new Uint8Array(await response.arrayBuffer());

    // then it is a zip whose first entry is the uncompressed mimetype, as ODF asks
    expect(strFromU8(bytes.subarray(30, 38))).toBe('mimetype');
    expect(strFromU8(bytes.subarray(38, 84))).toBe('application/vnd.oasis.opendocument.spreadsheet');
    const files = unzipSync(bytes);
    expect(Object.keys(files).sort()).toEqual(['META-INF/manifest.xml', 'content.xml', 'mimetype']);
    expect(strFromU8(files['META-INF/manifest.xml']!)).toContain('manifest:full-path="content.xml"');
    // and content.xml has the heading row and the answered request's row, its dates as dates
    const content = strFromU8(files['content.xml']!);
    const rows = content.match(/<table:table-row>.*?<\/table:table-row>/g)!;
    expect(rows[0]).toContain('<text:p>Code de suivi</text:p>');
    const answered = rows.find((row) => row.includes(`<text:p>${codes.answered}</text:p>`))!;
    expect(answered).toContain('<text:p>Close</text:p>');
    expect(answered).toMatch(/office:value-type="date" office:date-value="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d"/);
  });

  it('refuses an export to someone signed out, to an analyst, and for a wrong filter, before any row', async () => {
    // when nobody signed in asks
    const anonymous = await fetch(`${parvis.url}/exports/requests.csv`);
    // then 401, in the API's error shape
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
    // an analyst: 403
    expect((await exported('analyste', 'csv')).status).toBe(403);
    // a filter the list does not know: 400 naming it, not a file of everything
    const wrong = await exported('manager', 'ods', { status: 'ouverte' });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({
      errors: [{ extensions: { code: 'BAD_USER_INPUT', field: 'filter.status' } }],
    });
    // a sort the list does not know: 400 naming the sorts, as the schema spells them
    const badSort = await exported('manager', 'csv', {}, 'fr', 'SOONEST');
    expect(badSort.status).toBe(400);
    const badSortError = ((await badSort.json()) as { errors: { message: string; extensions: unknown }[] }).errors[0]!;
    expect(badSortError.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'sort' });
    expect(badSortError.message).toContain('NEWEST_FIRST, OLDEST_FIRST, DEADLINE_FIRST, RECENTLY_CLOSED');
    const unreadable = await fetch(`${parvis.url}/exports/requests.csv?filter=%7Bstatus`, {
      headers: { cookie: (agents.manager as unknown as { cookie: string }).cookie },
    });
    expect(unreadable.status).toBe(400);
    // an unknown format: 404
    expect((await fetch(`${parvis.url}/exports/requests.xlsx`)).status).toBe(404);
  });
});

import { PDFParse } from 'pdf-parse';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInByLink } from '../support/citizen-links.ts';
import { seedMunicipality } from '../support/municipalities.ts';
import { type RunningParvis, startParvis } from '../support/parvis.ts';

// Uploads of a citizen filling the signalement form (field `photos`, accept image/*, several files),
// with the size limit lowered to 200 KB for the test.
const MAX_BYTES = 200_000;
const B = 'bourg';

const SUBMIT = `mutation ($m: ID!, $data: JSON!) { submitRequest(municipality: $m, procedure: "signalement", data: $data) { trackingCode } }`;
const FILES = `query ($code: String!, $email: String) {
  request(trackingCode: $code, email: $email) { files { id name contentType size field sha256 url } } }`;

interface Uploaded {
  status: number;
  body: { id?: string; name?: string; contentType?: string; size?: number; code?: string; message?: string };
}

interface RequestFile {
  id: string;
  name: string;
  contentType: string;
  size: number;
  field: string;
  sha256: string;
  url: string;
}

/** A real picture: a small PNG of a grey pothole on a black road. */
function photo(width = 32, height = 24): Buffer {
  const png = new PNG({ width, height });
  for (let i = 0; i < width * height; i++) {
    const x = i % width;
    const y = Math.floor(i / width);
    const hole = (x - width / 2) ** 2 + (y - height / 2) ** 2 < 40;
    png.data.set(hole ? [128, 128, 128, 255] : [20, 20, 20, 255], i * 4);
  }
  return PNG.sync.write(png);
}

/** A Windows program: what an attacker renames `photo.jpg`. */
const PROGRAM = Buffer.concat([
  Buffer.from('MZ'),
  Buffer.alloc(58),
  Buffer.from('This program cannot be run in DOS mode.\r\r\n$'),
  Buffer.alloc(200),
]);

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

const report = (email: string, photos: string[] | null) => ({
  categorie: 'chaussee',
  message: 'Un nid-de-poule profond devant l’école.',
  address: '3 rue des Écoles',
  photos,
  email,
});

describe('files a citizen attaches to a form', () => {
  let parvis: RunningParvis;
  const log: string[] = [];
  let agentCookie: string;
  let bAgentCookie: string;

  const upload = async (
    bytes: Buffer,
    name: string,
    options: { municipality?: string; procedure?: string; field?: string; type?: string } = {},
  ): Promise<Uploaded> => {
    const body = new FormData();
    body.append('file', new Blob([new Uint8Array(bytes)], { type: options.type ?? 'image/png' }), name);
    const where = `${options.municipality ?? 'demo'}/${options.procedure ?? 'signalement'}`;
    const response = await fetch(
      `${parvis.url}/files/${where}?field=${encodeURIComponent(options.field ?? 'photos')}`,
      { method: 'POST', body },
    );
    return { status: response.status, body: await response.json() };
  };

  const storedFiles = async () =>
    (await parvis.sql<{ n: number }[]>`select count(*)::int as n from stored_files`)[0]!.n;
  const requests = async () => (await parvis.sql<{ n: number }[]>`select count(*)::int as n from requests`)[0]!.n;

  const signIn = async (municipality: string, email: string, password: string) => {
    const response = await fetch(`${parvis.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query:
          'mutation ($m: ID!, $e: String!, $p: String!) { signIn(municipality: $m, email: $e, password: $p) { id } }',
        variables: { m: municipality, e: email, p: password },
      }),
    });
    expect(response.status).toBe(200);
    return response.headers.get('set-cookie')!.split(';')[0]!;
  };

  /** Expects a refusal with its status and code, nothing stored, and the attempt in the log. */
  const expectRefused = async (attempt: () => Promise<Uploaded>, status: number, code: string) => {
    const before = await storedFiles();
    const logged = log.length;
    const answer = await attempt();
    expect(answer.status).toBe(status);
    expect(answer.body.code).toBe(code);
    expect(await storedFiles()).toBe(before);
    expect(log.slice(logged).some((line) => line.includes(`upload refused (${code}`))).toBe(true);
    return answer.body.message!;
  };

  beforeAll(async () => {
    process.env.PARVIS_UPLOAD_MAX_BYTES = String(MAX_BYTES);
    parvis = await startParvis({ log: (line) => log.push(line) });
    await seedMunicipality(parvis.sql, B, {
      email: 'agent@bourg.fr',
      password: 'bourg-secret',
      displayName: 'Bastien',
    });
    agentCookie = await signIn('demo', 'voirie@demoville.fr', 'demo-voirie');
    bAgentCookie = await signIn(B, 'agent@bourg.fr', 'bourg-secret');
  }, 120_000);
  afterAll(async () => {
    delete process.env.PARVIS_UPLOAD_MAX_BYTES;
    await parvis?.stop();
  });

  it('keeps a photo, attaches it to the request on submission; the agent downloads it, another municipality cannot', async () => {
    // given a citizen who chose two photos for their report
    const first = await upload(photo(), 'nid-de-poule.png');
    const second = await upload(photo(16, 16), 'vue d’ensemble.png');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ name: 'nid-de-poule.png', contentType: 'image/png', size: photo().length });
    expect(second.body.name).toBe('vue d’ensemble.png');

    // when they send the form with them
    const { submitRequest } = await parvis.client().data<{ submitRequest: { trackingCode: string } }>(SUBMIT, {
      m: 'demo',
      data: report('ines@example.fr', [first.body.id!, second.body.id!]),
    });
    const code = submitRequest.trackingCode;

    // then the request lists both, as the citizen following it sees them
    const { request } = await parvis
      .client()
      .data<{ request: { files: RequestFile[] } }>(FILES, { code, email: 'ines@example.fr' });
    expect(request.files.map((f) => [f.name, f.contentType, f.field])).toEqual(
      expect.arrayContaining([
        ['nid-de-poule.png', 'image/png', 'photos'],
        ['vue d’ensemble.png', 'image/png', 'photos'],
      ]),
    );
    const stored = request.files.find((f) => f.name === 'nid-de-poule.png')!;

    // and the acknowledgement's summary of what was sent names the photos, not their ids
    const receipt = await fetch(`${parvis.url}/documents/${code}/accuse-de-reception.pdf?email=ines@example.fr`);
    const parser = new PDFParse({ data: new Uint8Array(await receipt.arrayBuffer()) });
    const { text } = await parser.getText();
    await parser.destroy();
    expect(text.replace(/\s+/g, ' ')).toContain('nid-de-poule.png, vue d’ensemble.png');
    expect(text).not.toContain(stored.id);

    // and agents see them in the list of requests, each request with its own
    const agentClient = parvis.client();
    await agentClient.data(
      'mutation { signIn(municipality: "demo", email: "voirie@demoville.fr", password: "demo-voirie") { id } }',
    );
    await parvis.client().data(SUBMIT, { m: 'demo', data: report('sans-photo@example.fr', null) });
    const { requests } = await agentClient.data<{
      requests: { nodes: { trackingCode: string; files: { name: string }[] }[] };
    }>('{ requests(first: 50) { nodes { trackingCode files { name } } } }');
    expect(requests.nodes.map((n) => n.files.map((f) => f.name).sort())).toEqual(
      requests.nodes.map((n) => (n.trackingCode === code ? ['nid-de-poule.png', 'vue d’ensemble.png'] : [])),
    );

    // and the roads agent, whose task it is, downloads the very bytes sent, as an attachment
    const path = `/files/${stored.id}`;
    const byAgent = await fetch(`${parvis.url}${path}`, { headers: { cookie: agentCookie } });
    expect(byAgent.status).toBe(200);
    expect(byAgent.headers.get('content-type')).toBe('image/png');
    expect(byAgent.headers.get('content-disposition')).toContain('attachment; filename="nid-de-poule.png"');
    expect(byAgent.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await byAgent.arrayBuffer()).equals(photo())).toBe(true);

    // and the citizen downloads it with the link the request gives
    const link = new URL(stored.url);
    const byCitizen = await fetch(`${parvis.url}${link.pathname}${link.search}`);
    expect(byCitizen.status).toBe(200);
    // but not with someone else's e-mail, nor an agent of another municipality, nor anonymously
    expect((await fetch(`${parvis.url}${path}?code=${code}&email=autre@example.fr`)).status).toBe(404);
    expect((await fetch(`${parvis.url}${path}`, { headers: { cookie: bAgentCookie } })).status).toBe(404);
    expect((await fetch(`${parvis.url}${path}`)).status).toBe(404);
  });

  it('refuses a file over the size limit with 413 and says the limit', async () => {
    // given a photo just over 200 KB (a PNG whose picture data runs on)
    const big = Buffer.concat([photo(), Buffer.alloc(MAX_BYTES)]);
    // then it is refused with the limit in words, nothing stored, the attempt logged
    const message = await expectRefused(() => upload(big, 'grande-photo.png'), 413, 'FILE_TOO_LARGE');
    expect(message).toContain('« grande-photo.png » dépasse la taille maximale de 195 ko');
    expect(message).toContain('"grande-photo.png" is larger than 195 KB');
    // and a body far over the limit is refused before it is read
    const huge = Buffer.alloc(MAX_BYTES * 5, 1);
    expect(await expectRefused(() => upload(huge, 'film.png'), 413, 'FILE_TOO_LARGE')).toContain(
      'Le fichier dépasse la taille maximale',
    );
  });

  it('refuses a type the field does not accept, judged by the bytes', async () => {
    // a PDF where the form asks for pictures
    const message = await expectRefused(
      () => upload(PDF, 'plan.pdf', { type: 'application/pdf' }),
      415,
      'FILE_TYPE_REFUSED',
    );
    expect(message).toContain(
      "« plan.pdf » n'est pas d'un type accepté ici (d'après son contenu). Types acceptés : image/*",
    );
    // a program renamed photo.jpg and claimed to be a JPEG
    await expectRefused(() => upload(PROGRAM, 'photo.jpg', { type: 'image/jpeg' }), 415, 'FILE_TYPE_REFUSED');
    // a text file is no picture either
    await expectRefused(
      () => upload(Buffer.from('bonjour'), 'photo.png', { type: 'image/png' }),
      415,
      'FILE_TYPE_REFUSED',
    );
  });

  it('keeps a file sent under a path or a hostile name by its last segment only', async () => {
    const traversal = await upload(photo(), '../../etc/passwd');
    expect(traversal.status).toBe(201);
    expect(traversal.body.name).toBe('passwd');
    const hostile = await upload(photo(), '..\\..\\Windows\\<script>alert(1)</script>.png');
    expect(hostile.status).toBe(201);
    expect(hostile.body.name).toBe('script_.png');
    // a control character in the name makes the part unreadable: refused, nothing stored
    const message = await expectRefused(() => upload(photo(), 'photo\u0007.png'), 400, 'BAD_REQUEST');
    expect(message).toContain('Envoi illisible');
    const [row] = await parvis.sql<{ name: string }[]>`select name from stored_files where id = ${traversal.body.id!}`;
    expect(row?.name).toBe('passwd');
  });

  it('refuses an upload for a field the form does not have', async () => {
    await expectRefused(() => upload(photo(), 'photo.png', { field: 'email' }), 404, 'NOT_FOUND');
    await expectRefused(() => upload(photo(), 'photo.png', { procedure: 'contact' }), 404, 'NOT_FOUND');
  });

  it("refuses a submission that references another municipality's file; nothing is written", async () => {
    // given a photo uploaded to Bourg's signalement form
    const theirs = await upload(photo(), 'bourg.png', { municipality: B });
    expect(theirs.status).toBe(201);
    const before = await requests();
    // when a citizen of demo references it in their report
    const result = await parvis
      .client()
      .request<unknown>(SUBMIT, { m: 'demo', data: report('jules@example.fr', [theirs.body.id!]) });
    // then the form is refused on that field, no request is filed, and the file stays Bourg's, unattached
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'FORM_INVALID',
      fields: [{ field: 'photos', code: 'fileNotFound' }],
    });
    expect(await requests()).toBe(before);
    const [row] = await parvis.sql`select municipality_id, request_id from stored_files where id = ${theirs.body.id!}`;
    expect(row).toEqual({ municipality_id: B, request_id: null });
  });

  it('refuses a file already attached, or one that is not an id', async () => {
    // given a photo already sent with a report
    const mine = await upload(photo(), 'une-fois.png');
    await parvis.client().data(SUBMIT, { m: 'demo', data: report('karim@example.fr', [mine.body.id!]) });
    const before = await requests();
    // when it is referenced again, then the second report is refused whole
    const again = await parvis
      .client()
      .request<unknown>(SUBMIT, { m: 'demo', data: report('karim@example.fr', [mine.body.id!]) });
    expect(again.errors?.[0]?.extensions?.code).toBe('FORM_INVALID');
    // and a file name where an id should be is refused by the form's validation
    const named = await parvis
      .client()
      .request<unknown>(SUBMIT, { m: 'demo', data: report('karim@example.fr', ['photo.jpg'] as never) });
    expect(named.errors?.[0]?.extensions).toMatchObject({ fields: [{ field: 'photos', code: 'invalidFiles' }] });
    expect(await requests()).toBe(before);
  });

  it('refuses at submission an upload over an hour old, even before it is swept', async () => {
    // given a photo chosen more than an hour ago
    const old = await upload(photo(), 'ancienne.png');
    await parvis.sql`update stored_files set uploaded_at = now() - interval '61 minutes' where id = ${old.body.id!}`;
    const before = await requests();
    // when the report is sent with it, then it is refused on that field, saying to attach it again
    const result = await parvis
      .client()
      .request<unknown>(SUBMIT, { m: 'demo', data: report('noe@example.fr', [old.body.id!]) });
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'FORM_INVALID',
      fields: [{ field: 'photos', code: 'fileNotFound', message: { fr: expect.stringContaining("plus d'une heure") } }],
    });
    expect(await requests()).toBe(before);
  });

  it('deletes uploads no form took within the hour; attached files stay', async () => {
    // given a photo chosen over an hour ago and never sent, and one sent with a report over an hour ago
    const forgotten = await upload(photo(), 'oubliee.png');
    const sent = await upload(photo(), 'envoyee.png');
    await parvis.client().data(SUBMIT, { m: 'demo', data: report('lou@example.fr', [sent.body.id!]) });
    await parvis.sql`update stored_files set uploaded_at = now() - interval '61 minutes'
      where id in (${forgotten.body.id!}, ${sent.body.id!})`;
    // when someone uploads a file now
    const today = await upload(photo(), 'aujourdhui.png');
    // then the forgotten one is gone, the sent one and the new one stay
    const left = await parvis.sql<{ id: string }[]>`select id from stored_files
      where id in (${forgotten.body.id!}, ${sent.body.id!}, ${today.body.id!})`;
    expect(left.map((row) => row.id).sort()).toEqual([sent.body.id!, today.body.id!].sort());
  });

  it("lists a citizen's files in their data, and deletes them with their account", async () => {
    // given a signed-in citizen who sent a report with a photo
    const citizen = parvis.client();
    await signInByLink(parvis, citizen, 'demo', 'maud@example.fr');
    const sent = await upload(photo(), 'trottoir.png');
    await citizen.data(SUBMIT, { m: 'demo', data: report('maud@example.fr', [sent.body.id!]) });
    // then their data names the file
    const { myData } = await citizen.data<{ myData: { requests: { files: { name: string; size: number }[] }[] } }>(
      '{ myData }',
    );
    expect(myData.requests[0]?.files).toEqual([
      expect.objectContaining({ name: 'trottoir.png', size: photo().length }),
    ]);
    // when they delete their account, then the photo is gone with their form data
    await citizen.data('mutation { deleteMyAccount }');
    expect(await parvis.sql`select 1 from stored_files where id = ${sent.body.id!}`).toHaveLength(0);
  });
});

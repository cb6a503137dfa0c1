import jsQR from 'jsqr';
import { PDFParse } from 'pdf-parse';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type GraphqlClient } from '../support/graphql-client.ts';
import { type RunningParvis, startParvis } from '../support/parvis.ts';

const SUBMIT = `mutation ($data: JSON!) { submitRequest(municipality: "demo", procedure: "contact", data: $data) { trackingCode } }`;
const DOCUMENTS = `query ($code: String!, $email: String) {
  request(trackingCode: $code, email: $email) { documents { kind title url titleEn: title(lang: EN) } } }`;
const SIGN_IN = `mutation { signIn(municipality: "demo", email: "accueil@demoville.fr", password: "demo-accueil") { displayName } }`;

interface Document {
  kind: string;
  title: string;
  titleEn: string;
  url: string;
}

/** What a person sees of a PDF: its text, and what a phone reads in the QR code of its first page. */
async function readPdf(bytes: Uint8Array): Promise<{ text: string; qrCode: string | undefined }> {
  const parser = new PDFParse({ data: bytes });
  try {
    const { text } = await parser.getText();
    const shot = await parser.getScreenshot({ scale: 2, first: 1, imageBuffer: true, imageDataUrl: false });
    const page = PNG.sync.read(Buffer.from(shot.pages[0]!.data));
    const qr = jsQR(new Uint8ClampedArray(page.data), page.width, page.height);
    return { text: text.replace(/\s+/g, ' '), qrCode: qr?.data };
  } finally {
    await parser.destroy();
  }
}

const frenchDateTime = (date: Date) =>
  new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' }).format(date);

describe('the documents a citizen downloads, as PDF', () => {
  let parvis: RunningParvis;
  let citizen: GraphqlClient;
  let code: string;
  const data = {
    subject: 'Horaires de la mairie',
    message: 'Bonjour, êtes-vous ouverts le samedi matin ? Je voudrais déposer 1 250 € de dons.',
    email: 'lea.martin@example.fr',
  };
  const download = (path: string, init: RequestInit = {}) => fetch(`${parvis.url}${path}`, init);
  const receiptPath = (trackingCode: string, email: string) =>
    `/documents/${trackingCode}/accuse-de-reception.pdf?email=${encodeURIComponent(email)}`;
  const certificatePath = (trackingCode: string, email: string) =>
    `/documents/${trackingCode}/certificat-decision-implicite.pdf?email=${encodeURIComponent(email)}`;

  beforeAll(async () => {
    parvis = await startParvis();
    citizen = parvis.client();
    const { submitRequest } = await citizen.data<{ submitRequest: { trackingCode: string } }>(SUBMIT, { data });
    code = submitRequest.trackingCode;
    // The workflow has projected its first step once the acknowledgement is out: what the tests
    // change in the database afterwards is not overwritten by it.
    await eventually(async () => parvis.smtp.messages().find((m) => m.subject.includes(code)));
  });
  afterAll(() => parvis?.stop());

  it('gives the citizen an acknowledgement of receipt with the code, procedure, date, message and a QR code', async () => {
    // when the citizen downloads it with their e-mail, typed in another case
    const response = await download(receiptPath(code, 'Lea.Martin@Example.fr'));

    // then it is a PDF
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');

    // and it says what was received, when, and what was in it
    const [row] = await parvis.sql<
      { submitted_at: Date }[]
    >`select submitted_at from requests where tracking_code = ${code}`;
    const { text, qrCode } = await readPdf(bytes);
    expect(text).toContain('ACCUSÉ DE RÉCEPTION');
    expect(text).toContain(code);
    expect(text).toContain('Contacter la mairie');
    expect(text).toContain('Mairie de Démoville');
    expect(text).toContain('mairie@demoville.fr');
    expect(text).toContain(`Reçue le ${frenchDateTime(row!.submitted_at)}`);
    expect(text).toContain(`Votre message ${data.message}`);
    expect(text).toContain(`Objet de votre demande ${data.subject}`);

    // and its QR code leads to the tracking page
    expect(qrCode).toBe(`http://parvis.test/suivi/${code}`);
  });

  it('answers a wrong e-mail exactly like an unknown code, so codes cannot be probed', async () => {
    // when
    const wrongEmail = await download(receiptPath(code, 'intrus@example.fr'));
    const noEmail = await download(`/documents/${code}/accuse-de-reception.pdf`);
    const unknownCode = await download(receiptPath('AAAA-BBBB-CCCC', data.email));

    // then
    expect([wrongEmail.status, noEmail.status, unknownCode.status]).toEqual([404, 404, 404]);
    const body = await wrongEmail.text();
    expect(body).toContain('Aucune demande ne correspond à ce numéro de suivi et à cette adresse e-mail');
    expect(await noEmail.text()).toBe(body);
    expect(await unknownCode.text()).toBe(body);
  });

  it('lets a signed-in agent of the municipality download it without the e-mail', async () => {
    // given an agent's session cookie
    const signIn = await fetch(`${parvis.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: SIGN_IN }),
    });
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;

    // when
    const response = await download(`/documents/${code.toLowerCase()}/accuse-de-reception.pdf`, {
      headers: { cookie },
    });

    // then
    expect(response.status).toBe(200);
    expect((await readPdf(new Uint8Array(await response.arrayBuffer()))).text).toContain(code);
  });

  it('lists the documents in GraphQL, the certificate only once silence has accepted the request', async () => {
    // when
    const before = await citizen.data<{ request: { documents: Document[] } }>(DOCUMENTS, { code, email: data.email });

    // then only the acknowledgement is offered, and the certificate is refused in words
    expect(before.request.documents).toEqual([
      {
        kind: 'acknowledgement',
        title: 'Accusé de réception',
        titleEn: 'Acknowledgement of receipt',
        url: `http://parvis.test${receiptPath(code, data.email)}`,
      },
    ]);
    const refused = await download(certificatePath(code, data.email));
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain("Pas de certificat de décision implicite d'acceptation pour cette demande");

    // given the implicit acceptance recorded, as the workflow does when the delay runs out
    const acceptedAt = new Date('2026-01-15T23:00:00Z'); // midnight, 16 January, in Paris
    await parvis.sql`update requests set silence_regime = 'acceptance', implicit_decision = 'acceptance',
      implicit_decision_at = ${acceptedAt}, implicit_decision_recorded_at = now() where tracking_code = ${code}`;

    // when
    const after = await citizen.data<{ request: { documents: Document[] } }>(DOCUMENTS, { code, email: data.email });
    const certificate = await download(certificatePath(code, data.email));

    // then the certificate is offered and states the request, its receipt and the date of acceptance
    expect(after.request.documents.map((d) => [d.kind, d.title])).toEqual([
      ['acknowledgement', 'Accusé de réception'],
      ['implicitAcceptanceCertificate', "Certificat de décision implicite d'acceptation"],
    ]);
    expect(after.request.documents[1]!.url).toBe(`http://parvis.test${certificatePath(code, data.email)}`);
    expect(certificate.status).toBe(200);
    const [row] = await parvis.sql<
      { submitted_at: Date }[]
    >`select submitted_at from requests where tracking_code = ${code}`;
    const { text, qrCode } = await readPdf(new Uint8Array(await certificate.arrayBuffer()));
    expect(text).toContain("CERTIFICAT DE DÉCISION IMPLICITE D'ACCEPTATION");
    expect(text).toContain(code);
    expect(text).toContain('Contacter la mairie');
    expect(text).toContain(`reçue le ${frenchDateTime(row!.submitted_at)}`);
    expect(text).toContain('Acceptée implicitement le 16 janvier 2026');
    expect(text).toContain('L232-3');
    expect(qrCode).toBe(`http://parvis.test/suivi/${code}`);

    // and the acknowledgement now carries the implicit-decision mention
    const receipt = await readPdf(new Uint8Array(await (await download(receiptPath(code, data.email))).arrayBuffer()));
    expect(receipt.text).toContain(
      "Sans réponse de l'administration dans un délai de 2 mois à compter de la réception de votre demande, soit au 16 janvier 2026, votre demande sera réputée acceptée.",
    );
  });
});

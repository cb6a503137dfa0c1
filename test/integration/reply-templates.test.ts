import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Json } from '@parvis/engine';
import { deployProcedure } from '@parvis/graphql';
import { loadShippedProcedures } from '@parvis/processes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type GraphqlClient } from '../support/graphql-client.ts';
import { seedMunicipality } from '../support/municipalities.ts';
import { type RunningParvis, startParvis } from '../support/parvis.ts';
import { pdfText } from '../support/pdf.ts';

// Reply and letter templates: managers word them (per town, or for one procedure) with the
// request's variables, preview them with a real request, and agents use them in messages; send
// tasks and letters name them, so a wording changes without a new version of the BPMN.

const SIGN_IN = `mutation ($m: ID!, $e: String!, $p: String!) { signIn(municipality: $m, email: $e, password: $p) { id } }`;
const SAVE = `mutation ($id: ID, $t: ReplyTemplateInput!) { saveReplyTemplate(id: $id, template: $t) {
  id name procedureKey bodyFr updatedBy } }`;
const PREVIEW = `query ($t: ReplyTemplateInput!, $c: String!) { previewTemplate(template: $t, trackingCode: $c) {
  subject body subjectEn bodyEn text } }`;
const RENDER = `query ($id: ID!, $c: String!) { renderTemplate(templateId: $id, trackingCode: $c) { subject body bodyEn text } }`;
const LIST = `query ($c: String) { replyTemplates(trackingCode: $c) { name } }`;
const REGISTER = `mutation ($p: String!, $d: JSON!) { registerRequest(procedure: $p, channel: COUNTER,
  citizen: { firstName: "Lucie", lastName: "Martin", email: "lucie.martin@example.fr" }, data: $d) { trackingCode } }`;
const SUBMIT = `mutation ($d: JSON!) { submitRequest(municipality: "demo", procedure: "encombrants", data: $d) { trackingCode } }`;
const INCIDENTS = `query ($c: String!) { request(trackingCode: $c) { status incidents { id elementId code message } } }`;
const RESOLVE = `mutation ($c: String!, $i: ID!) { resolveIncident(trackingCode: $c, incidentId: $i) { status } }`;

const ENCOMBRANTS_FORM: Json = {
  components: [
    {
      id: 'Field_nature',
      key: 'nature',
      type: 'radio',
      label: 'Nature',
      values: [
        { value: 'meuble', label: 'Meuble' },
        { value: 'electromenager', label: 'Électroménager' },
      ],
      validate: { required: true },
    },
    { id: 'Field_email', key: 'email', type: 'textfield', label: 'E-mail', validate: { required: true } },
  ],
};

const REPLY = {
  kind: 'REPLY',
  name: 'Accusé simple',
  subjectFr: 'Votre demande {{trackingCode}}',
  bodyFr: 'Bonjour {{citizenName}},\nNous avons bien reçu votre demande « {{procedureTitle}} » du {{submittedAt}}.',
  subjectEn: 'Your request {{trackingCode}}',
  bodyEn: 'Hello {{citizenName}},\nWe received your request "{{procedureTitle}}" of {{submittedAt}}.',
};

const inWords = (iso: string, locale: string) =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'Europe/Paris' }).format(new Date(iso));

describe('reply and letter templates', () => {
  let parvis: RunningParvis;
  const people: { [who: string]: GraphqlClient } = {};
  let contactCode: string;
  let submittedAt: string;
  let replyId: string;

  beforeAll(async () => {
    parvis = await startParvis();
    await seedMunicipality(parvis.sql, 'bourg', {
      email: 'agent@bourg.fr',
      password: 'bourg-secret',
      displayName: 'B',
    });
    const [contact] = (await loadShippedProcedures()).filter((p) => p.key === 'contact');
    await deployProcedure(parvis.sql, 'bourg', { ...contact!, key: 'bourg-seulement' }, 'test');
    await deployProcedure(
      parvis.sql,
      'demo',
      {
        key: 'encombrants',
        title: { fr: "Enlèvement d'encombrants", en: 'Bulky waste collection' },
        bpmn: await readFile(join(import.meta.dirname, '../fixtures/templated-reply-procedure.bpmn'), 'utf8'),
        forms: { 'encombrants-form': ENCOMBRANTS_FORM },
      },
      'test',
    );
    for (const [who, municipality, email, password] of [
      ['manager', 'demo', 'manager@demoville.fr', 'demo-manager'],
      ['accueil', 'demo', 'accueil@demoville.fr', 'demo-accueil'],
      ['voirie', 'demo', 'voirie@demoville.fr', 'demo-voirie'],
      ['bourg', 'bourg', 'agent@bourg.fr', 'bourg-secret'],
    ] as const) {
      people[who] = parvis.client();
      await people[who].data(SIGN_IN, { m: municipality, e: email, p: password });
    }
    contactCode = (
      await people.accueil!.data<{ registerRequest: { trackingCode: string } }>(REGISTER, {
        p: 'contact',
        d: { subject: 'Encombrants', message: 'Je voudrais faire enlever une armoire.' },
      })
    ).registerRequest.trackingCode;
    const [row] = await parvis.sql<{ submitted_at: string }[]>`
      select to_json(submitted_at)#>>'{}' as submitted_at from requests where tracking_code = ${contactCode}`;
    submittedAt = row!.submitted_at;
  });
  afterAll(() => parvis?.stop());

  it('refuses a template naming a variable nobody gives, naming it, and keeps nothing', async () => {
    // when a manager writes {{montant}} in a template for every procedure, and {{subject}} (a field of
    // the contact form) in one that is not for that procedure
    const unknown = await people.manager!.request(SAVE, {
      t: { ...REPLY, bodyFr: 'Montant dû : {{montant}} pour {{trackingCode}}.' },
    });
    const fieldElsewhere = await people.manager!.request(SAVE, {
      t: { ...REPLY, name: 'Objet', bodyEn: 'About {{subject}}' },
    });

    // then each is refused, naming the variable and the text it is in
    expect(unknown.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'bodyFr', variables: ['montant'] }],
    });
    expect(unknown.errors?.[0]?.message).toContain('Texte (français) : variable inconnue {{montant}}');
    expect(unknown.errors?.[0]?.message).toContain('Text (French): unknown variable {{montant}}');
    expect(fieldElsewhere.errors?.[0]?.extensions).toMatchObject({
      fields: [{ field: 'bodyEn', variables: ['subject'] }],
    });
    const [stored] = await parvis.sql<{ n: number }[]>`select count(*)::int as n from reply_templates`;
    expect(stored?.n).toBe(0);
    // and agents do not write the wording
    const byAgent = await people.accueil!.request(SAVE, { t: REPLY });
    expect(byAgent.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('previews a template with a real request before it is saved, then an agent fills a message with it', async () => {
    // when the manager previews the template with the contact request's values
    const { previewTemplate } = await people.manager!.data<{ previewTemplate: Record<string, string> }>(PREVIEW, {
      t: REPLY,
      c: contactCode,
    });

    // then each language has its own date in words
    expect(previewTemplate).toEqual({
      subject: `Votre demande ${contactCode}`,
      body: `Bonjour Lucie Martin,\nNous avons bien reçu votre demande « Contacter la mairie » du ${inWords(submittedAt, 'fr-FR')}.`,
      subjectEn: `Your request ${contactCode}`,
      bodyEn: `Hello Lucie Martin,\nWe received your request "Contact the town hall" of ${inWords(submittedAt, 'en-GB')}.`,
      text: expect.stringContaining('\n\n---\n\nHello Lucie Martin'),
    });

    // when they save it, and the agent who registered the request renders it for their message
    replyId = (await people.manager!.data<{ saveReplyTemplate: { id: string; updatedBy: string } }>(SAVE, { t: REPLY }))
      .saveReplyTemplate.id;
    const { renderTemplate } = await people.accueil!.data<{ renderTemplate: { text: string; body: string } }>(RENDER, {
      id: replyId,
      c: contactCode,
    });

    // then it reads as the preview did
    expect(renderTemplate.body).toBe(previewTemplate.body);
    expect(renderTemplate.text).toBe(previewTemplate.text);
    // and an agent the request does not concern cannot render it for that request
    const stranger = await people.voirie!.request(RENDER, { id: replyId, c: contactCode });
    expect(stranger.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it("offers a procedure's templates only for its requests, with its form's fields in words", async () => {
    // given a template for the contact procedure naming its subject field
    const { saveReplyTemplate } = await people.manager!.data<{ saveReplyTemplate: { id: string } }>(SAVE, {
      t: {
        kind: 'REPLY',
        name: 'Réponse contact',
        procedureKey: 'contact',
        bodyFr: 'Au sujet de « {{subject}} » : c’est noté.',
      },
    });
    const pothole = (
      await people.accueil!.data<{ registerRequest: { trackingCode: string } }>(REGISTER, {
        p: 'signalement',
        d: { categorie: 'chaussee', message: 'Un trou rue Haute.' },
      })
    ).registerRequest.trackingCode;

    // when an agent lists the templates for each request
    const names = async (code: string) =>
      (await people.accueil!.data<{ replyTemplates: { name: string }[] }>(LIST, { c: code })).replyTemplates.map(
        (t) => t.name,
      );

    // then the contact request gets both, the pothole only the town's
    expect(await names(contactCode)).toEqual(['Accusé simple', 'Réponse contact']);
    expect(await names(pothole)).toEqual(['Accusé simple']);
    const { renderTemplate } = await people.accueil!.data<{ renderTemplate: { body: string } }>(RENDER, {
      id: saveReplyTemplate.id,
      c: contactCode,
    });
    expect(renderTemplate.body).toBe('Au sujet de « Encombrants » : c’est noté.');
    // and rendering it for the pothole is refused, naming both procedures
    const misfit = await people.accueil!.request(RENDER, { id: saveReplyTemplate.id, c: pothole });
    expect(misfit.errors?.[0]?.message).toContain('réservé à la démarche « contact »');
  });

  it('refuses another town’s templates and procedures', async () => {
    // when Bourg's agent asks for Démoville's template, or a manager of Démoville names Bourg's procedure
    const foreign = await people.bourg!.request(RENDER, { id: replyId, c: contactCode });
    const elsewhere = await people.manager!.request(SAVE, {
      t: { kind: 'LETTER', name: 'Ailleurs', procedureKey: 'bourg-seulement', bodyFr: 'Texte.' },
    });
    // then
    expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(elsewhere.errors?.[0]?.extensions).toMatchObject({ fields: [{ field: 'procedureKey' }] });
  });

  it('words closing mails and letters from the templates the send tasks name: a new wording needs no new BPMN', async () => {
    // given a procedure whose letter and closing mail name templates the town has not written yet
    const file = async (nature: string) =>
      (
        await parvis
          .client()
          .data<{ submitRequest: { trackingCode: string } }>(SUBMIT, { d: { nature, email: 'noe@example.fr' } })
      ).submitRequest.trackingCode;
    const first = await file('meuble');

    // then the request stops on an incident that names the missing template
    const incident = await eventually(async () => {
      const { request } = await people.manager!.data<{
        request: { incidents: { id: string; elementId: string; message: string }[] };
      }>(INCIDENTS, { c: first });
      return request.incidents[0];
    }, 40_000);
    expect(incident.elementId).toBe('ClosingLetter');
    expect(incident.message).toContain('"Lettre de clôture"');

    // when the manager writes both, for this procedure, and resolves the incident
    const letter = {
      kind: 'LETTER',
      name: 'Lettre de clôture',
      procedureKey: 'encombrants',
      bodyFr: 'Vos encombrants ({{nature}}) seront enlevés. Numéro de suivi : {{trackingCode}}.',
    };
    const mail = {
      kind: 'REPLY',
      name: 'Réponse de clôture',
      procedureKey: 'encombrants',
      subjectFr: 'Encombrants : {{trackingCode}}',
      bodyFr: 'Nous passerons chercher votre {{nature}} sous huit jours.',
    };
    const mailId = (await people.manager!.data<{ saveReplyTemplate: { id: string } }>(SAVE, { t: mail }))
      .saveReplyTemplate.id;
    await people.manager!.data(SAVE, { t: letter });
    await people.manager!.data(RESOLVE, { c: first, i: incident.id });

    // then the closing mail says the template's words, the option in words
    const firstMail = await eventually(
      async () => parvis.smtp.messages().find((m) => m.subject === `Encombrants : ${first}`),
      40_000,
    );
    expect(firstMail.text).toMatch(/^Nous passerons chercher votre Meuble sous huit jours\.\n/);
    // and the letter issued says the letter template's words
    const [issued] = await parvis.sql<{ document_number: string }[]>`
      select d.document_number from issued_documents d join requests r on r.id = d.request_id where r.tracking_code = ${first}`;
    const pdf = await fetch(`${parvis.url}/documents/${first}/${issued!.document_number}.pdf?email=noe@example.fr`);
    expect(await pdfText(new Uint8Array(await pdf.arrayBuffer()))).toContain(
      `Vos encombrants (Meuble) seront enlevés. Numéro de suivi : ${first}.`,
    );

    // when the manager changes the mail's wording, and another request comes
    await people.manager!.data(SAVE, {
      id: mailId,
      t: { ...mail, bodyFr: 'Votre {{nature}} sera enlevé jeudi matin.' },
    });
    const second = await file('electromenager');

    // then its mail says the new words, and the procedure is still at its first version
    const secondMail = await eventually(
      async () => parvis.smtp.messages().find((m) => m.subject === `Encombrants : ${second}`),
      40_000,
    );
    expect(secondMail.text).toMatch(/^Votre Électroménager sera enlevé jeudi matin\.\n/);
    const [procedure] = await parvis.sql<{ versions: number }[]>`
      select count(*)::int as versions from procedure_versions where municipality_id = 'demo' and procedure_key = 'encombrants'`;
    expect(procedure?.versions).toBe(1);
  });
});

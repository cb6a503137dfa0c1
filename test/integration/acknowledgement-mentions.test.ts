import { deployProcedure } from '@parvis/graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { englishPart } from '../support/bilingual.ts';
import { eventually } from '../support/graphql-client.ts';
import { type RunningParvis, startParvis } from '../support/parvis.ts';
import { pdfText } from '../support/pdf.ts';

// CRPA art. R112-5 read as a citizen reads it, in the e-mail and the PDF, French and English: what an
// implicit rejection means and how to appeal it, a delay in the unit the procedure counts it in, or
// that no implicit decision applies and why.

const SUBMIT = `mutation ($procedure: String!, $data: JSON!) {
  submitRequest(municipality: "demo", procedure: $procedure, data: $data) { trackingCode } }`;

/** A one-task procedure whose process carries these Parvis properties. */
const procedure = (id: string, properties: Record<string, string>) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
  id="${id}-definitions" targetNamespace="https://parvis.example/test">
  <bpmn:process id="${id}" isExecutable="true">
    <bpmn:extensionElements><zeebe:properties>
      ${Object.entries(properties)
        .map(([name, value]) => `<zeebe:property name="${name}" value="${value}" />`)
        .join('\n      ')}
    </zeebe:properties></bpmn:extensionElements>
    <bpmn:startEvent id="Received"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="Review" name="Instruire">
      <bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="accueil" /></bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:endEvent id="Decided"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="Received" targetRef="Review" />
    <bpmn:sequenceFlow id="f2" sourceRef="Review" targetRef="Decided" />
  </bpmn:process>
</bpmn:definitions>`;

describe('the acknowledgement’s mentions (CRPA R112-5), in the e-mail and the PDF', () => {
  let parvis: RunningParvis;

  beforeAll(async () => {
    parvis = await startParvis();
    const deploy = (key: string, properties: Record<string, string>) =>
      deployProcedure(
        parvis.sql,
        'demo',
        { key, title: { fr: `Démarche ${key}`, en: `Procedure ${key}` }, bpmn: procedure(key, properties), forms: {} },
        'test',
      );
    await deploy('refus-tacite', { 'sla.businessDays': '10', silence: 'refusal', 'silence.weeks': '6' });
    await deploy('sans-silence', {
      silence: 'none',
      'silence.reason': 'une réclamation n’appelle pas de décision | a complaint calls for no decision',
    });
  });
  afterAll(async () => {
    await parvis?.stop();
  });

  /** Files a request and returns its acknowledgement mail and the text of its PDF. */
  async function acknowledged(procedureKey: string, email: string) {
    const { submitRequest } = await parvis
      .client()
      .data<{ submitRequest: { trackingCode: string } }>(SUBMIT, { procedure: procedureKey, data: { email } });
    const code = submitRequest.trackingCode;
    const mail = await eventually(async () =>
      parvis.smtp.messages().find((m) => m.subject.startsWith('Accusé de réception') && m.subject.includes(code)),
    );
    const url = /(http\S+accuse-de-reception\.pdf\S*)/.exec(mail.text)![1]!;
    const address = new URL(url);
    const response = await fetch(`${parvis.url}${address.pathname}${address.search}`);
    expect(response.status).toBe(200);
    return { mail, pdf: await pdfText(new Uint8Array(await response.arrayBuffer())) };
  }

  it('gives an implicit rejection with its date, its delay in weeks and the appeal routes, in both languages', async () => {
    const { mail, pdf } = await acknowledged('refus-tacite', 'rejet@example.fr');
    // French, in the e-mail
    expect(mail.text).toContain('Délai de traitement : 10 jours ouvrés');
    expect(mail.text).toMatch(
      /Sans réponse de l’administration dans un délai de 6 semaines à compter de la réception de votre demande, soit au \d{1,2} \S+ \d{4}, votre demande sera réputée rejetée\./,
    );
    for (const text of [mail.text, pdf]) {
      expect(text).toContain('par un recours gracieux adressé au maire');
      expect(text).toContain('par un recours contentieux devant le tribunal administratif territorialement compétent');
      expect(text).toContain('« Télérecours citoyens » sur le site www.telerecours.fr');
      expect(text).toContain('à compter de la date à laquelle la décision implicite de rejet est née');
      expect(text).toContain('article L232-4');
    }
    // English, in the e-mail and the PDF
    const english = englishPart(mail.text);
    expect(english).toContain('Processing time: 10 business days');
    expect(english).toMatch(
      /Without an answer within 6 weeks of the receipt of your request, that is by \d{1,2} \S+ \d{4}/,
    );
    for (const text of [english, pdf]) {
      expect(text).toContain('before the competent administrative court (recours contentieux)');
      expect(text).toContain('« Télérecours citoyens » at www.telerecours.fr');
    }
    expect(pdf).toContain('Délai de traitement 10 jours ouvrés');
    expect(pdf).toMatch(
      /dans un délai de 6 semaines à compter de la réception de votre demande, soit au \d{1,2} \S+ \d{4}/,
    );
  });

  it('tells an implicit rejection by e-mail with its appeal routes, in both languages', async () => {
    // given a request whose six weeks pass in seconds (alarms a million times faster than real time)
    process.env.PARVIS_CLOCK_SCALE = '1000000';
    const { submitRequest } = await parvis
      .client()
      .data<{ submitRequest: { trackingCode: string } }>(SUBMIT, {
        procedure: 'refus-tacite',
        data: { email: 'silence@example.fr' },
      })
      .finally(() => {
        delete process.env.PARVIS_CLOCK_SCALE;
      });
    const code = submitRequest.trackingCode;
    // when nobody answers, the citizen is told of the implicit rejection and how to appeal it
    const told = await eventually(
      async () =>
        parvis.smtp.messages().find((m) => m.subject === `Votre demande ${code} : décision implicite de rejet`),
      30_000,
    );
    expect(told.text).toContain('a fait l’objet d’une décision implicite de rejet le');
    expect(told.text).toContain(
      'par un recours contentieux devant le tribunal administratif territorialement compétent',
    );
    expect(told.text).toContain('« Télérecours citoyens » sur le site www.telerecours.fr');
    expect(englishPart(told.text)).toContain('was implicitly refused on');
    expect(englishPart(told.text)).toContain('before the competent administrative court (recours contentieux)');
  });

  it('says that no implicit decision applies, and why, when silence decides nothing', async () => {
    const { mail, pdf } = await acknowledged('sans-silence', 'aucune@example.fr');
    const fr =
      'Aucune décision implicite ne naîtra du silence de l’administration : une réclamation n’appelle pas de décision.';
    expect(mail.text).toContain(fr);
    expect(englishPart(mail.text)).toContain(
      'No implicit decision will arise from the administration’s silence: a complaint calls for no decision.',
    );
    expect(pdf).toContain(fr);
    expect(mail.text).not.toContain('recours');
  });
});

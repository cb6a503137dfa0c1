import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkProcedure } from '@parvis/engine';
import { BpmnModdle } from 'bpmn-moddle';
import { describe, expect, it } from 'vitest';
import zeebe from 'zeebe-bpmn-moddle/resources/zeebe.json';
import { checkModel } from './check-model.ts';

const CONTACT = readFileSync(join(import.meta.dirname, '../../../processes/contact/contact.bpmn'), 'utf8');
const formOf = (file: string) =>
  JSON.parse(readFileSync(join(import.meta.dirname, '../../../processes/contact/forms', file), 'utf8'));
const FORMS = { 'contact-form': formOf('contact-form.form'), 'contact-answer': formOf('contact-answer.form') };
const RECLAMATION = readFileSync(join(import.meta.dirname, '../../../processes/reclamation/reclamation.bpmn'), 'utf8');
const definitions = async (xml: string) => (await new BpmnModdle({ zeebe }).fromXML(xml)).rootElement;

describe('checkModel: what the designer says while the analyst draws', () => {
  it('finds nothing wrong with the shipped contact procedure, checked twice in a row', async () => {
    // given the contact procedure and its forms
    // when it is checked twice (bpmnlint rules remember what they saw)
    await checkModel(CONTACT, FORMS, await definitions(CONTACT));
    const problems = await checkModel(CONTACT, FORMS, await definitions(CONTACT));
    // then there is no problem
    expect(problems).toEqual([]);
  });

  it('names the element of an engine error, with the deploy’s words in French', async () => {
    // given a gateway that leads nowhere
    const xml = CONTACT.replace('</bpmn:process>', '<bpmn:exclusiveGateway id="Gw" /></bpmn:process>');
    // when it is checked
    const problems = await checkModel(xml, FORMS);
    // then the engine's error names the gateway
    expect(problems).toContainEqual(
      expect.objectContaining({
        source: 'engine',
        severity: 'error',
        code: 'GATEWAY_WITHOUT_OUTGOING',
        elementId: 'Gw',
      }),
    );
    expect(problems[0]?.messageFr).toContain('passerelle');
  });

  it('flags a form linked but missing, and a step that leads nowhere', async () => {
    // given a user task with no outgoing flow and a form the version does not ship
    const xml = CONTACT.replace(
      '</bpmn:process>',
      '<bpmn:userTask id="Check"><bpmn:extensionElements><zeebe:formDefinition formId="check-form" /></bpmn:extensionElements></bpmn:userTask></bpmn:process>',
    );
    // when it is checked
    const problems = await checkModel(xml, FORMS, await definitions(xml));
    // then both are on the task
    expect(problems.filter((p) => p.elementId === 'Check').map((p) => p.code)).toEqual(
      expect.arrayContaining(['FORM_MISSING', 'no-implicit-end']),
    );
  });

  it('refuses a timer whose business days are not a number, on the timer', async () => {
    // given the complaint procedure whose escalation waits "dix" business days
    const xml = RECLAMATION.replace('name="timer.businessDays" value="10"', 'name="timer.businessDays" value="dix"');
    // when it is checked
    const problems = await checkModel(xml, {});
    // then the settings error is on the escalation timer, as at publishing
    expect(problems).toContainEqual(
      expect.objectContaining({
        source: 'engine',
        severity: 'error',
        code: 'INVALID_SETTING',
        elementId: 'Sans_Reponse',
      }),
    );
  });

  it('lists what is wrong with a file that is not BPMN, rather than throwing', async () => {
    const problems = await checkModel('ceci n’est pas du BPMN', {});
    expect(problems).toEqual([expect.objectContaining({ code: 'XML_SYNTAX', severity: 'error' })]);
  });
});

describe('checkModel shows what publishing refuses', () => {
  // The broken procedure publishing and deploying are checked on (test/integration/model-check.test.ts).
  const dir = join(import.meta.dirname, '../../../test/fixtures/broken-procedure');
  const read = (file: string) => readFileSync(join(dir, file), 'utf8');
  const bpmn = read('broken.bpmn');
  const forms = { 'request-form': JSON.parse(read('request-form.form')) };
  const fees = { name: 'fees.dmn', xml: read('fees.dmn') };

  it('names the bad FEEL of a DMN file, a bad form pattern and a form key that links no form, as the engine’s check does', async () => {
    for (const decisions of [[fees], [{ ...fees, xml: fees.xml.replace('&gt;&gt; "x" &lt;', '-') }]]) {
      // given the broken procedure, with its DMN file broken then fixed
      const checked = await checkProcedure({ bpmn, forms, decisions, texts: {} });
      // when the designer checks it
      const problems = await checkModel(bpmn, forms, undefined, { decisions, texts: {} });
      // then it shows every problem publishing refuses on, as errors, with their locations
      expect(checked.ok).toBe(false);
      expect(problems).toEqual(
        checked.ok ? [] : checked.errors.map((p) => ({ source: 'engine', severity: 'error', ...p })),
      );
    }
    const shown = await checkModel(bpmn, forms, undefined, { decisions: [fees] });
    expect(shown.map((p) => [p.code, p.file ?? p.elementId, p.field])).toEqual([
      ['INVALID_EXPRESSION', 'fees.dmn', undefined],
      ['FORM_INVALID', 'request-form', '"plate"'],
    ]);
  });
});

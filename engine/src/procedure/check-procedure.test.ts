import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkProcedure } from './check-procedure.ts';

// The broken procedure the designer, publishing and deploying are checked on alike (test/fixtures).
const DIR = join(import.meta.dirname, '../../../test/fixtures/broken-procedure');
const read = (file: string) => readFileSync(join(DIR, file), 'utf8');
const BPMN = read('broken.bpmn');
const FORMS = { 'request-form': JSON.parse(read('request-form.form')) };
const BAD_DMN = { name: 'fees.dmn', xml: read('fees.dmn') };
const GOOD_DMN = { name: 'fees.dmn', xml: BAD_DMN.xml.replace('&gt;&gt; "x" &lt;', '-') };
const GOOD_FORM = {
  'request-form': {
    ...FORMS['request-form'],
    components: [{ id: 'F', key: 'plate', type: 'textfield', label: 'Plaque' }],
  },
};

describe('checkProcedure: one check for the designer, publishing and deploying', () => {
  it('names the DMN file and decision of bad FEEL, and the form and field of a bad pattern, even when the model does not compile', async () => {
    // given the broken procedure: bad FEEL in its DMN, a pattern that is no regular expression
    // when it is checked
    const checked = await checkProcedure({ bpmn: BPMN, forms: FORMS, decisions: [BAD_DMN], texts: {} });
    // then both problems are told at once, with their locations
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.errors).toEqual([
      expect.objectContaining({ code: 'INVALID_EXPRESSION', file: 'fees.dmn', elementId: 'fee' }),
      expect.objectContaining({ code: 'FORM_INVALID', elementId: 'request-form', field: '"plate"' }),
    ]);
  });

  it('names the task whose form key links no form once the decisions compile', async () => {
    const checked = await checkProcedure({ bpmn: BPMN, forms: FORMS, decisions: [GOOD_DMN] });
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.errors.map((p) => [p.code, p.elementId])).toEqual([
      ['FORM_MISSING', 'Review'],
      ['FORM_INVALID', 'request-form'],
    ]);
  });

  it('refuses a called decision no DMN file defines, and bad texts, naming them', async () => {
    const checked = await checkProcedure({ bpmn: BPMN, forms: FORMS, texts: { reminder: {} } });
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.errors).toContainEqual(expect.objectContaining({ elementId: 'Rate' }));
    expect(checked.errors).toContainEqual(expect.objectContaining({ code: 'TEXTS_INVALID' }));
  });

  it('gives the compiled model and the forms it runs with when nothing is wrong, embedded forms included', async () => {
    // given the procedure fixed, its review step's form embedded in the model
    const embedded = BPMN.replace(
      '<zeebe:formDefinition formId="review-form" />',
      '<zeebe:formDefinition formKey="camunda-forms:bpmn:review-form" />',
    ).replace(
      '<bpmn:startEvent id="Start"',
      `<bpmn:extensionElements><zeebe:userTaskForm id="review-form">{"components":[{"key":"ok","type":"checkbox","label":"OK"}]}</zeebe:userTaskForm></bpmn:extensionElements><bpmn:startEvent id="Start"`,
    );
    // when it is checked
    const checked = await checkProcedure({ bpmn: embedded, forms: GOOD_FORM, decisions: [GOOD_DMN], texts: {} });
    // then it compiles with its decision, and runs with both forms
    if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
    expect(checked.ir.processId).toBe('broken');
    expect(Object.keys(checked.forms).sort()).toEqual(expect.arrayContaining(['request-form']));
    expect(Object.keys(checked.forms).length).toBe(2);
  });
});

import { describe, expect, it } from 'vitest';
import { bpmn, chain, compiled, T0 } from '../../test-fixtures/bpmn.ts';
import { formProblems, missingFormProblems, withEmbeddedForms } from '../procedure/linked-forms.ts';
import { start } from '../runtime/interpreter.ts';
import { compile } from './compile.ts';

const formJson = (components: unknown[]) =>
  JSON.stringify({ type: 'default', id: 'review', components }).replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** A process whose extension elements embed forms, as Camunda Modeler writes them for Camunda 8. */
function withForms(forms: Record<string, string>, content: string): string {
  const embedded = Object.entries(forms)
    .map(([id, json]) => `<zeebe:userTaskForm id="${id}">${json}</zeebe:userTaskForm>`)
    .join('');
  return bpmn(`<bpmn:extensionElements>${embedded}</bpmn:extensionElements>${content}`);
}

const userTask = (id: string, definition: string) =>
  `<bpmn:userTask id="${id}"><bpmn:extensionElements><zeebe:formDefinition ${definition} /></bpmn:extensionElements></bpmn:userTask>`;

describe('forms embedded in the model (zeebe:userTaskForm)', () => {
  it('run like linked forms: the IR carries them by form key, and the task opens with that key', async () => {
    // given
    const xml = withForms(
      { review: formJson([{ type: 'checkbox', key: 'approved', label: 'Approved' }]) },
      `<bpmn:startEvent id="start" />${userTask('check', 'formKey="camunda-forms:bpmn:review"')}${chain(['start', 'check'])}`,
    );
    // when
    const ir = await compiled(xml);
    const step = start(ir, { time: T0 });
    // then
    expect(step.commands).toMatchObject([
      { type: 'openTask', elementId: 'check', formKey: 'camunda-forms:bpmn:review' },
    ]);
    const forms = withEmbeddedForms(ir, { other: { components: [] } });
    expect(Object.keys(forms)).toEqual(['other', 'camunda-forms:bpmn:review']);
    expect(forms['camunda-forms:bpmn:review']).toMatchObject({ components: [{ key: 'approved' }] });
    expect(missingFormProblems(ir, {})).toEqual([]);
  });

  it('a form key that names no embedded form is refused, naming the task', async () => {
    // given
    const xml = withForms(
      {},
      `<bpmn:startEvent id="start" />${userTask('check', 'formKey="camunda-forms:bpmn:nowhere"')}${chain(['start', 'check'])}`,
    );
    // when
    const result = await compile(xml);
    // then
    expect(!result.ok && result.errors).toEqual([
      expect.objectContaining({
        code: 'FORM_MISSING',
        elementId: 'check',
        message: expect.stringContaining('"camunda-forms:bpmn:nowhere"'),
      }),
    ]);
  });

  it('an embedded form whose schema is wrong is refused, naming the form and the field', async () => {
    // given
    const xml = withForms(
      { review: formJson([{ type: 'textfield', key: 'zip', validate: { pattern: '(' } }]) },
      `<bpmn:startEvent id="start" />${userTask('check', 'formKey="camunda-forms:bpmn:review"')}${chain(['start', 'check'])}`,
    );
    // when
    const result = await compile(xml);
    // then
    expect(!result.ok && result.errors).toEqual([
      expect.objectContaining({
        code: 'FORM_INVALID',
        elementId: 'camunda-forms:bpmn:review',
        field: '"zip"',
        message: expect.stringContaining('its pattern "(" is not a regular expression'),
      }),
    ]);
  });

  it('a form id or key naming no shipped form is a problem naming the task; shipped schemas are checked too', async () => {
    // given
    const ir = await compiled(
      bpmn(
        `<bpmn:startEvent id="start" />${userTask('a', 'formId="review-form"')}${userTask('b', 'formKey="decision-form"')}${chain(['start', 'a', 'b'])}`,
      ),
    );
    // when
    const missing = missingFormProblems(ir, {});
    const all = formProblems(ir, {
      'review-form': { components: [{ type: 'slider', key: 'x' }] },
      'decision-form': { components: [] },
    });
    // then
    expect(missing.map((problem) => [problem.code, problem.elementId])).toEqual([
      ['FORM_MISSING', 'a'],
      ['FORM_MISSING', 'b'],
    ]);
    expect(all).toEqual([expect.objectContaining({ code: 'FORM_INVALID', elementId: 'review-form', field: '"x"' })]);
  });
});

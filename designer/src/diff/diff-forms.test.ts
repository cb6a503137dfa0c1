import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffForms } from './diff-forms.ts';

const read = (name: string) =>
  JSON.parse(readFileSync(join(import.meta.dirname, `../../../processes/contact/forms/${name}.form`), 'utf8')) as {
    components: Record<string, unknown>[];
  };
const VERSION_1 = { 'contact-form': read('contact-form'), 'contact-answer': read('contact-answer') };

describe('diffForms: what changed in the forms between two versions', () => {
  it('finds no difference between identical forms', () => {
    expect(diffForms(VERSION_1, structuredClone(VERSION_1))).toEqual({ added: [], removed: [], changed: [] });
  });

  it('lists forms added and removed, and per form the fields added, removed or changed', () => {
    // given version 2 where the analyst reworded and relaxed the subject, dropped the message,
    // added a phone number inside a group, removed the answer form and added a review form
    const form = structuredClone(VERSION_1['contact-form']);
    form.components = [
      { ...form.components[0], label: 'Objet', validate: {} },
      form.components[2]!,
      {
        type: 'group',
        label: 'Pour vous joindre',
        components: [{ key: 'phone', type: 'textfield', label: 'Téléphone' }],
      },
    ];
    const version2 = {
      'contact-form': form,
      'contact-review': { components: [{ key: 'approved', type: 'checkbox', label: 'Réponse relue' }] },
    };
    // then the diff says so, field by field
    expect(diffForms(VERSION_1, version2)).toEqual({
      added: ['contact-review'],
      removed: ['contact-answer'],
      changed: [
        {
          formId: 'contact-form',
          fields: [
            {
              key: 'subject',
              kind: 'changed',
              before: { label: 'Objet de votre demande', type: 'textfield', required: true },
              after: { label: 'Objet', type: 'textfield', required: false },
              changed: ['label', 'required'],
            },
            { key: 'phone', kind: 'added', after: { label: 'Téléphone', type: 'textfield', required: false } },
            { key: 'message', kind: 'removed', before: { label: 'Votre message', type: 'textarea', required: true } },
          ],
        },
      ],
    });
  });

  it('sees a field whose type changed', () => {
    const form = structuredClone(VERSION_1['contact-form']);
    form.components[1] = { ...form.components[1], type: 'textfield' };
    const [change] = diffForms(VERSION_1, { ...VERSION_1, 'contact-form': form }).changed;
    expect(change?.fields).toEqual([expect.objectContaining({ key: 'message', kind: 'changed', changed: ['type'] })]);
  });
});

import { describe, expect, it } from 'vitest';
import { filePickerFields, fileReferences } from './file-references.ts';
import type { FormComponent, FormSchema } from './schema.ts';
import { type FormValidation, validateForm } from './validate-form.ts';

const form = (...components: FormComponent[]): FormSchema => ({ type: 'default', components });
const ID_1 = '0b6f1c5e-3f7a-4c1e-9d2a-7e8b9c0d1e2f';
const ID_2 = '5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d';

const photos = (extra: Partial<FormComponent> = {}): FormComponent => ({
  type: 'filepicker',
  key: 'photos',
  label: 'Photos',
  accept: 'image/*',
  ...extra,
});

function failures(result: FormValidation) {
  return result.ok ? [] : result.errors.map(({ field, code }) => `${field}:${code}`);
}

describe('filepicker fields', () => {
  it('take the ids of uploaded files, as many as the field allows', () => {
    // a single-file field takes one id
    expect(validateForm(form(photos()), { photos: [ID_1] })).toEqual({ ok: true, data: { photos: [ID_1] } });
    // and refuses two, saying so
    const two = validateForm(form(photos()), { photos: [ID_1, ID_2] });
    expect(failures(two)).toEqual(['photos:tooManyFiles']);
    expect(two.ok ? undefined : two.errors[0]?.message.fr).toBe('Joignez un seul fichier.');
    // a multiple one takes both, the same file once
    expect(validateForm(form(photos({ multiple: true })), { photos: [ID_1, ID_2, ID_1.toUpperCase()] })).toEqual({
      ok: true,
      data: { photos: [ID_1, ID_2] },
    });
    // multiple may be an expression
    const byExpression = form({ type: 'checkbox', key: 'many' }, photos({ multiple: '=many' }));
    expect(validateForm(byExpression, { many: true, photos: [ID_1, ID_2] }).ok).toBe(true);
    expect(failures(validateForm(byExpression, { many: false, photos: [ID_1, ID_2] }))).toEqual([
      'photos:tooManyFiles',
    ]);
  });

  it('refuse what is not a list of upload ids: a file name, form-js’s browser-side key, an object', () => {
    for (const value of ['photo.jpg', 'files::1', [{ id: ID_1 }], ['../../etc/passwd'], 42]) {
      expect(failures(validateForm(form(photos()), { photos: value }))).toEqual(['photos:invalidFiles']);
    }
  });

  it('are empty without a file, and required says so', () => {
    expect(validateForm(form(photos()), { photos: [] })).toEqual({ ok: true, data: { photos: null } });
    expect(validateForm(form(photos()), {})).toEqual({ ok: true, data: { photos: null } });
    expect(failures(validateForm(form(photos({ validate: { required: true } })), { photos: [] }))).toEqual([
      'photos:required',
    ]);
  });

  it('name the files a submission references, field by field, repetitions included', () => {
    // given a form with a picker at the top and one in each row of a list
    const schema = form(photos({ multiple: true }), {
      type: 'dynamiclist',
      path: 'children',
      isRepeating: true,
      components: [{ type: 'filepicker', key: 'certificate', accept: '.pdf' }],
    });
    // then the pickers are known before anything is sent, with what they accept
    expect(filePickerFields(schema)).toEqual([
      { field: 'photos', accept: 'image/*', label: 'Photos' },
      { field: 'children[].certificate', accept: '.pdf' },
    ]);
    // and a validated submission names each file where it sits
    const result = validateForm(schema, { photos: [ID_1], children: [{ certificate: null }, { certificate: [ID_2] }] });
    expect(result.ok).toBe(true);
    expect(fileReferences(schema, result.ok ? result.data : {})).toEqual([
      { field: 'photos', path: 'photos', ids: [ID_1] },
      { field: 'children[].certificate', path: 'children[1].certificate', ids: [ID_2] },
    ]);
  });
});

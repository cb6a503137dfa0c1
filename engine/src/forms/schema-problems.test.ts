import { describe, expect, it } from 'vitest';
import { contactForm } from './fixtures/contact-form.ts';
import { reportForm } from './fixtures/report-form.ts';
import { schoolRegistrationForm } from './fixtures/school-registration-form.ts';
import { formSchemaProblems } from './schema-problems.ts';

describe('checking a form schema before it is deployed', () => {
  it('finds nothing wrong with sound forms', () => {
    for (const form of [contactForm, reportForm, schoolRegistrationForm]) {
      expect(formSchemaProblems('form', form)).toEqual([]);
    }
  });

  it('names the form and the field of each problem: unknown type, missing key, bad pattern, bad FEEL, limits that are not numbers', () => {
    // given
    const schema = {
      type: 'default',
      components: [
        { type: 'textfeild', key: 'name' },
        { type: 'textfield', label: 'No key' },
        { type: 'textfield', key: 'zip', validate: { pattern: '[0-9{5}' } },
        { type: 'number', key: 'age', validate: { min: 'eighteen', max: '=limit +* 2' } },
        { type: 'textfield', key: 'spouse', conditional: { hide: '=married and (' } },
        { type: 'expression', key: 'total', expression: '=sum(' },
        { type: 'group', path: 'address', components: [{ type: 'select', key: 'city', valuesExpression: '=[' }] },
        { type: 'dynamiclist', path: 'children' },
      ],
    };
    // when
    const problems = formSchemaProblems('request-form', schema);
    // then
    expect(problems.map((problem) => problem.field)).toEqual([
      '"name"',
      '"#2 (textfield)"',
      '"zip"',
      '"age"',
      '"age"',
      '"spouse"',
      '"total"',
      '"address.city"',
      '"children"',
    ]);
    expect(problems.map((problem) => problem.message)).toEqual([
      expect.stringMatching(/^Form "request-form", field "name": its type "textfeild" is not a form-js field type/),
      expect.stringContaining('a textfield field needs a key'),
      expect.stringContaining('its pattern "[0-9{5}" is not a regular expression'),
      expect.stringContaining('its max =limit +* 2 is not valid FEEL'),
      expect.stringContaining('its min "eighteen" is not a number'),
      expect.stringContaining('its hide condition =married and ( is not valid FEEL'),
      expect.stringContaining('its expression =sum( is not valid FEEL'),
      expect.stringContaining('its valuesExpression =[ is not valid FEEL'),
      expect.stringContaining('the dynamiclist has no list of components'),
    ]);
    for (const problem of problems) {
      expect(problem).toMatchObject({ code: 'FORM_INVALID', elementId: 'request-form', elementType: 'form' });
      expect(problem.messageFr).toMatch(/^Formulaire « request-form », champ /);
    }
  });

  it('refuses a key or a path that is not text (the submission would crash on it)', () => {
    // given: found by the fuzz tests
    const schema = { components: [{ type: 'group', id: 'location', path: {}, components: [] }] };
    // when / then
    expect(formSchemaProblems('f', schema)).toMatchObject([
      { code: 'FORM_INVALID', field: '"location"', message: expect.stringContaining('its path {} is not text') },
    ]);
  });

  it('refuses what is not a form at all', () => {
    expect(formSchemaProblems('f', { type: 'default' })).toMatchObject([{ code: 'FORM_INVALID', elementId: 'f' }]);
    expect(formSchemaProblems('f', 'text')).toHaveLength(1);
    expect(formSchemaProblems('f', { components: [null, 3] })).toHaveLength(2);
  });

  it('accepts hide conditions written as unary tests, as form-js reads them', () => {
    const schema = { components: [{ type: 'textfield', key: 'a', conditional: { hide: '=> 3' } }] };
    expect(formSchemaProblems('f', schema)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { reportForm } from './fixtures/report-form.ts';
import { schoolRegistrationForm } from './fixtures/school-registration-form.ts';
import { formFields } from './form-fields.ts';

describe('formFields', () => {
  it('lists the input fields of a form with their labels, group paths included', () => {
    // given
    const schema = reportForm;

    // when
    const fields = formFields(schema);

    // then
    expect(fields).toEqual([
      { field: 'category', type: 'radio', label: 'Catégorie' },
      { field: 'otherCategory', type: 'textfield', label: 'Précisez la catégorie' },
      { field: 'description', type: 'textarea', label: 'Description du problème' },
      { field: 'location.street', type: 'textfield', label: 'Adresse' },
      { field: 'location.postalCode', type: 'textfield', label: 'Code postal' },
      { field: 'location.city', type: 'textfield', label: 'Commune' },
      { field: 'seenOn', type: 'datetime', label: 'Constaté le' },
      { field: 'dangerous', type: 'checkbox', label: 'Le problème présente un danger immédiat' },
      { field: 'photo', type: 'filepicker', label: 'Photo' },
      { field: 'priority', type: 'expression' },
    ]);
  });

  it('marks the fields repeated in a dynamic list', () => {
    // given
    const schema = schoolRegistrationForm;

    // when
    const fields = formFields(schema).map(({ field }) => field);

    // then
    expect(fields).toEqual([
      'guardian.name',
      'guardian.phone',
      'daysPerWeek',
      'children[].name',
      'children[].birthDate',
      'children[].schoolClass',
      'children[].diet',
      'children[].allergy',
      'activities',
      'childCount',
    ]);
  });
});

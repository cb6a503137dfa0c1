import type { FormComponent } from '@parvis/engine';
import { describe, expect, it } from 'vitest';
import { submittedFields } from './submitted-fields.ts';

const form: { components: FormComponent[] } = {
  components: [
    { id: 'f1', key: 'subject', type: 'textfield', label: 'Objet' },
    { id: 'f2', key: 'urgent', type: 'checkbox', label: 'Urgent' },
    { id: 'f3', key: 'amount', type: 'number', label: 'Montant' },
    { id: 'f4', key: 'comment', type: 'textarea', label: 'Commentaire' },
    {
      id: 'g1',
      type: 'group',
      path: 'address',
      components: [{ id: 'f5', key: 'city', type: 'textfield', label: 'Commune' }],
    },
    {
      id: 'l1',
      type: 'dynamiclist',
      path: 'children',
      isRepeating: true,
      components: [{ id: 'f6', key: 'name', type: 'textfield', label: 'Prénom' }],
    },
    { id: 'f7', key: 'days', type: 'checklist', label: 'Jours' },
    {
      id: 'f8',
      key: 'categorie',
      type: 'select',
      label: 'Type de problème',
      values: [{ label: 'Nid-de-poule, chaussée ou trottoir abîmé', value: 'chaussee' }],
    },
    { id: 'f9', key: 'dateDebut', type: 'datetime', subtype: 'date', dateLabel: 'Du' },
  ] as FormComponent[],
};

describe('submittedFields', () => {
  it('lists what was submitted with the form labels, in reading order, one line per list row', () => {
    // given
    const data = {
      subject: 'Cantine',
      urgent: true,
      amount: 1250.5,
      comment: '  ',
      address: { city: 'Démoville' },
      children: [{ name: 'Léa' }, { name: 'Paul' }],
      days: ['lundi', 'jeudi'],
      categorie: 'chaussee',
      dateDebut: '2026-05-01',
    };

    // when
    const fields = submittedFields(form, data);

    // then
    expect(fields).toEqual([
      { label: 'Objet', value: 'Cantine' },
      { label: 'Urgent', value: 'Oui / Yes' },
      { label: 'Montant', value: '1\u202f250,5' },
      { label: 'Commune', value: 'Démoville' },
      { label: 'Prénom (1)', value: 'Léa' },
      { label: 'Prénom (2)', value: 'Paul' },
      { label: 'Jours', value: 'lundi, jeudi' },
      // words, not codes: the option's label, the date in words in both languages
      { label: 'Type de problème', value: 'Nid-de-poule, chaussée ou trottoir abîmé' },
      { label: 'Du', value: '1 mai 2026 / 1 May 2026' },
    ]);
  });

  it('uses the data keys as labels when the procedure has no start form', () => {
    expect(submittedFields(undefined, { subject: 'Bruit', nights: 3 })).toEqual([
      { label: 'subject', value: 'Bruit' },
      { label: 'nights', value: '3' },
    ]);
  });
});

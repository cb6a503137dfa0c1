import { describe, expect, it } from 'vitest';
import { dataFields } from './data-categories.ts';

describe('categories of personal data a form asks for', () => {
  it('sorts each field by type and key, and opens groups', () => {
    // given a form like the crèche's, with a group
    const form = {
      components: [
        { type: 'textfield', key: 'nomEnfant', label: "Nom de l'enfant" },
        { type: 'textfield', key: 'phone', label: 'Téléphone' },
        { type: 'number', key: 'revenusAnnuels', label: 'Revenus annuels' },
        { type: 'filepicker', key: 'avisImposition', label: "Avis d'imposition" },
        { type: 'group', label: 'Lieu', components: [{ type: 'textfield', key: 'adresse', label: 'Adresse' }] },
        { type: 'textarea', key: 'message', label: 'Votre message' },
        { type: 'select', key: 'etablissement', label: 'Établissement' },
        { type: 'text', text: 'Explications' },
      ],
    };
    // then
    expect(dataFields(form).map((f) => [f.key, f.category])).toEqual([
      ['nomEnfant', 'identity'],
      ['phone', 'contact'],
      ['revenusAnnuels', 'economic'],
      ['avisImposition', 'documents'],
      ['adresse', 'location'],
      ['message', 'freeText'],
      ['etablissement', 'request'],
    ]);
  });

  it('finds nothing in a procedure without a form', () => {
    expect(dataFields(undefined)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import type { ProcedureVersionRow } from '../procedures/repository.ts';
import { attributesOf, looseKeys, readAttributes, STANDARD_KEYS } from './services.ts';

const version = {
  procedure_key: 'signalement',
  ir: { startFormId: 'form' },
  forms: {
    form: {
      components: [
        {
          key: 'categorie',
          type: 'select',
          label: 'Catégorie',
          validate: { required: true },
          values: [
            { value: 'tag', label: 'Tag' },
            { value: 'trou', label: 'Trou' },
          ],
        },
        { key: 'message', type: 'textarea', validate: { required: true, minLength: 10 } },
        { key: 'email', type: 'textfield', validate: { required: true } },
        {
          type: 'group',
          components: [{ key: 'largeur', type: 'number', label: 'Largeur (m)', validate: { min: 0, max: 20 } }],
        },
        {
          type: 'group',
          path: 'constat',
          components: [{ key: 'croquis', type: 'filepicker', validate: { required: true } }],
        },
        { key: 'urgent', type: 'checkbox', label: 'Urgent' },
        { key: 'photos', type: 'filepicker' },
        {
          key: 'lieux',
          type: 'checklist',
          values: [
            { value: 'rue', label: 'Rue' },
            { value: 'parc', label: 'Parc' },
          ],
        },
      ],
    },
  },
} as unknown as ProcedureVersionRow;

describe('services: attributes of a start form, and posted attribute values', () => {
  it('lists each field a client sends, not those GeoReport fills itself nor files, with datatype, limits and values', () => {
    const attributes = attributesOf(version);
    expect(attributes.map((a) => [a.code, a.datatype, a.required, a.order])).toEqual([
      ['categorie', 'singlevaluelist', true, 1],
      ['largeur', 'number', false, 2],
      ['urgent', 'singlevaluelist', false, 3],
      ['lieux', 'multivaluelist', false, 4],
    ]);
    expect(attributes[0]!.values).toEqual([
      { key: 'tag', name: 'Tag' },
      { key: 'trou', name: 'Trou' },
    ]);
    expect(attributes[1]!.datatype_description).toBe('0 … 20');
  });

  it('reads values by datatype and refuses an unknown code or a value not allowed, naming the attribute', () => {
    const attributes = attributesOf(version);
    expect(
      readAttributes(attributes, { categorie: 'tag', largeur: '2.5', urgent: 'true', lieux: ['rue', 'parc'] }),
    ).toEqual({ categorie: 'tag', largeur: 2.5, urgent: true, lieux: ['rue', 'parc'] });
    expect(() => readAttributes(attributes, { categorie: 'volcan' })).toThrow(
      'attribute[categorie]: "volcan" is not an allowed value (tag, trou)',
    );
    expect(() => readAttributes(attributes, { largeur: 'large' })).toThrow('attribute[largeur]');
    expect(() => readAttributes(attributes, { lieux: ['rue', 'mer'] })).toThrow('attribute[lieux]: "mer"');
    expect(() => readAttributes(attributes, { couleur: 'rouge' })).toThrow(
      'attribute[couleur]: this service has no such attribute',
    );
  });

  it("lifts the rules of file fields wherever they stand, a group's path before their key (an app sends its photo as media)", () => {
    expect(looseKeys(version)).toEqual([...STANDARD_KEYS, 'constat.croquis', 'photos']);
  });
});

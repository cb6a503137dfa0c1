import { describe, expect, it } from 'vitest';
import type { FormComponent, FormSchema } from './schema.ts';
import { type FormValidation, validateForm } from './validate-form.ts';

const number = (key: string, required = false): FormComponent => ({
  type: 'number',
  key,
  label: key,
  ...(required ? { validate: { required: true } } : {}),
});

/** The place of a report: a plain group of latitude, longitude and address, as the form-js editor draws it. */
const placeGroup = (extra: Partial<FormComponent> = {}, required = false): FormComponent => ({
  type: 'group',
  id: 'Group_place',
  label: 'Lieu',
  components: [
    number('latitude', required),
    number('longitude', required),
    { type: 'textfield', key: 'address', label: 'Adresse' },
  ],
  ...extra,
});

const form = (...components: FormComponent[]): FormSchema => ({ type: 'default', components });

function failures(result: FormValidation) {
  return result.ok ? [] : result.errors.map(({ field, code }) => `${field}:${code}`);
}

describe('a place asked on a map', () => {
  it('keeps the point and the address at the top level, where the dashboard and Open311 read them', () => {
    // given
    const data = { latitude: 48.8566, longitude: 2.3522, address: 'Parvis de la mairie' };

    // when
    const result = validateForm(form(placeGroup()), data);

    // then
    expect(result).toEqual({ ok: true, data });
  });

  it('keeps it under the group’s path when the group has one', () => {
    // when
    const result = validateForm(form(placeGroup({ path: 'place' })), {
      place: { latitude: '45.75', longitude: 4.85 },
    });

    // then
    expect(result).toEqual({ ok: true, data: { place: { latitude: 45.75, longitude: 4.85, address: '' } } });
  });

  it('refuses a latitude or a longitude off the globe, in words, even with no min or max on the fields', () => {
    // when
    const result = validateForm(form(placeGroup()), { latitude: 91, longitude: -180.5 });

    // then
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          field: 'latitude',
          code: 'latitudeRange',
          message: {
            fr: 'La latitude doit être comprise entre -90 et 90 degrés.',
            en: 'The latitude must be between -90 and 90 degrees.',
          },
        },
        {
          field: 'longitude',
          code: 'longitudeRange',
          message: {
            fr: 'La longitude doit être comprise entre -180 et 180 degrés.',
            en: 'The longitude must be between -180 and 180 degrees.',
          },
        },
      ],
    });
  });

  it('accepts the very edges of the globe', () => {
    expect(validateForm(form(placeGroup()), { latitude: -90, longitude: 180 }).ok).toBe(true);
  });

  it('refuses half a place and names the missing coordinate', () => {
    // when
    const result = validateForm(form(placeGroup()), { latitude: 48.85, address: 'Rue de la Gare' });

    // then
    expect(result.ok).toBe(false);
    expect(result.ok || result.errors).toEqual([
      {
        field: 'longitude',
        code: 'placeIncomplete',
        message: {
          fr: 'Indiquez aussi la longitude : un lieu a une latitude et une longitude (placez-le sur la carte).',
          en: 'Give the longitude too: a place has a latitude and a longitude (put it on the map).',
        },
      },
    ]);
  });

  it('names the path of a place kept under the group’s path', () => {
    expect(failures(validateForm(form(placeGroup({ path: 'place' })), { place: { longitude: 2.35 } }))).toEqual([
      'place.latitude:placeIncomplete',
    ]);
  });

  it('lets an optional place be left out, and requires both coordinates when the fields are required', () => {
    expect(validateForm(form(placeGroup()), { address: 'Place du marché' }).ok).toBe(true);
    expect(failures(validateForm(form(placeGroup({}, true)), { address: 'Place du marché' }))).toEqual([
      'latitude:required',
      'longitude:required',
    ]);
  });

  it('says "not a number" once, not also that the place is off the globe', () => {
    expect(failures(validateForm(form(placeGroup()), { latitude: 'au nord', longitude: 2.35 }))).toEqual([
      'latitude:notANumber',
    ]);
  });

  it('keeps the analyst’s own bounds as the one message when they are narrower', () => {
    // given a place that must be in town
    const inTown = placeGroup();
    inTown.components![0]!.validate = { min: 48.8, max: 48.9 };

    // then a point elsewhere gets the field's own message only
    expect(failures(validateForm(form(inTown), { latitude: 95, longitude: 2.35 }))).toEqual(['latitude:max']);
  });

  it('does not check a hidden place', () => {
    // given
    const hidden = placeGroup({ conditional: { hide: '=onSite' } });

    // when
    const result = validateForm(form({ type: 'checkbox', key: 'onSite', label: 'Sur place' }, hidden), {
      onSite: true,
      latitude: 500,
    });

    // then
    expect(result).toEqual({ ok: true, data: { onSite: true } });
  });

  it('treats a group without both coordinates as an ordinary group', () => {
    // given a group with a latitude alone
    const notAPlace: FormComponent = { type: 'group', components: [number('latitude')] };

    // then it is checked by the field's own rules only
    expect(validateForm(form(notAPlace), { latitude: 120 }).ok).toBe(true);
  });
});

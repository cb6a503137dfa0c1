import { describe, expect, it } from 'vitest';
import { reportForm } from './fixtures/report-form.ts';
import { dateInWords, datesInText, fieldByKey, moneyInWords, placeInWords, valueInWords } from './words.ts';

const category = {
  type: 'select',
  key: 'categorie',
  values: [
    { label: 'Nid-de-poule, chaussée ou trottoir abîmé', value: 'chaussee' },
    { label: 'Tag ou graffiti', value: 'tag' },
  ],
};

describe('values in words', () => {
  it('gives an option its label, not its key, in both languages', () => {
    // given a select field and the key a citizen chose
    // when it is put in words
    // then the label shows, whatever the language (forms are worded once)
    expect(valueInWords('chaussee', category, 'fr')).toBe('Nid-de-poule, chaussée ou trottoir abîmé');
    expect(valueInWords(['chaussee', 'tag'], category, 'en')).toBe(
      'Nid-de-poule, chaussée ou trottoir abîmé, Tag ou graffiti',
    );
    // and a key no option has stays as it is
    expect(valueInWords('autre', category, 'fr')).toBe('autre');
  });

  it('writes dates in the words of each language, a calendar date staying that day', () => {
    const dateField = { type: 'datetime', subtype: 'date' as const, key: 'dateIntervention' };
    expect(valueInWords('2026-03-02', dateField, 'fr')).toBe('2 mars 2026');
    expect(valueInWords('2026-03-02', dateField, 'en')).toBe('2 March 2026');
    // an instant is read in the town's time zone: 23:30 UTC is already the next day in Paris
    expect(dateInWords('2026-12-06T23:30:00Z', 'fr', 'Europe/Paris')).toBe('7 décembre 2026');
    expect(dateInWords('2026-12-06T23:30:00Z', 'en', 'Europe/Paris')).toBe('7 December 2026');
  });

  it('puts the ISO dates FEEL joined into a sentence in words, and nothing else', () => {
    expect(datesInText('Une place à compter du 2026-09-01, 3 jours par semaine.', 'fr')).toBe(
      'Une place à compter du 1 septembre 2026, 3 jours par semaine.',
    );
    expect(datesInText('From 2026-09-01 to 2026-09-30.', 'en')).toBe('From 1 September 2026 to 30 September 2026.');
    expect(datesInText('Délibération 2026-045, instant 2026-09-01T08:00:00Z', 'fr')).toBe(
      'Délibération 2026-045, instant 2026-09-01T08:00:00Z',
    );
  });

  it('says yes or no, and numbers with the language’s separators', () => {
    expect(valueInWords(true, { type: 'checkbox' }, 'fr')).toBe('oui');
    expect(valueInWords(false, { type: 'checkbox' }, 'en')).toBe('no');
    expect(valueInWords(1234.5, { type: 'number' }, 'fr')).toBe('1\u202f234,5');
    expect(valueInWords(1234.5, { type: 'number' }, 'en')).toBe('1,234.5');
  });

  it('writes an amount of money with its currency as each language does, cents only when there are some', () => {
    expect(moneyInWords(1098, 'fr')).toBe('1\u202f098\u00a0€');
    expect(moneyInWords(1098, 'en')).toBe('€1,098');
    expect(moneyInWords(22.5, 'fr')).toBe('22,50\u00a0€');
    expect(moneyInWords(22.5, 'en')).toBe('€22.50');
  });

  it('gives a place as its address, else its position in words, never raw coordinates', () => {
    expect(placeInWords({ address: ' 12 rue de la Gare ', latitude: 48.8566, longitude: 2.3522 }, 'fr')).toBe(
      '12 rue de la Gare',
    );
    expect(placeInWords({ address: '', latitude: 48.8566, longitude: 2.3522 }, 'fr')).toBe(
      'près de 48,8566° N, 2,3522° E',
    );
    expect(placeInWords({ latitude: -33.86785, longitude: -70.5 }, 'en')).toBe('near 33.8679° S, 70.5000° W');
    expect(placeInWords({}, 'en')).toBe('');
  });

  it('finds a field by its key in any form, inside a group that keeps its values at the top level', () => {
    const place = { type: 'group', components: [{ type: 'number', key: 'latitude' }] };
    expect(fieldByKey([undefined, { components: [place] }], 'latitude')?.type).toBe('number');
    // a group with a path nests its values: its fields are not top-level keys
    expect(fieldByKey([reportForm], 'latitude')).toBeUndefined();
    expect(fieldByKey([reportForm], 'category')?.type).toBe('radio');
  });
});

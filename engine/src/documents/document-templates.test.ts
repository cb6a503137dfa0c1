import { describe, expect, it } from 'vitest';
import { checkDocumentData, isDocumentTemplate } from './document-templates.ts';

const problems = (template: Parameters<typeof checkDocumentData>[0], variables: Record<string, unknown>) => {
  const check = checkDocumentData(template, variables);
  return check.ok ? [] : check.problems;
};

describe('document templates', () => {
  it('knows its four templates and nothing else', () => {
    expect(['letter', 'permit', 'civil-status-extract', 'decision'].every(isDocumentTemplate)).toBe(true);
    expect(isDocumentTemplate('invoice')).toBe(false);
    expect(isDocumentTemplate('toString')).toBe(false);
  });

  it('splits a letter body into paragraphs on blank lines', () => {
    // when
    const check = checkDocumentData('letter', {
      body: 'Madame,\n\nVotre demande est accueillie.\nBien à vous.\n\n\n',
      signatory: ' Le maire ',
    });
    // then
    expect(check).toEqual({
      ok: true,
      data: {
        template: 'letter',
        paragraphs: ['Madame,', 'Votre demande est accueillie.\nBien à vous.'],
        recipient: undefined,
        signatory: 'Le maire',
      },
    });
  });

  it('refuses a letter without a body', () => {
    expect(problems('letter', { body: '' })).toEqual(['"body" is missing']);
  });

  it('shapes a permit: dates kept as days, the fee as a number, conditions from lines or a list', () => {
    // when
    const fromLines = checkDocumentData('permit', {
      holder: 'Café du Parvis',
      object: 'Terrasse de 12 m²',
      place: '3 place de la Mairie',
      from: '2026-06-01',
      until: '2026-09-30T00:00:00Z',
      fee: '180,50',
      conditions: '- Passage de 1,40 m laissé aux piétons\n\n- Retrait à 23 h',
    });
    const fromList = checkDocumentData('permit', {
      holder: 'Café du Parvis',
      object: 'Terrasse',
      place: 'Place',
      from: '2026-06-01',
      until: '2026-06-01',
      conditions: ['Passage laissé aux piétons'],
    });
    // then
    expect(fromLines).toMatchObject({
      ok: true,
      data: {
        from: '2026-06-01',
        until: '2026-09-30',
        fee: 180.5,
        conditions: ['Passage de 1,40 m laissé aux piétons', 'Retrait à 23 h'],
      },
    });
    expect(fromList).toMatchObject({ ok: true, data: { fee: undefined, conditions: ['Passage laissé aux piétons'] } });
  });

  it('lists every problem of a permit at once, each naming its input', () => {
    expect(
      problems('permit', {
        holder: 'Café du Parvis',
        object: { text: 'Terrasse' },
        from: '2026-02-30',
        until: '2026-01-01',
        fee: -5,
        conditions: [{ text: 'x' }],
      }),
    ).toEqual([
      '"object" must be a text (got {"text":"Terrasse"})',
      '"place" is missing',
      '"from" must be a date YYYY-MM-DD (got "2026-02-30")',
      '"fee" must not be negative (got -5)',
      '"conditions" must be a list of texts, or a text with one a line (got [{"text":"x"}])',
    ]);
    expect(
      problems('permit', { holder: 'H', object: 'O', place: 'P', from: '2026-06-02', until: '2026-06-01' }),
    ).toEqual(['"until" (2026-06-01) is before "from" (2026-06-02)']);
    expect(
      problems('permit', {
        holder: 'H',
        object: 'O',
        place: 'P',
        from: '2026-06-01',
        until: '2026-06-01',
        fee: 'cent',
      }),
    ).toEqual(['"fee" must be a number (got "cent")']);
  });

  it('asks a civil-status extract for its kind, and two spouses for a marriage', () => {
    // given
    const base = { date: '1990-04-12', place: 'Démoville (Bas-Rhin)' };
    // then
    expect(problems('civil-status-extract', { ...base, kind: 'birth', names: 'Jeanne Marie MARTIN' })).toEqual([]);
    expect(problems('civil-status-extract', { ...base, kind: 'marriage', names: ['Paul DURAND'] })).toEqual([
      '"names" must hold the two spouses for a marriage extract (got 1)',
    ]);
    expect(problems('civil-status-extract', { ...base, kind: 'baptism', names: ['A'] })).toEqual([
      '"kind" must be one of birth, marriage, death (got "baptism")',
    ]);
    expect(problems('civil-status-extract', { names: ['A'] })).toEqual([
      '"kind" is missing (birth, marriage, death)',
      '"date" is missing',
      '"place" is missing',
    ]);
    expect(
      checkDocumentData('civil-status-extract', {
        ...base,
        kind: 'death',
        names: ['Louis BERNARD'],
        mentions: '',
        actNumber: 42,
      }),
    ).toMatchObject({ ok: true, data: { kind: 'death', mentions: [], actNumber: '42' } });
  });

  it('requires the grounds of a refusal, not of an approval', () => {
    expect(problems('decision', { outcome: 'refuse', object: 'Subvention 2026' })).toEqual([
      '"reasons" is required to refuse: a refusal states its grounds (CRPA art. L211-2)',
    ]);
    expect(problems('decision', { outcome: 'approve', object: 'Subvention 2026' })).toEqual([]);
    expect(problems('decision', { outcome: 'yes', object: 'Subvention 2026' })).toEqual([
      '"outcome" must be one of approve, refuse (got "yes")',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { contactPattern } from './retention.ts';

describe('the contact details a retention sweep takes out of a timeline', () => {
  it('matches the addresses as written, dots and all, and a phone in any usual notation', () => {
    // given a request filed with an address and a phone
    const pattern = new RegExp(contactPattern(['Lea.Martin@example.fr', null], ['06 12 34 56 78']), 'i');
    // then
    for (const written of [
      'lea.martin@example.fr',
      '0612345678',
      '06.12.34.56.78',
      '+33 6 12 34 56 78',
      '+33612345678',
    ])
      expect(written).toMatch(pattern);
    expect('leaxmartin@example.fr').not.toMatch(pattern);
    expect('06 12 34 56 79').not.toMatch(pattern);
  });

  it('is empty for a request filed without contact details', () => {
    expect(contactPattern([null, ''], [null])).toBe('');
  });
});

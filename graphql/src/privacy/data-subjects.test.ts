import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { contactSearch } from './data-subjects.ts';

describe('what the data-protection officer types to find a person', () => {
  it('reads an e-mail address, lower-cased', () => {
    expect(contactSearch('  Marie.Dupont@Example.FR ')).toEqual({ by: 'email', email: 'marie.dupont@example.fr' });
  });

  it('reads a phone number in any usual notation, as the national digits citizens are kept under', () => {
    for (const phone of ['06 12 34 56 78', '06.12.34.56.78', '+33 6 12 34 56 78', '+33 6-12-34-56-78'])
      expect(contactSearch(phone)).toEqual({ by: 'phone', digits: '0612345678' });
  });

  it('refuses a name or a short number on the field contact, saying what to type', () => {
    for (const text of ['Dupont', '1234', 'marie@']) {
      const error = (() => {
        try {
          contactSearch(text);
        } catch (caught) {
          return caught as GraphQLError;
        }
      })();
      expect(error).toBeInstanceOf(GraphQLError);
      expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'contact' });
      expect(error?.message).toContain('ni une adresse e-mail ni un numéro de téléphone');
    }
  });
});

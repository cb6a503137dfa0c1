import { describe, expect, it } from 'vitest';
import type { CitizenRow } from '../citizens/repository.ts';
import { checkProfile } from './check-profile.ts';
import { prefillFrom } from './prefill.ts';

describe("a citizen's profile", () => {
  it('takes French numbers in any notation, and foreign ones with their prefix', () => {
    for (const phone of ['06 12 34 56 78', '06.12.34.56.78', '+33 6 12 34 56 78', '+32 470 12 34 56']) {
      expect(checkProfile({ phone }).problems, phone).toEqual([]);
    }
  });

  it('names each wrong field, so the portal writes it beside that field', () => {
    // when the phone is too short and the second address has no city and a 4-digit postal code
    const { problems } = checkProfile({
      phone: '06 12',
      addresses: [
        { street: '3 rue des Lilas', postalCode: '67 000', city: 'Strasbourg' },
        { street: '1 place du Marché', postalCode: '6700', city: ' ' },
      ],
    });
    // then
    expect(problems.map((p) => [p.field, p.code])).toEqual([
      ['phone', 'phone'],
      ['addresses[1].postalCode', 'pattern'],
      ['addresses[1].city', 'required'],
    ]);
    expect(problems[0]!.message.fr).toContain('06 12 34 56 78');
  });

  it('asks for a phone before text messages can be chosen', () => {
    const { problems } = checkProfile({ phone: ' ', notificationPreferences: { email: true, sms: true } });
    expect(problems).toEqual([expect.objectContaining({ field: 'phone', code: 'required' })]);
  });

  it('is stored trimmed, postal codes without spaces, empty texts as nothing', () => {
    const { clean } = checkProfile({
      firstName: '  Léa ',
      lastName: '',
      addresses: [{ label: '', street: ' 3 rue des Lilas ', postalCode: '67 000', city: 'Strasbourg' }],
    });
    expect(clean).toEqual({
      firstName: 'Léa',
      lastName: null,
      phone: undefined,
      addresses: [{ label: null, street: '3 rue des Lilas', postalCode: '67000', city: 'Strasbourg' }],
    });
  });

  it("fills a form's identity fields, the full name where the form asks for one", () => {
    const lea = {
      first_name: 'Léa',
      last_name: 'Martin',
      email: 'lea@example.fr',
      phone: '06 12 34 56 78',
      addresses: [{ street: '3 rue des Lilas', postalCode: '67000', city: 'Strasbourg' }],
    } as CitizenRow;
    expect(prefillFrom(lea, ['nomParent', 'phone', 'email', 'revenusAnnuels'])).toEqual({
      nomParent: 'Léa Martin',
      phone: '06 12 34 56 78',
      email: 'lea@example.fr',
    });
  });
});

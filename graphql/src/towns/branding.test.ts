import { describe, expect, it } from 'vitest';
import { checkBranding, type TownBranding } from './branding.ts';

const branding: TownBranding = {
  name: 'Mairie de Villedeux',
  logoUrl: null,
  primaryColor: null,
  onPrimaryColor: null,
  contactEmail: 'mairie@villedeux.fr',
  contactPhone: null,
  contactAddress: null,
  legalNotice: null,
  accessibilityStatement: null,
  privacyNotice: null,
};

const fields = (input: Partial<TownBranding>) => {
  const checked = checkBranding({ ...branding, ...input });
  return 'problems' in checked ? checked.problems.map((p) => p.field) : [];
};

describe('checkBranding', () => {
  it('takes readable colours (lower-cased) and blank fields as none', () => {
    const checked = checkBranding({
      ...branding,
      primaryColor: '#7A1F3D',
      onPrimaryColor: '#FFFFFF',
      contactPhone: '  ',
    });
    expect(checked).toEqual({ branding: { ...branding, primaryColor: '#7a1f3d', onPrimaryColor: '#ffffff' } });
  });

  it('refuses text under 4.5:1 on the primary colour, and a primary colour under 4.5:1 on the white page', () => {
    // white on gold: 1.6:1; gold links on white alike
    expect(fields({ primaryColor: '#f4c430' })).toEqual(['onPrimaryColor', 'primaryColor']);
    // dark text on a dark primary: the text fails, the links pass
    expect(fields({ primaryColor: '#1f4e79', onPrimaryColor: '#333333' })).toEqual(['onPrimaryColor']);
    // #767676 is the lightest grey that passes on white (4.54:1)
    expect(fields({ primaryColor: '#767676' })).toEqual([]);
    expect(fields({ primaryColor: '#777777' })).toEqual(['onPrimaryColor', 'primaryColor']);
  });

  it('says the ratio measured and the one needed', () => {
    const checked = checkBranding({ ...branding, primaryColor: '#1f4e79', onPrimaryColor: '#333333' });
    expect('problems' in checked && checked.problems[0]!.message).toMatch(/: 1\.\d\d:1, il faut au moins 4,5:1/);
  });

  it('refuses colours not written #rrggbb, a logo not on https, a missing name or e-mail', () => {
    expect(fields({ primaryColor: 'red' })).toEqual(['primaryColor']);
    expect(fields({ logoUrl: 'http://ville.fr/logo.png' })).toEqual(['logoUrl']);
    expect(fields({ logoUrl: 'javascript:alert(1)' })).toEqual(['logoUrl']);
    expect(fields({ logoUrl: 'https://ville.fr/logo.svg' })).toEqual([]);
    expect(fields({ name: ' ', contactEmail: 'mairie' })).toEqual(['name', 'contactEmail']);
  });
});

import { describe, expect, it } from 'vitest';
import { checkNewTown } from './town-input.ts';

const valid = {
  slug: 'villedeux',
  name: ' Mairie de Villedeux ',
  hosts: ['Demarches.Villedeux.FR.', 'demarches.villedeux.fr', 'villedeux.localhost'],
  timeZone: 'America/Cayenne',
  holidayRegion: 'guyane',
  contactEmail: 'mairie@villedeux.fr',
  adminEmail: 'DGS@Villedeux.fr',
};

describe('checkNewTown', () => {
  it('cleans a valid town: host names lower case, once each, without the final dot; the e-mail lower case', () => {
    const checked = checkNewTown(valid);
    expect(checked).toEqual({
      town: {
        slug: 'villedeux',
        name: 'Mairie de Villedeux',
        hosts: ['demarches.villedeux.fr', 'villedeux.localhost'],
        timeZone: 'America/Cayenne',
        holidayRegion: 'guyane',
        contactEmail: 'mairie@villedeux.fr',
        admin: { email: 'dgs@villedeux.fr', displayName: 'dgs@villedeux.fr' },
      },
    });
  });

  it('names every problem with its field: slug, host with a scheme or a port, time zone, region, e-mails', () => {
    const checked = checkNewTown({
      ...valid,
      slug: 'Ville Deux',
      hosts: ['https://ville.fr', 'ville.fr:8080', '-bad-.fr'],
      timeZone: 'Paris',
      holidayRegion: 'corse',
      contactEmail: 'mairie',
      adminEmail: '',
    });
    expect('problems' in checked && checked.problems.map((p) => p.field)).toEqual([
      'slug',
      'hosts',
      'hosts',
      'hosts',
      'timeZone',
      'holidayRegion',
      'contactEmail',
      'adminEmail',
    ]);
    expect('problems' in checked && checked.problems[5]!.message).toContain(
      'metropole, alsace-moselle, guadeloupe, martinique, guyane, la-reunion, mayotte',
    );
  });

  it('knows the overseas departments’ time zones and refuses made-up ones', () => {
    for (const timeZone of [
      'Europe/Paris',
      'America/Guadeloupe',
      'America/Martinique',
      'Indian/Reunion',
      'Indian/Mayotte',
    ]) {
      expect(checkNewTown({ ...valid, timeZone })).toHaveProperty('town');
    }
    expect(checkNewTown({ ...valid, timeZone: 'Europe/Lutece' })).toHaveProperty('problems');
  });
});

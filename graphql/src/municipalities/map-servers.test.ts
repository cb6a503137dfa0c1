import { describe, expect, it } from 'vitest';
import { GEOPLATEFORME, mapOrigins, mapServersFromEnv } from './map-servers.ts';

describe('the map servers', () => {
  it('are the Géoplateforme’s and OpenStreetMap’s unless the environment names others', () => {
    expect(mapServersFromEnv({})).toEqual(GEOPLATEFORME);
    expect(GEOPLATEFORME.ignPlan).toContain('LAYER=GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2');
    expect(GEOPLATEFORME.ignPlan).toContain('TILEMATRIXSET=PM');
    expect(
      mapServersFromEnv({ PARVIS_GEOCODER_URL: 'https://api-adresse.data.gouv.fr/ ', PARVIS_OSM_TILES: '' }),
    ).toEqual({
      ...GEOPLATEFORME,
      geocoder: 'https://api-adresse.data.gouv.fr',
    });
  });

  it('give the portal’s content security policy their origins', () => {
    expect(mapOrigins(GEOPLATEFORME)).toEqual({
      images: ['https://data.geopf.fr', 'https://tile.openstreetmap.org'],
      connect: ['https://data.geopf.fr'],
    });
  });
});

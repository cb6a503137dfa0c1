/**
 * The map servers an installation's portals use: the State's Géoplateforme for street maps (IGN's
 * « Plan IGN ») and addresses, OpenStreetMap as the alternative a town may choose. Each town picks
 * its background (municipality_settings.map_background) or names its own tile server; these are
 * the servers behind the two backgrounds and the geocoder, the same for every town.
 */
export interface MapServers {
  /** Plan IGN tiles (WMTS GetTile in Web Mercator, {z}/{x}/{y} filled in by the portal) */
  ignPlan: string;
  /** OpenStreetMap's standard tiles, {z}/{x}/{y} */
  openStreetMap: string;
  /**
   * The Base Adresse Nationale's address API: `<url>/search?q=` and `<url>/reverse?lon=&lat=`,
   * both answering a GeoCodeJSON FeatureCollection.
   */
  geocoder: string;
}

/**
 * The real servers. Addresses go to IGN's Géoplateforme geocoder, which now runs the BAN's
 * « API Adresse » (api-adresse.data.gouv.fr moved there): same parameters, same GeoJSON, the BAN's
 * addresses refreshed weekly. PARVIS_GEOCODER_URL=https://api-adresse.data.gouv.fr works as well.
 */
export const GEOPLATEFORME: MapServers = {
  ignPlan:
    'https://data.geopf.fr/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2&STYLE=normal&TILEMATRIXSET=PM&FORMAT=image/png&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}',
  openStreetMap: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
  geocoder: 'https://data.geopf.fr/geocodage',
};

/** The servers the environment names (PARVIS_IGN_PLAN_TILES, PARVIS_OSM_TILES, PARVIS_GEOCODER_URL), else the real ones. */
export function mapServersFromEnv(env: Record<string, string | undefined>): MapServers {
  const given = (name: string) => env[name]?.trim() || undefined;
  return {
    ignPlan: given('PARVIS_IGN_PLAN_TILES') ?? GEOPLATEFORME.ignPlan,
    openStreetMap: given('PARVIS_OSM_TILES') ?? GEOPLATEFORME.openStreetMap,
    geocoder: (given('PARVIS_GEOCODER_URL') ?? GEOPLATEFORME.geocoder).replace(/\/+$/, ''),
  };
}

/** A town's map background: the IGN's plan (the default) or OpenStreetMap. */
export type MapBackground = 'IGN_PLAN' | 'OPENSTREETMAP';

/** What each background's tiles must say about where they come from (their licences ask for it). */
export const ATTRIBUTIONS: Record<MapBackground, string> = {
  IGN_PLAN: '© IGN – Géoplateforme',
  OPENSTREETMAP: '© les contributeurs d’OpenStreetMap',
};

/** The origins the portal's pages may load tiles and addresses from (their content security policy). */
export function mapOrigins(servers: MapServers): { images: string[]; connect: string[] } {
  const origin = (url: string) => new URL(url.replace(/[{}]/g, '')).origin;
  return {
    images: [...new Set([origin(servers.ignPlan), origin(servers.openStreetMap)])],
    connect: [origin(servers.geocoder)],
  };
}

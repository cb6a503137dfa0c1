import type { LatLng } from './web-mercator.ts';

/** Where a municipality's maps open and what they are drawn on (anyone may ask). */
export interface PlaceMapSettings {
  latitude: number | null;
  longitude: number | null;
  tileUrl: string | null;
}

export const PLACE_MAP = /* GraphQL */ `
  query PlaceMap($municipality: ID!) {
    placeMap(municipality: $municipality) { latitude longitude tileUrl }
  }`;

/** Metropolitan France, for a municipality that has not given its position. */
export const FRANCE: LatLng = { latitude: 46.6, longitude: 2.4 };

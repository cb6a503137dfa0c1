import { onMounted, shallowRef } from 'vue';
import type { Operation } from '../../composables/useGraphql.ts';
import { useGraphql } from '../../composables/useGraphql.ts';
import type { PlaceMapQuery, PlaceMapQueryVariables } from '../../graphql/generated/operations.ts';
import type { LatLng } from './web-mercator.ts';

/**
 * Where a municipality's maps open, what they are drawn on and where addresses are looked up
 * (anyone may ask); without an answer from the API, a grid and no address search.
 */
export type PlaceMapSettings = Omit<PlaceMapQuery['placeMap'], 'tileUrl' | 'geocoderUrl'> & {
  tileUrl: string | null;
  geocoderUrl: string | null;
};

const GRID_ONLY: PlaceMapSettings = {
  latitude: null,
  longitude: null,
  tileUrl: null,
  background: null,
  attribution: null,
  geocoderUrl: null,
};

export const PLACE_MAP: Operation<PlaceMapQuery, PlaceMapQueryVariables> = /* GraphQL */ `
  query PlaceMap($municipality: ID!) {
    placeMap(municipality: $municipality) { latitude longitude tileUrl background attribution geocoderUrl }
  }`;

/** Metropolitan France, for a municipality that has not given its position. */
export const FRANCE: LatLng = { latitude: 46.6, longitude: 2.4 };

/** The municipality's map settings, once fetched; without them a map still works, on a grid. */
export function usePlaceMapSettings(municipality: string) {
  const { request } = useGraphql();
  const settings = shallowRef<PlaceMapSettings | null>(null);
  onMounted(async () => {
    try {
      settings.value = (await request(PLACE_MAP, { municipality })).placeMap;
    } catch {
      settings.value = GRID_ONLY;
    }
  });
  return settings;
}

/** The place a request's data holds, where the dashboard and Open311 read it too. */
export function placeOf(data: Record<string, unknown>): LatLng | null {
  const place = typeof data.place === 'object' && data.place !== null ? (data.place as Record<string, unknown>) : {};
  const latitude = data.latitude ?? place.latitude;
  const longitude = data.longitude ?? place.longitude;
  const numeric = (value: unknown) => value !== null && value !== '' && Number.isFinite(Number(value));
  return numeric(latitude) && numeric(longitude) ? { latitude: Number(latitude), longitude: Number(longitude) } : null;
}

/** The address the citizen gave with the place (the place group's `address` field), if any. */
export function addressOf(data: Record<string, unknown>): string | undefined {
  const place = typeof data.place === 'object' && data.place !== null ? (data.place as Record<string, unknown>) : {};
  const address = data.address ?? place.address;
  return typeof address === 'string' && address.trim() ? address.trim() : undefined;
}

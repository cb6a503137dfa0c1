import type { LatLng } from './web-mercator.ts';

// Addresses from the Base Adresse Nationale's API (the Géoplateforme's geocoder, or
// api-adresse.data.gouv.fr): `/search?q=` finds a typed address, `/reverse?lon=&lat=` the one
// nearest a point. Both answer a GeoCodeJSON FeatureCollection, coordinates as [longitude, latitude].

/** How long the citizen waits for an address before being told to place the pin by hand. */
export const GEOCODER_TIMEOUT_MS = 5000;

export interface FoundAddress {
  /** « 12 Rue de la Gare 75004 Paris » */
  label: string;
  position: LatLng;
}

/** The address server did not answer in time, or answered something that is not GeoCodeJSON. */
export class GeocoderUnavailable extends Error {}

async function features(url: URL, signal?: AbortSignal): Promise<FoundAddress[]> {
  const timeout = AbortSignal.timeout(GEOCODER_TIMEOUT_MS);
  let body: unknown;
  try {
    const answer = await fetch(url, {
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      headers: { accept: 'application/json' },
    });
    if (!answer.ok) throw new GeocoderUnavailable(`HTTP ${answer.status}`);
    body = await answer.json();
  } catch (error) {
    if (signal?.aborted) throw error;
    throw error instanceof GeocoderUnavailable ? error : new GeocoderUnavailable(String(error));
  }
  const list = (body as { features?: unknown })?.features;
  if (!Array.isArray(list)) throw new GeocoderUnavailable('not a FeatureCollection');
  return list.flatMap((feature): FoundAddress[] => {
    const [longitude, latitude] = (feature?.geometry?.coordinates ?? []) as unknown[];
    const label = feature?.properties?.label;
    return typeof label === 'string' && typeof latitude === 'number' && typeof longitude === 'number'
      ? [{ label, position: { latitude, longitude } }]
      : [];
  });
}

/** The addresses matching what the citizen typed, best first, those near `near` first. */
export function searchAddresses(
  geocoderUrl: string,
  query: string,
  near: LatLng | null,
  signal?: AbortSignal,
): Promise<FoundAddress[]> {
  const url = new URL(`${geocoderUrl}/search`);
  url.searchParams.set('q', query);
  url.searchParams.set('limit', '5');
  if (near) {
    url.searchParams.set('lat', near.latitude.toFixed(5));
    url.searchParams.set('lon', near.longitude.toFixed(5));
  }
  return features(url, signal);
}

/** The address nearest a point, if there is one. */
export async function nearestAddress(
  geocoderUrl: string,
  position: LatLng,
  signal?: AbortSignal,
): Promise<FoundAddress | null> {
  const url = new URL(`${geocoderUrl}/reverse`);
  url.searchParams.set('lon', position.longitude.toFixed(6));
  url.searchParams.set('lat', position.latitude.toFixed(6));
  url.searchParams.set('limit', '1');
  return (await features(url, signal))[0] ?? null;
}

// The arithmetic of Parvis's maps, drawn in SVG without a map library: Web Mercator as raster
// tile servers cut it (256 px tiles, {z}/{x}/{y}), so a municipality's tile server fits, and a
// plain grid stands in when there is none.

export const TILE = 256;

export interface LatLng {
  latitude: number;
  longitude: number;
}

/** A point of the world in Web Mercator, 0 to 1 on each axis (x to the east, y to the south). */
export interface WorldPoint {
  x: number;
  y: number;
}

/** What a map shows: its centre, its zoom level (a tile zoom, so whole) and its size in SVG units. */
export interface MapView {
  center: WorldPoint;
  zoom: number;
  width: number;
  height: number;
}

export const MIN_ZOOM = 2;
export const MAX_ZOOM = 18;

export function project(p: LatLng): WorldPoint {
  const lat = (Math.max(-85, Math.min(85, p.latitude)) * Math.PI) / 180;
  return { x: (p.longitude + 180) / 360, y: (1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2 };
}

export function unproject(m: WorldPoint): LatLng {
  const y = Math.max(0, Math.min(1, m.y));
  const longitude = (((m.x * 360) % 360) + 360) % 360;
  return { latitude: (Math.atan(Math.sinh(Math.PI * (1 - 2 * y))) * 180) / Math.PI, longitude: longitude - 180 };
}

export const worldSize = (zoom: number) => TILE * 2 ** zoom;

export function toScreen(view: MapView, m: WorldPoint): { x: number; y: number } {
  const world = worldSize(view.zoom);
  return { x: (m.x - view.center.x) * world + view.width / 2, y: (m.y - view.center.y) * world + view.height / 2 };
}

export function toWorld(view: MapView, s: { x: number; y: number }): WorldPoint {
  const world = worldSize(view.zoom);
  return { x: view.center.x + (s.x - view.width / 2) / world, y: view.center.y + (s.y - view.height / 2) / world };
}

export interface Tile {
  href: string;
  x: number;
  y: number;
  key: string;
}

/** The tiles that cover the view, from a `https://…/{z}/{x}/{y}.png` server. */
export function visibleTiles(view: MapView, tileUrl: string | null): Tile[] {
  if (!tileUrl) return [];
  const { zoom, width, height } = view;
  const world = worldSize(zoom);
  const originX = view.center.x * world - width / 2;
  const originY = view.center.y * world - height / 2;
  const count = 2 ** zoom;
  const tiles: Tile[] = [];
  for (let tx = Math.floor(originX / TILE); tx <= Math.floor((originX + width) / TILE); tx++) {
    for (let ty = Math.floor(originY / TILE); ty <= Math.floor((originY + height) / TILE); ty++) {
      if (ty < 0 || ty >= count) continue;
      const wrapped = ((tx % count) + count) % count;
      const href = tileUrl
        .replace('{z}', String(zoom))
        .replace('{x}', String(wrapped))
        .replace('{y}', String(ty))
        .replace('{s}', 'a');
      tiles.push({ href, x: tx * TILE - originX, y: ty * TILE - originY, key: `${zoom}/${tx}/${ty}` });
    }
  }
  return tiles;
}

/** The lines of the plain grid drawn when there are no tiles: a quarter of a tile apart, moving with the map. */
export function gridLines(view: MapView): { vertical: number[]; horizontal: number[] } {
  const world = worldSize(view.zoom);
  const step = TILE / 4;
  const offsetX = -((view.center.x * world - view.width / 2) % step);
  const offsetY = -((view.center.y * world - view.height / 2) % step);
  return {
    vertical: Array.from({ length: Math.ceil(view.width / step) + 1 }, (_, i) => offsetX + i * step),
    horizontal: Array.from({ length: Math.ceil(view.height / step) + 1 }, (_, i) => offsetY + i * step),
  };
}

// A number format costs milliseconds to build and a map redraws its scale on every move: one per locale.
const formats = new Map<string, Intl.NumberFormat>();
function wholeNumbers(locale: string): Intl.NumberFormat {
  let format = formats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    formats.set(locale, format);
  }
  return format;
}

/** A scale bar of a round distance, at most 120 units long, at the centre's latitude. */
export function scaleBar(view: MapView, locale: string): { width: number; label: string } {
  const { latitude } = unproject(view.center);
  const metresPerUnit = (156_543.03392 * Math.cos((latitude * Math.PI) / 180)) / 2 ** view.zoom;
  const most = metresPerUnit * 120;
  const power = 10 ** Math.floor(Math.log10(most));
  const metres = [5, 2, 1].map((m) => m * power).find((m) => m <= most) ?? power;
  const number = wholeNumbers(locale);
  return {
    width: metres / metresPerUnit,
    label: metres >= 1000 ? `${number.format(metres / 1000)} km` : `${number.format(metres)} m`,
  };
}

/** The tile server's host, to credit it under the map. */
export function tileHost(tileUrl: string | null): string {
  try {
    return tileUrl ? new URL(tileUrl.replace(/\{[a-z]\}/g, '0')).host : '';
  } catch {
    return '';
  }
}

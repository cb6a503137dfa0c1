import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { MapServers } from '@parvis/graphql';
import { PNG } from 'pngjs';

// Stand-ins for the map servers a portal uses, on loopback, answering as the real ones do: the
// Géoplateforme's WMTS (Plan IGN tiles, GetTile in KVP with its parameters checked), OpenStreetMap's
// {z}/{x}/{y}.png tiles, and the Base Adresse Nationale's geocoder (/geocodage/search and
// /geocodage/reverse, GeoCodeJSON FeatureCollections).

/** The addresses the stand-in geocoder knows: around the demo town hall (seed), plus one far away. */
export const ADDRESSES = [
  {
    label: "Place de l'Hôtel de Ville 75004 Paris",
    name: "Place de l'Hôtel de Ville",
    housenumber: undefined,
    type: 'street',
    latitude: 48.85661,
    longitude: 2.35222,
  },
  {
    label: '12 Rue de la Gare 75004 Paris',
    name: '12 Rue de la Gare',
    housenumber: '12',
    type: 'housenumber',
    latitude: 48.8581,
    longitude: 2.3571,
  },
  {
    label: '14 Rue de la Gare 75004 Paris',
    name: '14 Rue de la Gare',
    housenumber: '14',
    type: 'housenumber',
    latitude: 48.8583,
    longitude: 2.3575,
  },
  {
    label: '3 Quai de Corse 75004 Paris',
    name: '3 Quai de Corse',
    housenumber: '3',
    type: 'housenumber',
    latitude: 48.8531,
    longitude: 2.3498,
  },
  {
    label: '8 Boulevard du Port 80000 Amiens',
    name: '8 Boulevard du Port',
    housenumber: '8',
    type: 'housenumber',
    latitude: 49.897443,
    longitude: 2.290084,
  },
] as const;

export interface StandInMapServers {
  /** what to give the API (createApiApp's mapServers) */
  servers: MapServers;
  /** every path and query asked, in order: `/wmts?…`, `/16/33198/22539.png`, `/geocodage/search?q=…` */
  asked: string[];
  /** tiles answer 503, as a server that is down would */
  tilesDown: boolean;
  /** the geocoder takes questions and never answers them (a timeout) */
  geocoderStalls: boolean;
  stop(): Promise<void>;
}

const tileOf = (rgb: [number, number, number]) => {
  const png = new PNG({ width: 256, height: 256 });
  for (let i = 0; i < 256 * 256; i++) {
    // a street across each tile, so that tiles are seen drawn
    const road = Math.abs((i % 256) - Math.floor(i / 256)) < 6;
    png.data.set(road ? [255, 255, 255, 255] : [...rgb, 255], i * 4);
  }
  return PNG.sync.write(png);
};
const IGN_TILE = tileOf([236, 232, 222]);
const OSM_TILE = tileOf([242, 239, 233]);

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

function feature(address: (typeof ADDRESSES)[number], extra: Record<string, unknown>) {
  const [postcode, city] = address.label.match(/(\d{5}) (.+)$/)!.slice(1);
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [address.longitude, address.latitude] },
    properties: {
      label: address.label,
      score: 0.9,
      ...(address.housenumber ? { housenumber: address.housenumber } : {}),
      id: `stand-in-${fold(address.name).replace(/\W+/g, '-')}`,
      name: address.name,
      postcode,
      citycode: postcode === '75004' ? '75104' : '80021',
      city,
      context: postcode === '75004' ? '75, Paris, Île-de-France' : '80, Somme, Hauts-de-France',
      type: address.type,
      importance: 0.6,
      ...extra,
    },
  };
}

/** Metres between two points (equirectangular: enough within a town). */
const distance = (a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }) =>
  6_371_000 *
  Math.hypot(
    (((b.longitude - a.longitude) * Math.PI) / 180) * Math.cos((((a.latitude + b.latitude) / 2) * Math.PI) / 180),
    ((b.latitude - a.latitude) * Math.PI) / 180,
  );

export async function standInMapServers(): Promise<StandInMapServers> {
  const asked: string[] = [];
  const stalled = new Set<ServerResponse>();
  const state = { tilesDown: false, geocoderStalls: false };
  const json = (res: ServerResponse, status: number, body: unknown) =>
    res
      .writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'access-control-allow-origin': '*' })
      .end(JSON.stringify(body));
  const png = (res: ServerResponse, body: Buffer) =>
    state.tilesDown
      ? res.writeHead(503, { 'content-type': 'text/plain' }).end('Service Unavailable')
      : res.writeHead(200, { 'content-type': 'image/png', 'access-control-allow-origin': '*' }).end(body);

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    asked.push(`${url.pathname}${url.search}`);
    const q = url.searchParams;
    if (url.pathname === '/wmts') {
      const wanted = {
        SERVICE: 'WMTS',
        REQUEST: 'GetTile',
        VERSION: '1.0.0',
        LAYER: 'GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2',
        TILEMATRIXSET: 'PM',
        FORMAT: 'image/png',
      };
      const wrong = Object.entries(wanted).find(([name, value]) => q.get(name) !== value);
      const numbers = ['TILEMATRIX', 'TILEROW', 'TILECOL'].every((name) => /^\d+$/.test(q.get(name) ?? ''));
      if (wrong || !numbers) {
        return res
          .writeHead(400, { 'content-type': 'application/xml' })
          .end(
            `<?xml version="1.0" encoding="UTF-8"?><ExceptionReport xmlns="http://www.opengis.net/ows/1.1" version="1.1.0"><Exception exceptionCode="InvalidParameterValue" locator="${wrong?.[0] ?? 'TILEMATRIX'}"/></ExceptionReport>`,
          );
      }
      return png(res, IGN_TILE);
    }
    if (/^\/\d+\/\d+\/\d+\.png$/.test(url.pathname)) return png(res, OSM_TILE);
    if (url.pathname === '/geocodage/search' || url.pathname === '/geocodage/reverse') {
      if (state.geocoderStalls) {
        stalled.add(res);
        return;
      }
      const limit = Number(q.get('limit') ?? 10);
      if (url.pathname === '/geocodage/search') {
        const text = q.get('q') ?? '';
        if (text.trim().length < 3 || text.length > 200) {
          return json(res, 400, {
            code: 400,
            message: 'q: must contain between 3 and 200 chars and start with a number or a letter',
          });
        }
        const words = fold(text)
          .split(/[^a-z0-9]+/)
          .filter(Boolean);
        const matches = ADDRESSES.map((a) => ({ a, hits: words.filter((w) => fold(a.label).includes(w)).length }))
          .filter((m) => m.hits === words.length)
          .slice(0, limit)
          .map((m) => feature(m.a, {}));
        return json(res, 200, {
          type: 'FeatureCollection',
          version: 'draft',
          features: matches,
          attribution: 'BAN',
          licence: 'ETALAB-2.0',
          query: text,
          limit,
        });
      }
      const point = { latitude: Number(q.get('lat')), longitude: Number(q.get('lon')) };
      if (!Number.isFinite(point.latitude) || !Number.isFinite(point.longitude)) {
        return json(res, 400, { code: 400, message: 'lon/lat: must be valid WGS-84 coordinates' });
      }
      const nearest = ADDRESSES.map((a) => ({ a, metres: distance(point, a) }))
        .filter((m) => m.metres < 500)
        .sort((x, y) => x.metres - y.metres)
        .slice(0, limit)
        .map((m) => feature(m.a, { distance: Math.round(m.metres) }));
      return json(res, 200, {
        type: 'FeatureCollection',
        version: 'draft',
        features: nearest,
        attribution: 'BAN',
        licence: 'ETALAB-2.0',
        limit,
      });
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    servers: {
      ignPlan: `${origin}/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2&STYLE=normal&TILEMATRIXSET=PM&FORMAT=image/png&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}`,
      openStreetMap: `${origin}/{z}/{x}/{y}.png`,
      geocoder: `${origin}/geocodage`,
    },
    asked,
    get tilesDown() {
      return state.tilesDown;
    },
    set tilesDown(down: boolean) {
      state.tilesDown = down;
    },
    get geocoderStalls() {
      return state.geocoderStalls;
    },
    set geocoderStalls(stalls: boolean) {
      state.geocoderStalls = stalls;
    },
    async stop() {
      for (const res of stalled) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

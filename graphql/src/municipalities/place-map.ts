import { userError } from '../common/errors.ts';
import type { Resolvers } from '../generated/resolvers.ts';
import { readSettings } from '../metrics/settings.ts';
import { ATTRIBUTIONS } from './map-servers.ts';

export const placeMapTypeDefs = /* GraphQL */ `
  "Where a town's maps open, what they are drawn on, and where their addresses are looked up."
  type PlaceMap {
    "the town hall's position; null when the municipality has not given it (the map shows France)"
    latitude: Float
    "the town hall's longitude; null with the latitude"
    longitude: Float
    "raster tiles, {z}/{x}/{y}: the town's own server, else its background's (IGN plan or OpenStreetMap)"
    tileUrl: String!
    "the street map the tiles come from; null when the town names its own tile server"
    background: MapBackground
    "what the map must say about its tiles' source (their licence asks for it); null for a town's own server"
    attribution: String
    "the Base Adresse Nationale's address API: <url>/search?q= and <url>/reverse?lon=&lat= (GeoCodeJSON)"
    geocoderUrl: String!
  }

  extend type Query {
    "Anyone: the map of a municipality's forms."
    placeMap("the town's id (its slug, e.g. demo)" municipality: ID!): PlaceMap!
  }
`;

export const placeMapResolvers: Resolvers = {
  Query: {
    placeMap: (_, args, ctx) =>
      ctx.db.within(args.municipality, async (tx) => {
        const [town] = await tx<{ latitude: number | null; longitude: number | null }[]>`
          select latitude, longitude from municipalities where id = ${args.municipality}`;
        if (!town) throw userError('NOT_FOUND', `Commune inconnue : ${args.municipality}. / Unknown municipality.`);
        const { mapTileUrl, mapBackground } = await readSettings(tx, args.municipality);
        const own = mapTileUrl !== null;
        return {
          latitude: town.latitude,
          longitude: town.longitude,
          tileUrl: mapTileUrl ?? (mapBackground === 'IGN_PLAN' ? ctx.maps.ignPlan : ctx.maps.openStreetMap),
          background: own ? null : mapBackground,
          attribution: own ? null : ATTRIBUTIONS[mapBackground],
          geocoderUrl: ctx.maps.geocoder,
        };
      }),
  },
};

import { userError } from '../common/errors.ts';
import type { Resolvers } from '../generated/resolvers.ts';
import { readSettings } from '../metrics/settings.ts';

export const placeMapTypeDefs = /* GraphQL */ `
  "Where the map on which a citizen picks a place opens, and what it is drawn on."
  type PlaceMap {
    "the town hall's position; null when the municipality has not given it (the map shows France)"
    latitude: Float
    longitude: Float
    "raster tiles, {z}/{x}/{y}; null: a plain grid, so the map works without the internet"
    tileUrl: String
  }

  extend type Query {
    "Anyone: the map of a municipality's forms."
    placeMap(municipality: ID!): PlaceMap!
  }
`;

export const placeMapResolvers: Resolvers = {
  Query: {
    placeMap: (_, args, ctx) =>
      ctx.db.within(args.municipality, async (tx) => {
        const [town] = await tx<{ latitude: number | null; longitude: number | null }[]>`
          select latitude, longitude from municipalities where id = ${args.municipality}`;
        if (!town) throw userError('NOT_FOUND', `Commune inconnue : ${args.municipality}. / Unknown municipality.`);
        const { mapTileUrl } = await readSettings(tx, args.municipality);
        return { latitude: town.latitude, longitude: town.longitude, tileUrl: mapTileUrl };
      }),
  },
};

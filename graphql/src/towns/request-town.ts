import type { Request } from 'express';
import type { TownDirectory } from './town-page.ts';

/** The header the portal names its town in (a town on a shared host is not told by the host name). */
export const TOWN_HEADER = 'parvis-town';

/**
 * The portal address of the town an API request comes from: the town the portal names, else the
 * town of the host name, else the default town; PUBLIC_URL when none is known or the database
 * cannot say (the operation itself then meets the database's state and answers for it).
 */
export async function requestTownUrl(
  towns: TownDirectory,
  publicUrl: string,
  req: Pick<Request, 'headers'>,
): Promise<string> {
  try {
    const named = req.headers[TOWN_HEADER];
    const id = typeof named === 'string' && named ? named : await towns.forHost(req.headers.host);
    const page = id ? await towns.page(id) : undefined;
    return page ? towns.urlOf(page) : publicUrl;
  } catch {
    return publicUrl;
  }
}

/** A town's portal address, by its id, for what is about its requests (a document's QR code and links). */
export type TownPortal = (municipalityId: string) => Promise<string>;

/** TownPortal from the directory: PUBLIC_URL when the town cannot be read. */
export const townPortal =
  (towns: TownDirectory, publicUrl: string): TownPortal =>
  async (municipalityId) => {
    try {
      const page = await towns.page(municipalityId);
      return page ? towns.urlOf(page) : publicUrl;
    } catch {
      return publicUrl;
    }
  };

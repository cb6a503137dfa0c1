import { TOWN_PREFIX, townPortalUrl } from '@parvis/engine';
import type { Database } from '../common/database.ts';

/** What the portal needs of its town before its first render (written into its page). */
export interface TownPage {
  id: string;
  name: string;
  disabled: boolean;
  logoUrl: string | null;
  primaryColor: string | null;
  onPrimaryColor: string | null;
  /** its IANA time zone: the portal shows hours (appointments) and days on the town's clock */
  timeZone: string;
  /** its host names, the first one its mails link to */
  hosts: string[];
}

/** How long a host's town and a town's page are remembered: an edit elsewhere shows after this. */
export const TOWN_CACHE_MS = 30_000;

/**
 * Which town a host name or a slug names, and its page, read once per TOWN_CACHE_MS. A host no
 * town claims belongs to the default town (PARVIS_DEFAULT_TOWN), when there is one.
 */
export interface TownDirectory {
  readonly defaultTown: string | undefined;
  /** the town whose portal answers on this host (a Host header: the port is ignored) */
  forHost(host: string | undefined): Promise<string | undefined>;
  /** the town's page, or undefined for no such town */
  page(id: string): Promise<TownPage | undefined>;
  /** forgets what was read of a town (after its administrator changed it) */
  forget(id: string): void;
  /** the address of a town's portal, for links (townUrl on PUBLIC_URL) */
  urlOf(town: Pick<TownPage, 'id' | 'hosts'>): string;
}

export function townDirectory(
  db: Database,
  publicUrl: string,
  defaultTown: string | undefined,
  now = () => Date.now(),
): TownDirectory {
  const hosts = new Map<string, { town: string | undefined; at: number }>();
  const pages = new Map<string, { page: TownPage | undefined; at: number }>();
  const fresh = (at: number) => now() - at < TOWN_CACHE_MS;
  return {
    defaultTown,
    async forHost(header) {
      const host = (header ?? '')
        .replace(/:\d+$/, '')
        .replace(/^\[|\]$/g, '')
        .toLowerCase();
      const known = hosts.get(host);
      if (known && fresh(known.at)) return known.town ?? defaultTown;
      const [row] = await db.outside(
        (tx) => tx<{ town: string | null }[]>`select parvis_town_for_host(${host}) as town`,
      );
      const town = row?.town ?? undefined;
      if (hosts.size > 10_000) hosts.clear();
      hosts.set(host, { town, at: now() });
      return town ?? defaultTown;
    },
    async page(id) {
      const known = pages.get(id);
      if (known && fresh(known.at)) return known.page;
      const page = await readTownPage(db, id);
      if (pages.size > 10_000) pages.clear();
      pages.set(id, { page, at: now() });
      return page;
    },
    urlOf: (town) => townUrl(publicUrl, town, defaultTown),
    forget(id) {
      pages.delete(id);
      for (const [host, entry] of hosts) if (entry.town === id) hosts.delete(host);
    },
  };
}

export async function readTownPage(db: Database, id: string): Promise<TownPage | undefined> {
  if (!id) return undefined;
  const [row] = await db.within(
    id,
    (tx) => tx<TownPage[]>`
      select m.id, m.name, m.disabled_at is not null as disabled, m.logo_url as "logoUrl",
        m.primary_color as "primaryColor", m.on_primary_color as "onPrimaryColor", m.time_zone as "timeZone",
        coalesce((select array_agg(h.host order by h.rank, h.host) from municipality_hosts h where h.municipality_id = m.id), '{}') as hosts
      from municipalities m where m.id = ${id}`,
  );
  return row;
}

/** The address a town's mails link to (the engine's one definition, for the workers' mails too). */
export const townUrl = townPortalUrl;
export { TOWN_PREFIX };

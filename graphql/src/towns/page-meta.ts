import { normaliseTrackingCode } from '@parvis/engine';
import type { Database } from '../common/database.ts';
import { proceduresOpenTo } from '../procedures/repository.ts';
import type { TownPage } from './town-page.ts';

/** What the served page of an address says before the portal runs: its status, title and description. */
export interface PageMeta {
  /** 404: no such page, procedure or tracking code (the portal then shows its not-found page) */
  status: 200 | 404;
  title: string;
  description: string;
  /** the page's main heading, in French, when the server knows it (a procedure's title): the portal shows it before its data comes */
  heading?: string;
}

/** The staff's areas of the portal: titled with the town alone here, kept from crawlers by robots.txt. */
export const STAFF_AREA_PATHS = ['agent', 'responsable', 'analyste', 'administration', 'plateforme'];

/**
 * The portal's pages a server can tell without running it (portal/src/router.ts declares them for
 * the portal): a citizen page that is not one of these, an unpublished procedure and a tracking
 * code no request of the town has answer 404. The agents' areas are the portal's to check.
 */
const STAFF_AREAS = new RegExp(`^/(${STAFF_AREA_PATHS.join('|')})(/|$)`);
const CITIZEN_PAGES =
  /^\/(suivi|connexion|inscription|mon-compte|informations\/(mentions-legales|accessibilite|confidentialite))\/?$/;

/** The citizen-facing procedures of a town (or the one named): published and open to the web. */
export async function webProcedures(db: Database, town: string, key?: string) {
  return db.within(town, async (tx) =>
    (await proceduresOpenTo(tx, 'web', key)).map(({ procedure, version }) => ({
      key: procedure.key,
      title: procedure.title_fr,
      updatedAt: version.deployed_at,
    })),
  );
}

/** The page `path` (without the town's prefix) of a town's portal. */
export async function pageMeta(db: Database, town: TownPage | undefined, path: string): Promise<PageMeta> {
  const name = town?.name ?? 'Parvis';
  const missing: PageMeta = {
    status: 404,
    title: `Page introuvable — ${name}`,
    description: `Cette page n’existe pas sur le portail de ${name}.`,
  };
  if (!town) return missing;
  const catalogue: PageMeta = {
    status: 200,
    title: `Démarches en ligne — ${name}`,
    description: `Les démarches de ${name} en ligne : faites votre demande à toute heure, recevez un accusé de réception et suivez-la avec son code.`,
  };
  const clean = path.replace(/\/+$/, '') || '/';
  if (clean === '/') return catalogue;
  if (STAFF_AREAS.test(clean)) return { ...catalogue, title: name };
  if (CITIZEN_PAGES.test(clean)) return { ...catalogue, title: name };

  const procedure = /^\/demarches\/([^/]+)$/.exec(clean);
  if (procedure) {
    const key = safeDecode(procedure[1]!);
    const [found] = key ? await webProcedures(db, town.id, key) : [];
    if (!found) return missing;
    return {
      status: 200,
      title: `${found.title} — ${name}`,
      heading: found.title,
      description: `${found.title} — démarche en ligne, ${name}. Remplissez le formulaire, recevez un accusé de réception et suivez votre demande avec son code.`,
    };
  }

  const tracked = /^\/(recu|suivi)\/([^/]+)(\/verification(\/[^/]+)?)?$/.exec(clean);
  if (tracked) {
    const code = safeDecode(tracked[2]!);
    const known =
      code &&
      (
        await db.within(
          town.id,
          (tx) => tx`select 1 from requests where tracking_code = ${normaliseTrackingCode(code)}`,
        )
      ).length > 0;
    return known ? { ...catalogue, title: name } : missing;
  }
  return missing;
}

const safeDecode = (text: string) => {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
};

import type { Request } from 'express';
import { relativeLuminance, shade } from './contrast.ts';
import { TOWN_PREFIX, type TownDirectory, type TownPage } from './town-page.ts';

/** What the portal reads of its town in its page (portal/src/municipality.ts reads the same shape). */
export interface PortalTown {
  /** null: no town answers here (an unknown host or slug) */
  id: string | null;
  name: string;
  disabled: boolean;
  logoUrl: string | null;
  /** the path prefix its router works under: '' on the town's own host, `/t/<slug>` on a shared one */
  base: string;
}

/** The town a page request is for: a path prefix `/t/<slug>/` first, else the host name. */
export async function townOfPage(
  towns: TownDirectory,
  req: Pick<Request, 'path' | 'headers'>,
): Promise<{ page: TownPage | undefined; base: string }> {
  const prefixed = req.path.startsWith(TOWN_PREFIX) ? req.path.slice(TOWN_PREFIX.length).split('/')[0] : undefined;
  if (prefixed !== undefined) {
    return { page: await towns.page(decodeURIComponent(prefixed)), base: `${TOWN_PREFIX}${prefixed}` };
  }
  const id = await towns.forHost(req.headers.host);
  return { page: id ? await towns.page(id) : undefined, base: '' };
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The portal's page for a town: its name in the title, a `parvis-town` meta tag the portal reads
 * at start, and its colours as the theme's variables (a nonce'd style: weaker than the reading
 * settings' high contrast, stronger than the theme's defaults).
 */
export function townHtml(index: string, town: TownPage | undefined, base: string, nonce: string): string {
  const portalTown: PortalTown = town
    ? { id: town.id, name: town.name, disabled: town.disabled, logoUrl: town.logoUrl, base }
    : { id: null, name: 'Parvis', disabled: false, logoUrl: null, base };
  const colours = town?.primaryColor
    ? `<style nonce="${nonce}">:root{--parvis-color-primary:${town.primaryColor};--parvis-color-primary-hover:${hover(town)};--parvis-color-focus:${town.primaryColor};--parvis-color-on-primary:${town.onPrimaryColor ?? '#ffffff'}}</style>`
    : '';
  const head = `<meta name="parvis-town" content="${escapeHtml(JSON.stringify(portalTown))}" />${colours}`;
  return index
    .replace(/<title>[^<]*<\/title>/, `<title>${escapeHtml(`${portalTown.name} — Parvis`)}</title>`)
    .replace('</head>', `${head}</head>`);
}

/** Hover moves the brand colour away from its text colour, so the contrast only grows. */
function hover(town: TownPage): string {
  const onPrimary = town.onPrimaryColor ?? '#ffffff';
  const primary = town.primaryColor!;
  return shade(primary, relativeLuminance(onPrimary) > relativeLuminance(primary) ? 0.2 : -0.2);
}

import type { Request } from 'express';
import type { FirstScreen } from '../common/first-screens.ts';
import { escapeMarkup } from '../common/markup.ts';
import { relativeLuminance, shade } from './contrast.ts';
import type { PageMeta } from './page-meta.ts';
import { TOWN_PREFIX, type TownDirectory, type TownPage } from './town-page.ts';

/** What the portal reads of its town in its page (portal/src/municipality.ts reads the same shape). */
export interface PortalTown {
  /** null: no town answers here (an unknown host or slug) */
  id: string | null;
  name: string;
  disabled: boolean;
  logoUrl: string | null;
  /** the town's time zone (IANA), Paris where no town answers */
  timeZone: string;
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

/**
 * The portal's page for a town: its name in the title, a `parvis-town` meta tag the portal reads
 * at start, its colours as the theme's variables (a nonce'd style: weaker than the reading
 * settings' high contrast, stronger than the theme's defaults), and the page's first screen.
 */
export function townHtml(
  index: string,
  town: TownPage | undefined,
  base: string,
  nonce: string,
  meta?: PageMeta & { url: string; preloads?: string; firstScreen?: FirstScreen },
): string {
  const portalTown: PortalTown = town
    ? { id: town.id, name: town.name, disabled: town.disabled, logoUrl: town.logoUrl, timeZone: town.timeZone, base }
    : { id: null, name: 'Parvis', disabled: false, logoUrl: null, timeZone: 'Europe/Paris', base };
  const colours = town?.primaryColor
    ? `<style nonce="${nonce}">:root{--parvis-color-primary:${town.primaryColor};--parvis-color-primary-hover:${hover(town)};--parvis-color-focus:${town.primaryColor};--parvis-color-on-primary:${town.onPrimaryColor ?? '#ffffff'}}</style>`
    : '';
  const head = `<meta name="parvis-town" content="${escapeMarkup(JSON.stringify(portalTown))}" />${colours}${meta ? describedBy(meta, portalTown, base) : ''}`;
  const title = meta?.title ?? `${portalTown.name} — Parvis`;
  // replacements by function: a `$` in a town's name or a title is not a replacement pattern
  const page = index.replace(/<title>[^<]*<\/title>/, () => `<title>${escapeMarkup(title)}</title>`);
  return (meta ? page.replace(/<meta name="description"[^>]*>/, '') : page)
    .replace('</head>', () => `${head}</head>`)
    .replace('<div id="app"></div>', (app) =>
      town && !town.disabled ? withFirstScreen(meta, portalTown, nonce) : app,
    );
}

/**
 * What the page shows before the portal's script has run: its first screen, filled in with the
 * town and the page's heading, so a phone on a slow network shows the page's heading at once.
 * The portal draws the same in its place when it starts. None for a page without one (or without
 * its heading), nor for a disabled town (whose notice would push it down).
 */
function withFirstScreen(
  meta: { heading?: string; firstScreen?: FirstScreen } | undefined,
  town: PortalTown,
  nonce: string,
): string {
  const screen = meta?.firstScreen;
  if (!screen || (screen.page.includes('{{heading}}') && !meta.heading)) return '<div id="app"></div>';
  const values: Record<string, string> = {
    town: town.name,
    base: town.base,
    heading: meta.heading ?? '',
    logoUrl: town.logoUrl ?? '',
  };
  const fill = (template: string): string =>
    template.replace(/\{\{(\w+)\}\}/g, (_, name: string) =>
      name === 'logo' ? (town.logoUrl ? fill(screen.logo) : '') : escapeMarkup(values[name] ?? ''),
    );
  return `<div id="app">${fill(screen.page)}</div><script nonce="${nonce}">${screen.guard}</script>`;
}

/**
 * What crawlers and link previews read of the page before the portal runs: its description, Open
 * Graph tags, the web app manifest, and the status the portal must show (404: its not-found page).
 */
function describedBy(meta: PageMeta & { url: string; preloads?: string }, town: PortalTown, base: string): string {
  const tag = (property: string, content: string) =>
    `<meta property="${property}" content="${escapeMarkup(content)}" />`;
  return [
    `<meta name="description" content="${escapeMarkup(meta.description)}" />`,
    tag('og:type', 'website'),
    tag('og:site_name', town.name),
    tag('og:locale', 'fr_FR'),
    tag('og:title', meta.title),
    tag('og:description', meta.description),
    tag('og:url', meta.url),
    tag('og:image', `${meta.url.replace(/^(https?:\/\/[^/]+).*$/, '$1')}/icons/parvis-512.png`),
    `<link rel="manifest" href="${escapeMarkup(base)}/manifest.webmanifest" />`,
    ...(meta.heading ? [`<meta name="parvis-heading" content="${escapeMarkup(meta.heading)}" />`] : []),
    `<link rel="apple-touch-icon" href="/icons/parvis-192.png" />`,
    ...(meta.status === 404 ? ['<meta name="parvis-status" content="404" />'] : []),
    meta.preloads ?? '',
  ].join('');
}

/** Hover moves the brand colour away from its text colour, so the contrast only grows. */
function hover(town: TownPage): string {
  const onPrimary = town.onPrimaryColor ?? '#ffffff';
  const primary = town.primaryColor!;
  return shade(primary, relativeLuminance(onPrimary) > relativeLuminance(primary) ? 0.2 : -0.2);
}

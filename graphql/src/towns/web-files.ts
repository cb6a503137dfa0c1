import { escapeMarkup } from '../common/markup.ts';
import { STAFF_AREA_PATHS } from './page-meta.ts';
import type { TownPage } from './town-page.ts';

// The files the web expects beside a town's portal: what crawlers may read (robots.txt), the
// public procedures they should (sitemap.xml), and how the portal installs as an app
// (manifest.webmanifest). Each is the town's own: its name, its colour, its address.

/**
 * Crawlers may read the catalogue and the procedures' forms; not the staff's areas, nor a
 * request's receipt or tracking page (their address holds its code).
 */
export function robotsTxt(townUrl: string, base: string): string {
  const disallowed = [...STAFF_AREA_PATHS.map((area) => `/${area}`), '/recu/', '/suivi/'];
  return [
    'User-agent: *',
    `Allow: ${base}/`,
    ...disallowed.map((path) => `Disallow: ${base}${path}`),
    `Sitemap: ${townUrl}/sitemap.xml`,
    '',
  ].join('\n');
}

/** The catalogue and each procedure a citizen can start online, with when its latest version came. */
export function sitemapXml(townUrl: string, procedures: { key: string; updatedAt: Date }[]): string {
  const url = (loc: string, lastmod?: Date) =>
    `  <url><loc>${escapeMarkup(loc)}</loc>${lastmod ? `<lastmod>${lastmod.toISOString().slice(0, 10)}</lastmod>` : ''}</url>`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    url(`${townUrl}/`),
    ...procedures.map((p) => url(`${townUrl}/demarches/${encodeURIComponent(p.key)}`, p.updatedAt)),
    '</urlset>',
    '',
  ].join('\n');
}

/** The portal's default colour (portal/src/theme.css), for a town that set none. */
const PARVIS_BLUE = '#1f4e79';

/** The web app manifest: the town's name and colour, its portal as the app's start and scope. */
export function webManifest(town: TownPage, base: string) {
  return {
    name: `${town.name} — démarches en ligne`,
    short_name: town.name.length <= 12 ? town.name : 'Démarches',
    description: `Les démarches de ${town.name} en ligne`,
    lang: 'fr',
    dir: 'ltr',
    start_url: `${base}/`,
    scope: `${base}/`,
    display: 'standalone',
    background_color: '#ffffff',
    theme_color: town.primaryColor ?? PARVIS_BLUE,
    // PNGs only: a browser checking the app is installable draws an SVG icon as a document of its
    // own, on the page's main thread, while the page loads
    icons: [
      { src: '/icons/parvis-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/icons/parvis-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: '/icons/parvis-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  };
}

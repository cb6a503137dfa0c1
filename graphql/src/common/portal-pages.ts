import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import express, { type Router } from 'express';
import type { MapServers } from '../municipalities/map-servers.ts';
import { pageMeta, webProcedures } from '../towns/page-meta.ts';
import { townHtml, townOfPage } from '../towns/portal-head.ts';
import type { TownDirectory } from '../towns/town-page.ts';
import { robotsTxt, sitemapXml, webManifest } from '../towns/web-files.ts';
import { compressedAssets } from './compressed-assets.ts';
import type { Database } from './database.ts';
import { firstScreens } from './first-screens.ts';
import { inlineStyleSheets } from './inline-styles.ts';
import { routePreloads } from './route-preloads.ts';
import { portalPolicy } from './security-headers.ts';

/** What the portal's build writes where each answer's nonce goes (portal/vite.config.ts, `html.cspNonce`). */
export const NONCE_PLACEHOLDER = 'PARVIS_CSP_NONCE';

// Off the event loop: every page answer is compressed anew (its nonce differs each time).
const gzipped = promisify(gzip);

/** The files each town answers beside its pages, at its root or under its `/t/<slug>` prefix. */
const TOWN_FILES = /(^|\/)(robots\.txt|sitemap\.xml|manifest\.webmanifest)$/;

/**
 * The built portal: its files as they are, the town's robots.txt, sitemap and web app manifest,
 * and for any page address (a GET without a file extension) its index.html, its own style sheets
 * written into it, with this answer's nonce in place, under the portal's policy, the town it is
 * for (host name or `/t/<slug>/` prefix), the page's title, description and Open Graph tags
 * written into it, and 404 for an address that names nothing.
 */
export function portalPages(portalDir: string, towns: TownDirectory, maps: MapServers, db: Database): Router {
  const index = inlineStyleSheets(readFileSync(join(portalDir, 'index.html'), 'utf8'), portalDir, NONCE_PLACEHOLDER);
  const pages = express.Router();
  const policy = portalPolicy(maps);
  const preloads = routePreloads(portalDir);
  const firstScreenAt = firstScreens(portalDir);
  pages.use(compressedAssets(portalDir));
  pages.use(express.static(portalDir, { index: false }));
  pages.use((req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const file = TOWN_FILES.exec(req.path)?.[2];
    if (!file && /\.[^/]*$/.test(req.path)) return next();
    (async () => {
      const { page, base } = await townOfPage(towns, req);
      const townUrl = page ? towns.urlOf(page) : '';
      if (file) {
        if (!page) return next();
        res.set('Cache-Control', 'public, max-age=300');
        if (file === 'robots.txt') return void res.type('text/plain').send(robotsTxt(townUrl, base));
        if (file === 'sitemap.xml')
          return void res.type('application/xml').send(sitemapXml(townUrl, await webProcedures(db, page.id)));
        return void res.type('application/manifest+json').send(JSON.stringify(webManifest(page, base), null, 2));
      }
      const path = req.path.slice(base.length) || '/';
      const meta = await pageMeta(db, page, path);
      const nonce = randomBytes(16).toString('base64');
      res.locals.cspNonce = nonce;
      const html = townHtml(index, page, base, nonce, {
        ...meta,
        url: `${townUrl}${path === '/' ? '/' : path}`,
        ...(meta.status === 200 ? { preloads: preloads(path), firstScreen: firstScreenAt(path) } : {}),
      }).replaceAll(NONCE_PLACEHOLDER, nonce);
      const gzipAccepted = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
      const body = gzipAccepted ? await gzipped(html) : html;
      policy(req, res, (error?: unknown) => {
        if (error) return next(error);
        res.status(meta.status).type('html').set('Cache-Control', 'no-store').set('Vary', 'Accept-Encoding');
        if (gzipAccepted) res.set('Content-Encoding', 'gzip');
        res.send(body);
      });
    })().catch(next);
  });
  return pages;
}

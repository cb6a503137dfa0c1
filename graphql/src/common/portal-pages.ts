import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Router } from 'express';
import { townHtml, townOfPage } from '../towns/portal-head.ts';
import type { TownDirectory } from '../towns/town-page.ts';
import { portalPolicy } from './security-headers.ts';

/** What the portal's build writes where each answer's nonce goes (portal/vite.config.ts, `html.cspNonce`). */
export const NONCE_PLACEHOLDER = 'PARVIS_CSP_NONCE';

/**
 * The built portal: its files as they are, and for any page address (a GET without a file
 * extension) its index.html with this answer's nonce in place, under the portal's policy, and the
 * town it is for (host name or `/t/<slug>/` prefix) written into it.
 */
export function portalPages(portalDir: string, towns: TownDirectory): Router {
  const index = readFileSync(join(portalDir, 'index.html'), 'utf8');
  const pages = express.Router();
  const policy = portalPolicy();
  pages.use(express.static(portalDir, { index: false }));
  pages.use((req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || /\.[^/]*$/.test(req.path)) return next();
    const nonce = randomBytes(16).toString('base64');
    res.locals.cspNonce = nonce;
    townOfPage(towns, req).then(({ page, base }) => {
      policy(req, res, (error?: unknown) => {
        if (error) return next(error);
        res
          .type('html')
          .set('Cache-Control', 'no-store')
          .send(townHtml(index, page, base, nonce).replaceAll(NONCE_PLACEHOLDER, nonce));
      });
    }, next);
  });
  return pages;
}

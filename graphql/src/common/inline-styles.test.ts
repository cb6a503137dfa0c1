import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inlineStyleSheets } from './inline-styles.ts';

describe('the portal page with its style sheets written in', () => {
  const portal = mkdtempSync(join(tmpdir(), 'portal-'));
  mkdirSync(join(portal, 'assets'));
  writeFileSync(
    join(portal, 'brand.css'),
    "/* the town hall's colours */\n:root { --parvis-color-primary: #1f4e79; }\n",
  );
  writeFileSync(join(portal, 'comments.css'), '/*\n * :root { --parvis-color-primary: #1f4e79; }\n */\n');
  writeFileSync(join(portal, 'assets', 'index-1.css'), '.site-header{display:flex}');
  writeFileSync(join(portal, 'assets', 'fonts.css'), '@font-face{src:url(./marianne.woff2)}');
  const page = (links: string) => `<head>${links}</head>`;

  it('writes each of the portal’s sheets in a style element with the nonce, in the order they came', () => {
    const html = page(
      '<link rel="stylesheet" href="/brand.css"  nonce="N"/><link rel="stylesheet" crossorigin href="/assets/index-1.css" nonce="N">',
    );

    expect(inlineStyleSheets(html, portal, 'N')).toBe(
      page(
        '<style nonce="N">:root { --parvis-color-primary: #1f4e79; }</style><style nonce="N">.site-header{display:flex}</style>',
      ),
    );
  });

  it('keeps linked a sheet that names other files, one the folder lacks, and one outside it', () => {
    const html = page(
      '<link rel="stylesheet" href="/assets/fonts.css"><link rel="stylesheet" href="/assets/gone.css"><link rel="stylesheet" href="/../etc/passwd">',
    );

    expect(inlineStyleSheets(html, portal, 'N')).toBe(html);
  });

  it('leaves out a sheet of comments alone', () => {
    expect(inlineStyleSheets(page('<link rel="stylesheet" href="/comments.css">'), portal, 'N')).toBe(page(''));
  });
});

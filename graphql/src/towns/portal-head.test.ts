import { describe, expect, it } from 'vitest';
import { townHtml } from './portal-head.ts';
import type { TownPage } from './town-page.ts';

const INDEX =
  '<html><head><title>Parvis — votre mairie en ligne</title></head><body><div id="app"></div></body></html>';
const town: TownPage = {
  id: 'villedeux',
  name: 'Mairie de "Villedeux" <script>alert(1)</script>',
  disabled: false,
  logoUrl: null,
  primaryColor: '#7a1f3d',
  onPrimaryColor: '#ffffff',
  timeZone: 'America/Cayenne',
  hosts: [],
};

describe('townHtml', () => {
  it('writes the town into the page, its name escaped, its colours in a style carrying the nonce', () => {
    const html = townHtml(INDEX, town, '/t/villedeux', 'n0nce');
    expect(html).not.toContain('<script>alert');
    expect(html).toContain(
      '<title>Mairie de &quot;Villedeux&quot; &lt;script&gt;alert(1)&lt;/script&gt; — Parvis</title>',
    );
    const meta = /<meta name="parvis-town" content="([^"]*)"/.exec(html)![1]!;
    expect(
      JSON.parse(
        meta.replaceAll('&quot;', '"').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&'),
      ),
    ).toEqual({
      id: 'villedeux',
      name: town.name,
      disabled: false,
      logoUrl: null,
      timeZone: 'America/Cayenne',
      base: '/t/villedeux',
    });
    // the hover darkens the primary colour under white text: the contrast only grows
    expect(html).toContain(
      '<style nonce="n0nce">:root{--parvis-color-primary:#7a1f3d;--parvis-color-primary-hover:#621931;--parvis-color-focus:#7a1f3d;--parvis-color-on-primary:#ffffff}</style></head>',
    );
  });

  it('writes a procedure’s heading, escaped, for the portal to show before its data; none for other pages', () => {
    const page = { status: 200 as const, title: 't', description: 'd', url: 'http://parvis.test/demarches/x' };
    const html = townHtml(INDEX, town, '', 'n', { ...page, heading: 'Signaler un "problème" <b>' });
    expect(html).toContain('<meta name="parvis-heading" content="Signaler un &quot;problème&quot; &lt;b&gt;" />');
    expect(townHtml(INDEX, town, '', 'n', page)).not.toContain('parvis-heading');
  });

  it('without colours, leaves Parvis’s; without a town, says none (id null)', () => {
    expect(townHtml(INDEX, { ...town, primaryColor: null }, '', 'n')).not.toContain('<style');
    expect(townHtml(INDEX, undefined, '', 'n')).toContain('&quot;id&quot;:null');
  });

  describe('the first screen', () => {
    // as the portal's build writes it (portal/src/first-screen.ts), cut short
    const firstScreen = {
      page: '<header><a href="{{base}}/">{{logo}}<span>{{town}}</span></a></header><main><h1>{{heading}}</h1></main>',
      logo: '<img src="{{logoUrl}}" alt="" />',
      guard: 'guard()',
    };
    const meta = { status: 200 as const, title: 't', description: 'd', url: 'http://parvis.test/demarches/x' };
    const app = (html: string) => /<div id="app">.*<\/div>(<script[^>]*>[^<]*<\/script>)?/.exec(html)![0];

    it('fills in the town, its prefix, its logo and the heading, escaped, and runs its guard under the nonce', () => {
      const html = townHtml(INDEX, { ...town, logoUrl: '/t/villedeux/logo.png?a=1&b="2"' }, '/t/villedeux', 'n0nce', {
        ...meta,
        heading: 'Signaler un "problème" <b>',
        firstScreen,
      });
      expect(app(html)).toBe(
        '<div id="app"><header><a href="/t/villedeux/"><img src="/t/villedeux/logo.png?a=1&amp;b=&quot;2&quot;" alt="" />' +
          '<span>Mairie de &quot;Villedeux&quot; &lt;script&gt;alert(1)&lt;/script&gt;</span></a></header>' +
          '<main><h1>Signaler un &quot;problème&quot; &lt;b&gt;</h1></main></div><script nonce="n0nce">guard()</script>',
      );
    });

    it('leaves the logo out for a town without one', () => {
      expect(townHtml(INDEX, town, '', 'n', { ...meta, heading: 'h', firstScreen })).toContain(
        '<a href="/"><span>Mairie',
      );
    });

    it('draws none for a disabled town (its notice comes first), a page without one, or a procedure without its heading', () => {
      for (const html of [
        townHtml(INDEX, { ...town, disabled: true }, '', 'n', { ...meta, heading: 'h', firstScreen }),
        townHtml(INDEX, town, '', 'n', meta),
        townHtml(INDEX, town, '', 'n', { ...meta, firstScreen }),
        townHtml(INDEX, undefined, '', 'n', { ...meta, heading: 'h', firstScreen }),
      ])
        expect(app(html)).toBe('<div id="app"></div>');
    });

    it('keeps a `$` in a name or a title as it is (no replacement pattern)', () => {
      const html = townHtml(INDEX, { ...town, name: "Saint-$'Pierre" }, '', 'n', {
        ...meta,
        title: "Payer 5 $& d'avance",
        heading: "Payer 5 $& d'avance",
        firstScreen,
      });
      expect(html).toContain('<title>Payer 5 $&amp; d&#39;avance</title>');
      expect(app(html)).toContain('<span>Saint-$&#39;Pierre</span>');
      expect(app(html)).toContain('<h1>Payer 5 $&amp; d&#39;avance</h1>');
    });
  });
});

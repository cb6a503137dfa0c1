import { describe, expect, it } from 'vitest';
import { townHtml } from './portal-head.ts';
import type { TownPage } from './town-page.ts';

const INDEX = '<html><head><title>Parvis — votre mairie en ligne</title></head><body></body></html>';
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
});

import { describe, expect, it } from 'vitest';
import { robotsTxt, sitemapXml, webManifest } from './web-files.ts';

describe('a town’s web files', () => {
  it('keeps crawlers to the catalogue and forms of a town under its prefix, and names its sitemap', () => {
    const robots = robotsTxt('https://parvis.example/t/lyon', '/t/lyon');
    expect(robots.split('\n')).toEqual([
      'User-agent: *',
      'Allow: /t/lyon/',
      'Disallow: /t/lyon/agent',
      'Disallow: /t/lyon/responsable',
      'Disallow: /t/lyon/analyste',
      'Disallow: /t/lyon/administration',
      'Disallow: /t/lyon/plateforme',
      'Disallow: /t/lyon/recu/',
      'Disallow: /t/lyon/suivi/',
      'Sitemap: https://parvis.example/t/lyon/sitemap.xml',
      '',
    ]);
  });

  it('lists the catalogue and each procedure in the sitemap, addresses escaped, dates as days', () => {
    const xml = sitemapXml('https://mairie.example/?a=1&b=2', [
      { key: 'carte grise', updatedAt: new Date('2026-11-30T23:30:00Z') },
    ]);
    expect(xml).toContain('<url><loc>https://mairie.example/?a=1&amp;b=2/</loc></url>');
    expect(xml).toContain(
      '<url><loc>https://mairie.example/?a=1&amp;b=2/demarches/carte%20grise</loc><lastmod>2026-11-30</lastmod></url>',
    );
  });

  it('names the app after its town, in its colour, the portal its scope', () => {
    const town = {
      id: 'lyon',
      name: 'Ville de Lyon',
      disabled: false,
      logoUrl: null,
      primaryColor: '#a00000',
      onPrimaryColor: null,
      timeZone: 'Europe/Paris',
      hosts: [],
    };
    expect(webManifest(town, '/t/lyon')).toMatchObject({
      name: 'Ville de Lyon — démarches en ligne',
      short_name: 'Démarches',
      start_url: '/t/lyon/',
      scope: '/t/lyon/',
      theme_color: '#a00000',
    });
    expect(webManifest({ ...town, name: 'Albi', primaryColor: null }, '').short_name).toBe('Albi');
  });
});

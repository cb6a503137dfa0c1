import { upsertAgent } from '@parvis/graphql';
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkPage, portalInChromium, signInAgent } from '../support/browser.ts';
import { eventually } from '../support/graphql-client.ts';
import type { RunningParvis } from '../support/parvis.ts';

// Issue 16, points 1–2 in Chromium: the town's administrator gives a department the contact the
// acknowledgement names; an agent declares a file incomplete from the request's page, ticking the
// missing pieces the procedure lists, then complete. At 1280 and 375 pixels wide.

const ADMIN = { email: 'admin@demoville.fr', password: 'demo-admin-password' };
const SUBMIT = `mutation ($data: JSON!) { submitRequest(municipality: "demo", procedure: "occupation-domaine-public", data: $data) { trackingCode } }`;
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

describe('file completeness in Chromium: a department’s contact, a file declared incomplete then complete', () => {
  let parvis: RunningParvis;
  let browser: Browser;

  portalInChromium((started) => ({ parvis, browser } = started));
  beforeAll(async () => {
    await upsertAgent(parvis.sql, {
      municipalityId: 'demo',
      ...ADMIN,
      displayName: 'Ada Admin',
      roles: ['administrator'],
      groups: [],
    });
  });

  async function pageOf(width: number, email: string, password: string): Promise<Page> {
    const page = await (await browser.newContext({ locale: 'fr-FR', viewport: { width, height: 900 } })).newPage();
    await signInAgent(page, parvis.url, email, password);
    return page;
  }

  const attach = async (field: string) => {
    const body = new FormData();
    body.append('file', new Blob([PDF], { type: 'application/pdf' }), `${field}.pdf`);
    const response = await fetch(`${parvis.url}/files/demo/occupation-domaine-public?field=${field}`, {
      method: 'POST',
      body,
    });
    return [((await response.json()) as { id: string }).id];
  };

  it('lets the administrator give a department its postal address, phone and e-mail, refusing a bad phone', {
    timeout: 180_000,
  }, async () => {
    const page = await pageOf(1280, ADMIN.email, ADMIN.password);
    await page.goto(`${parvis.url}/administration/services`);
    await page.getByLabel('Nouveau service').fill('Espace public');
    await page.getByRole('button', { name: 'Ajouter le service' }).click();
    const department = page.getByRole('group', { name: 'Pour joindre le service Espace public' });
    await department.waitFor();
    await department.getByLabel('Téléphone').fill('appelez-nous');
    await department.getByRole('button', { name: 'Enregistrer les coordonnées' }).click();
    await department.getByText('Numéro de téléphone illisible').waitFor();
    await department.getByLabel('Adresse postale').fill('12 rue de la Mairie, 75001 Démoville');
    await department.getByLabel('Téléphone').fill('01 23 45 67 89');
    await department.getByLabel('Adresse e-mail').fill('espace-public@demoville.fr');
    await department.getByRole('button', { name: 'Enregistrer les coordonnées' }).click();
    await department
      .getByRole('status')
      .filter({ hasText: 'Coordonnées du service Espace public enregistrées.' })
      .waitFor();
    const [stored] = await parvis.sql<{ postal_address: string; phone: string; email: string }[]>`
      select postal_address, phone, email from departments where name = 'Espace public'`;
    expect(stored).toEqual({
      postal_address: '12 rue de la Mairie, 75001 Démoville',
      phone: '01 23 45 67 89',
      email: 'espace-public@demoville.fr',
    });
    await checkPage(page, 'department-contact-1280');
  });

  for (const width of [1280, 375])
    it(`at ${width} px, an agent declares the Kbis missing, then the file complete`, { timeout: 240_000 }, async () => {
      // given a terrace request filed with its plan and insurance certificate
      const { submitRequest } = await parvis.client().data<{ submitRequest: { trackingCode: string } }>(SUBMIT, {
        data: {
          qualite: 'entreprise',
          raisonSociale: 'Café des Arts',
          siret: '12345678901234',
          nomDemandeur: 'Nora Benali',
          typeOccupation: 'terrasse',
          adresse: '5 rue des Arts',
          surface: 8,
          dateDebut: '2027-04-01',
          dateFin: '2027-06-30',
          plan: await attach('plan'),
          attestationAssurance: await attach('attestationAssurance'),
          email: `nora.${width}@example.fr`,
        },
      });
      const code = submitRequest.trackingCode;
      await eventually(async () => {
        const [row] =
          await parvis.sql`select 1 from requests where tracking_code = ${code} and implicit_decision_at is not null`;
        return row;
      }, 60_000);

      // when the roads agent opens it and ticks the missing Kbis
      const page = await pageOf(width, 'voirie@demoville.fr', 'demo-voirie');
      await page.goto(`${parvis.url}/agent/demandes/${code}`);
      const panel = page.getByTestId('completeness-panel');
      await panel.getByText('Dossier complet.').waitFor({ timeout: 60_000 });
      await panel.getByRole('button', { name: 'Déclarer le dossier incomplet' }).click();
      await panel.getByRole('alert').filter({ hasText: 'Cochez au moins une pièce manquante.' }).waitFor();
      await panel.getByLabel('Extrait Kbis de moins de trois mois (entreprises)').check();
      await panel.getByRole('button', { name: 'Déclarer le dossier incomplet' }).click();

      // then the page says since when, by whom, until when, and which piece; no implicit decision is on its way
      await panel.getByText(/Dossier incomplet depuis le .* \(déclaré par Sacha Voirie\)/).waitFor();
      await panel.getByRole('listitem').filter({ hasText: 'Extrait Kbis de moins de trois mois' }).waitFor();
      const [row] = await parvis.sql`select implicit_decision_at from requests where tracking_code = ${code}`;
      expect(row!.implicit_decision_at).toBeNull();
      await page.getByText('Dossier incomplet : des pièces manquent').first().waitFor();
      if (width === 375)
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await checkPage(page, `file-incomplete-${width}`);

      // and the citizen, following the request, reads which piece the town hall waits for and by when
      const citizen = await (await browser.newContext({ locale: 'fr-FR', viewport: { width, height: 900 } })).newPage();
      await citizen.goto(`${parvis.url}/suivi/${code}`);
      await citizen.getByLabel('Adresse e-mail').fill(`nora.${width}@example.fr`);
      await citizen.getByRole('button', { name: 'Voir ma demande' }).click();
      const missing = citizen.getByTestId('missing-pieces');
      await missing.getByText('Votre dossier est incomplet').waitFor({ timeout: 30_000 });
      await missing.getByText(/la mairie attend ces pièces, au plus tard le \d+ \S+ 20\d\d/).waitFor();
      await missing.getByRole('listitem').filter({ hasText: 'Extrait Kbis de moins de trois mois' }).waitFor();
      await checkPage(citizen, `file-incomplete-citizen-${width}`);

      // when the piece comes and the agent declares the file complete
      await panel.getByRole('button', { name: 'Déclarer le dossier complet' }).click();
      await panel.getByText(/Dossier complet depuis le .* : les délais courent depuis cette date\./).waitFor();
      await checkPage(page, `file-complete-${width}`);
    });
});

import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkPage, inboxRow, portalInChromium, signInAgent, standInTileServer } from '../support/browser.ts';
import type { RunningParvis } from '../support/parvis.ts';

/** The demo municipality's town hall, where the citizen's map opens (seed). */
const TOWN_HALL = { latitude: 48.8566, longitude: 2.3522 };
/** Where the citizen's device says they stand. */
const HERE = { latitude: 48.853, longitude: 2.3499 };
const EMAIL = 'noe.bernard@example.fr';
const POTHOLE = 'Un nid-de-poule profond sur la chaussée, dangereux pour les vélos.';

describe('a report with its place picked on the map, from the citizen to the manager’s dashboard', () => {
  let parvis: RunningParvis;
  let browser: Browser;

  portalInChromium((started) => ({ parvis, browser } = started));

  const signIn = (page: Page, email: string, password: string) => signInAgent(page, parvis.url, email, password);

  /** The map comes as the citizen scrolls to the place's fields (it loads once near the screen). */
  async function scrollToMap(page: Page) {
    await page.locator('.form-place').first().scrollIntoViewIfNeeded({ timeout: 60_000 });
  }

  async function openReportForm(procedure = 'signalement', label = 'Lieu du problème') {
    const context = await browser.newContext({ locale: 'fr-FR', geolocation: HERE, permissions: ['geolocation'] });
    const page = await context.newPage();
    await page.goto(`${parvis.url}/demarches/${procedure}`);
    await scrollToMap(page);
    const map = page.getByRole('application', { name: `Carte : ${label}` });
    await map.waitFor({ timeout: 60_000 });
    const coordinates = async () => ({
      latitude: Number(await page.getByRole('textbox', { name: 'Latitude', exact: true }).inputValue()),
      longitude: Number(await page.getByRole('textbox', { name: 'Longitude', exact: true }).inputValue()),
    });
    return { page, map, coordinates };
  }

  /** What the form holds (its draft in this tab), once it holds the values typed. */
  async function settled(page: Page, values: Record<string, unknown>) {
    const draft = async () =>
      JSON.parse((await page.evaluate(() => sessionStorage.getItem('parvis.draft.procedure.signalement'))) ?? '{}');
    await expect.poll(draft).toMatchObject(values);
  }

  it('a citizen picks the place on the map; the agent sees it and closes the report; the dashboard maps it', {
    timeout: 300_000,
  }, async () => {
    // given a citizen on the report form: the map opens on the town hall, drawn on the IGN's plan
    const { page: citizen, map, coordinates } = await openReportForm();
    await expect
      .poll(() => citizen.locator('.place-picker__source').textContent())
      .toContain('Fond de carte : © IGN – Géoplateforme.');
    await expect.poll(() => map.locator('image').count()).toBeGreaterThan(0);
    const ignTiles = parvis.maps.asked.filter((asked) => asked.startsWith('/wmts?'));
    expect(ignTiles.length).toBeGreaterThan(0);
    expect(
      ignTiles.every((tile) =>
        /LAYER=GEOGRAPHICALGRIDSYSTEMS\.PLANIGNV2.*TILEMATRIX=16&TILEROW=\d+&TILECOL=\d+$/.test(tile),
      ),
    ).toBe(true);
    expect(await citizen.locator('.place-picker__where').textContent()).toBe('Aucun repère placé.');
    await checkPage(citizen, 'place-01-form');

    // when they click the map up and to the right of its centre
    await map.scrollIntoViewIfNeeded();
    const box = (await map.boundingBox())!;
    await citizen.mouse.click(box.x + box.width / 2 + 80, box.y + box.height / 2 - 40);

    // then the pin is there: the form's latitude and longitude hold a point north-east of the town hall
    await expect.poll(async () => (await coordinates()).latitude).toBeGreaterThan(TOWN_HALL.latitude);
    const clicked = await coordinates();
    expect(clicked.longitude).toBeGreaterThan(TOWN_HALL.longitude);
    expect(clicked.latitude - TOWN_HALL.latitude).toBeLessThan(0.01);
    expect(await citizen.locator('.place-picker__where').textContent()).toMatch(
      /^Repère placé : latitude 48,85\d+, longitude 2,35\d+\.$/,
    );

    // when they move it with the keyboard, two steps to the left and one down
    await map.focus();
    for (const key of ['ArrowLeft', 'ArrowLeft', 'ArrowDown']) await map.press(key);
    // then it moved west and south, and the fields follow
    await expect.poll(async () => (await coordinates()).longitude).toBeLessThan(clicked.longitude);
    const moved = await coordinates();
    expect(moved.latitude).toBeLessThan(clicked.latitude);

    // when they drag the map's background, the pin stays on the same place
    await citizen.mouse.move(box.x + 60, box.y + box.height - 60);
    await citizen.mouse.down();
    await citizen.mouse.move(box.x + 160, box.y + box.height - 100, { steps: 5 });
    await citizen.mouse.up();
    expect(await coordinates()).toEqual(moved);

    // when they drag the pin itself to the right
    const pin = (await citizen.locator('.place-picker__pin').boundingBox())!;
    await citizen.mouse.move(pin.x + pin.width / 2, pin.y + pin.height * 0.4);
    await citizen.mouse.down();
    await citizen.mouse.move(pin.x + pin.width / 2 + 60, pin.y + pin.height * 0.4, { steps: 5 });
    await citizen.mouse.up();
    // then it is further east
    await expect.poll(async () => (await coordinates()).longitude).toBeGreaterThan(moved.longitude);

    // when they ask for their own position instead
    await citizen.getByRole('button', { name: 'Utiliser ma position' }).click();
    // then the pin is where the device stands, and the nearest address fills in
    await expect.poll(coordinates).toEqual(HERE);
    const addressField = citizen.getByRole('textbox', { name: 'Adresse ou lieu précis', exact: true });
    await expect.poll(() => addressField.inputValue()).toBe('3 Quai de Corse 75004 Paris');
    expect(await citizen.locator('.place-picker__address').textContent()).toBe(
      'Adresse la plus proche : 3 Quai de Corse 75004 Paris.',
    );

    // and they describe the place and the problem, and send the report
    await citizen
      .getByRole('textbox', { name: 'Adresse ou lieu précis', exact: true })
      .fill('Devant le 12 rue de la Gare');
    await citizen.locator('.fjs-form-field-select .fjs-input-group').click();
    await citizen.locator('.fjs-dropdownlist-item', { hasText: 'Nid-de-poule' }).click();
    await citizen.getByRole('textbox', { name: 'Description du problème', exact: true }).fill(POTHOLE);
    await citizen.getByRole('textbox', { name: 'Votre adresse e-mail', exact: true }).fill(EMAIL);
    await settled(citizen, { message: POTHOLE, email: EMAIL, address: 'Devant le 12 rue de la Gare' });
    await checkPage(citizen, 'place-02-form-pinned');
    await citizen.getByRole('button', { name: 'Envoyer ma demande' }).click();
    await citizen.waitForURL(/\/recu\//);
    const code = (await citizen.getByTestId('tracking-code').textContent())!.trim();
    await checkPage(citizen, 'place-03-receipt');

    // then the request keeps the place where the dashboard and Open311 read it
    const [stored] = await parvis.sql<{ data: Record<string, unknown> }[]>`
      select data from requests where tracking_code = ${code}`;
    expect(stored!.data).toMatchObject({ ...HERE, address: 'Devant le 12 rue de la Gare', categorie: 'chaussee' });

    // given the roads agent, whose inbox shows the report with its channel
    const agent = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
    await signIn(agent, 'voirie@demoville.fr', 'demo-voirie');
    const row = await inboxRow(agent, code);
    expect(await row.locator('.channel .visually-hidden').textContent()).toBe('Internet');
    await checkPage(agent, 'place-04-inbox');

    // when they open it, they see the place on the map and the address
    await row.getByRole('link', { name: 'Intervenir sur la voirie' }).click();
    const place = agent.locator('figure.place-view');
    await place.waitFor();
    expect(await place.locator('figcaption').textContent()).toContain(
      'Lieu indiqué : Devant le 12 rue de la Gare (latitude 48,85300, longitude 2,34990).',
    );
    expect(await agent.locator('.request-data').textContent()).toContain('Devant le 12 rue de la Gare');
    await checkPage(agent, 'place-05-task');

    // and complete it
    await agent.getByRole('radio', { name: 'Réparé ou nettoyé' }).check();
    await agent
      .getByRole('textbox', { name: "Commentaire pour l'habitant", exact: true })
      .fill('Le trou a été rebouché ce matin.');
    await agent.getByRole('button', { name: 'Terminer la tâche' }).click();
    await agent.getByRole('status').filter({ hasText: 'Tâche terminée' }).waitFor();
    await checkPage(agent, 'place-06-task-done');
    await expect
      .poll(
        async () =>
          (await parvis.sql<{ status: string }[]>`select status from requests where tracking_code = ${code}`)[0]
            ?.status,
        { timeout: 60_000, interval: 500 },
      )
      .toBe('closed');

    // then the citizen's tracking page shows it closed
    await citizen.goto(`${parvis.url}/suivi/${code}`);
    await citizen.getByLabel('Adresse e-mail').fill(EMAIL);
    await citizen.getByRole('button', { name: 'Voir ma demande' }).click();
    await citizen.locator('.timeline').waitFor();
    expect(await citizen.locator('.status').textContent()).toBe('Close');
    await checkPage(citizen, 'place-07-tracking');

    // and the manager's dashboard counts it and puts it on its map
    const manager = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
    await signIn(manager, 'manager@demoville.fr', 'demo-manager');
    await manager.goto(`${parvis.url}/responsable`);
    await manager.getByRole('heading', { level: 1, name: 'Tableau de bord' }).waitFor();
    expect(await manager.locator('[data-kpi="submitted"] .kpis__value').textContent()).toBe('1');
    expect(await manager.locator('[data-kpi="closed"] .kpis__value').textContent()).toBe('1');
    await manager.locator('.request-map__marker').first().waitFor();
    expect(await manager.locator('.request-map__marker').count()).toBe(1);
    expect(await manager.locator('.request-map__marker').getAttribute('title')).toBe(code);
    await manager.getByText('Liste des demandes de la carte (1)').click();
    const located = manager.locator('.request-map__table tbody tr');
    expect(await located.locator('th').textContent()).toBe(code);
    expect(await located.textContent()).toContain('48,853');
    await checkPage(manager, 'place-08-dashboard');
  });

  it('refuses half a place typed in the fields, beside the missing one, and keeps what was typed', {
    timeout: 120_000,
  }, async () => {
    // given a citizen who types a latitude only
    const { page: citizen, map } = await openReportForm();
    await citizen.getByRole('textbox', { name: 'Latitude', exact: true }).fill('48.86');
    await citizen.locator('.fjs-form-field-select .fjs-input-group').click();
    await citizen.locator('.fjs-dropdownlist-item', { hasText: 'Tag ou graffiti' }).click();
    await citizen
      .getByRole('textbox', { name: 'Description du problème', exact: true })
      .fill('Un grand tag sur le mur de l’école.');
    await citizen.getByRole('textbox', { name: 'Votre adresse e-mail', exact: true }).fill(EMAIL);
    await settled(citizen, { latitude: 48.86, email: EMAIL });

    // when they send it
    await citizen.getByRole('button', { name: 'Envoyer ma demande' }).click();

    // then the longitude is asked for beside its field, and the latitude stays
    const longitudeField = citizen.locator('.fjs-form-field', {
      has: citizen.getByRole('textbox', { name: 'Longitude', exact: true }),
    });
    await expect
      .poll(() => longitudeField.locator('.fjs-form-field-error').textContent())
      .toBe('Indiquez aussi la longitude : un lieu a une latitude et une longitude (placez-le sur la carte).');
    expect(await citizen.getByRole('textbox', { name: 'Latitude', exact: true }).inputValue()).toBe('48.86');
    expect(await map.getAttribute('data-latitude')).toBeNull();
    await checkPage(citizen, 'place-09-half-a-place');

    // when they type the longitude too, the pin appears there
    await citizen.getByRole('textbox', { name: 'Longitude', exact: true }).fill('2.34');
    await expect.poll(() => map.getAttribute('data-longitude')).toBe('2.34');
    expect(await map.getAttribute('data-latitude')).toBe('48.86');
    expect(await citizen.getByRole('status').filter({ hasText: 'Repère placé' }).count()).toBe(1);

    // when they switch to English, the form is drawn again with its map, the pin where it was
    await citizen.getByRole('button', { name: 'English' }).click();
    const mapInEnglish = citizen.getByRole('application', { name: 'Map: Lieu du problème' });
    await mapInEnglish.waitFor();
    expect(await mapInEnglish.getAttribute('data-latitude')).toBe('48.86');
    expect(await citizen.getByRole('button', { name: 'Use my position' }).count()).toBe(1);
    expect(await citizen.locator('.place-picker__where').textContent()).toBe(
      'Pin placed: latitude 48.86000, longitude 2.34000.',
    );
    await checkPage(citizen, 'place-10-form-en');
  });

  it('type an address, the pin moves; move the pin, the nearest address fills in; the permit form too', {
    timeout: 180_000,
  }, async () => {
    // given a citizen on the report form
    const { page: citizen, map, coordinates } = await openReportForm();
    const addressField = citizen.getByRole('textbox', { name: 'Adresse ou lieu précis', exact: true });

    // when they look up an address
    await citizen.getByRole('searchbox', { name: 'Rechercher une adresse' }).fill('rue de la gare');
    await citizen.getByRole('button', { name: 'Chercher l’adresse' }).click();

    // then the pin moves there, the form's address is the one found, and the others are offered
    await expect.poll(coordinates).toEqual({ latitude: 48.8581, longitude: 2.3571 });
    expect(await addressField.inputValue()).toBe('12 Rue de la Gare 75004 Paris');
    expect(await citizen.locator('.place-picker__address').textContent()).toBe(
      'Adresse trouvée : 12 Rue de la Gare 75004 Paris. Le repère y est placé.',
    );
    expect(await citizen.getByRole('button', { name: '14 Rue de la Gare 75004 Paris' }).count()).toBe(1);
    // the geocoder was asked as the BAN's API is, near the town hall
    const search = parvis.maps.asked.find((asked) => asked.startsWith('/geocodage/search?'))!;
    expect(Object.fromEntries(new URL(search, 'http://x').searchParams)).toMatchObject({
      q: 'rue de la gare',
      limit: '5',
      lat: '48.85660',
      lon: '2.35220',
    });
    await checkPage(citizen, 'place-12-address-found');

    // when they move the pin some forty metres east with the keyboard
    await map.focus();
    await map.press('Shift+ArrowRight');

    // then the nearest address to its new place fills in
    await expect.poll(() => addressField.inputValue()).toBe('14 Rue de la Gare 75004 Paris');
    expect((await coordinates()).longitude).toBeGreaterThan(2.3571);
    expect(
      parvis.maps.asked.some((asked) => /^\/geocodage\/reverse\?lon=2\.357\d+&lat=48\.858\d+&limit=1$/.test(asked)),
    ).toBe(true);

    // when they look up something no address matches, the pin stays and they are told
    await citizen.getByRole('searchbox', { name: 'Rechercher une adresse' }).fill('impasse introuvable');
    await citizen.getByRole('searchbox', { name: 'Rechercher une adresse' }).press('Enter');
    await expect
      .poll(() => citizen.locator('.place-picker__address').textContent())
      .toBe('Aucune adresse trouvée pour « impasse introuvable » : vérifiez-la, ou placez le repère sur la carte.');
    expect(await addressField.inputValue()).toBe('14 Rue de la Gare 75004 Paris');

    // given the occupation permit's form: its place is picked on the same map
    const {
      page: applicant,
      map: permitMap,
      coordinates: permitCoordinates,
    } = await openReportForm('occupation-domaine-public', 'Emplacement');
    await applicant.getByRole('searchbox', { name: 'Rechercher une adresse' }).fill('Place de l’Hôtel de Ville');
    await applicant.getByRole('button', { name: 'Chercher l’adresse' }).click();
    await expect.poll(permitCoordinates).toEqual({ latitude: 48.85661, longitude: 2.35222 });
    expect(await applicant.getByRole('textbox', { name: "Adresse de l'emplacement", exact: true }).inputValue()).toBe(
      "Place de l'Hôtel de Ville 75004 Paris",
    );
    expect(await permitMap.getAttribute('data-latitude')).toBe('48.85661');
    await permitMap.scrollIntoViewIfNeeded();
    await checkPage(applicant, 'place-13-permit-form');
  });

  it('a geocoder that times out, and tile servers that do not answer: the citizen is told, the grid is drawn, nothing is written', {
    timeout: 180_000,
  }, async () => {
    try {
      // given an address server that takes questions and never answers
      parvis.maps.geocoderStalls = true;
      const { page: citizen, coordinates } = await openReportForm();
      const addressField = citizen.getByRole('textbox', { name: 'Adresse ou lieu précis', exact: true });
      await addressField.fill('Devant la boulangerie');

      // when the citizen looks up an address
      await citizen.getByRole('searchbox', { name: 'Rechercher une adresse' }).fill('12 rue de la Gare');
      await citizen.getByRole('button', { name: 'Chercher l’adresse' }).click();

      // then after five seconds they are told to place the pin themselves; no pin, their words kept
      const note = citizen.locator('.place-picker__address');
      await expect.poll(() => note.textContent()).toBe('Recherche de l’adresse…');
      await expect
        .poll(() => note.textContent(), { timeout: 15_000 })
        .toBe(
          'Le service des adresses ne répond pas : placez le repère sur la carte et saisissez l’adresse vous-même.',
        );
      expect(await citizen.getByRole('textbox', { name: 'Latitude', exact: true }).inputValue()).toBe('');
      expect(await citizen.locator('.place-picker__where').textContent()).toBe('Aucun repère placé.');
      expect(await addressField.inputValue()).toBe('Devant la boulangerie');
      await checkPage(citizen, 'place-14-geocoder-timeout');

      // given tile servers that are down too
      parvis.maps.tilesDown = true;
      await citizen.reload();
      await scrollToMap(citizen);
      const map = citizen.getByRole('application', { name: 'Carte : Lieu du problème' });
      await map.waitFor({ timeout: 60_000 });

      // then the map is a plain grid, and says why
      await expect
        .poll(() => citizen.locator('.place-picker__source').textContent())
        .toContain('Fond de carte : quadrillage (le serveur de cartes ne répond pas).');
      expect(await map.locator('image').count()).toBe(0);
      expect(await map.locator('line').count()).toBeGreaterThan(4);

      // and a pin placed on it still fills the form's coordinates, though no address can come
      await map.focus();
      await map.press('Enter');
      await expect.poll(async () => (await coordinates()).latitude).toBeCloseTo(48.8566, 3);
      await expect
        .poll(() => note.textContent(), { timeout: 15_000 })
        .toBe(
          'Le service des adresses ne répond pas : placez le repère sur la carte et saisissez l’adresse vous-même.',
        );
      expect(await addressField.inputValue()).toBe('Devant la boulangerie');
      await map.scrollIntoViewIfNeeded();
      await checkPage(citizen, 'place-15-no-map-server');
    } finally {
      parvis.maps.geocoderStalls = false;
      parvis.maps.tilesDown = false;
    }
  });

  it('draws the maps on OpenStreetMap when the town chooses it', { timeout: 120_000 }, async () => {
    // given the manager, who chooses OpenStreetMap among the dashboard's settings
    const manager = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
    await signIn(manager, 'manager@demoville.fr', 'demo-manager');
    await manager.goto(`${parvis.url}/responsable`);
    await manager.getByText('Coûts unitaires').click();
    expect(await manager.getByLabel('Fond de carte', { exact: true }).inputValue()).toBe('IGN_PLAN');
    await manager.getByLabel('Fond de carte', { exact: true }).selectOption({ label: 'OpenStreetMap' });
    await manager.getByRole('button', { name: 'Enregistrer les réglages' }).click();
    await manager.getByRole('status').filter({ hasText: 'Réglages enregistrés' }).waitFor();

    // (the town goes back to the IGN plan whatever happens: the other tests draw on it)
    try {
      // when a citizen opens the report form
      const asked = parvis.maps.asked.length;
      const { page: citizen, map } = await openReportForm();

      // then its map comes from OpenStreetMap's tiles, credited so
      await expect
        .poll(() => citizen.locator('.place-picker__source').textContent())
        .toContain('Fond de carte : © les contributeurs d’OpenStreetMap.');
      await expect.poll(() => map.locator('image').count()).toBeGreaterThan(0);
      const tiles = parvis.maps.asked.slice(asked).filter((path) => !path.startsWith('/geocodage'));
      expect(tiles.length).toBeGreaterThan(0);
      expect(tiles.every((tile) => /^\/16\/\d+\/\d+\.png$/.test(tile))).toBe(true);
      await map.scrollIntoViewIfNeeded();
      await checkPage(citizen, 'place-16-openstreetmap');
    } finally {
      await parvis.sql`update municipality_settings set map_background = 'IGN_PLAN' where municipality_id = 'demo'`;
    }
  });

  it('draws the citizen’s map on the municipality’s tile server when it has one', { timeout: 120_000 }, async () => {
    // given a tile server set for the municipality (stood in for by the browser: one pale pixel per tile)
    await parvis.sql`insert into municipality_settings (municipality_id, map_tile_url)
      values ('demo', ${`${parvis.url}/tuiles/{z}/{x}/{y}.png`})
      on conflict (municipality_id) do update set map_tile_url = excluded.map_tile_url`;
    const { page: citizen, map } = await openReportForm();
    const tiles = await standInTileServer(citizen);
    await citizen.reload();
    await scrollToMap(citizen);
    await map.waitFor({ timeout: 60_000 });

    // then the map asks it for the tiles around the town hall, and says where they come from
    await expect.poll(() => map.locator('image').count()).toBeGreaterThan(0);
    await expect.poll(() => tiles.length).toBeGreaterThan(0);
    expect(tiles.every((tile) => /^\/tuiles\/16\/\d+\/\d+\.png$/.test(tile))).toBe(true);
    expect(await citizen.locator('.place-picker__source').textContent()).toContain('Fond de carte : 127.0.0.1');
    await map.scrollIntoViewIfNeeded();
    await checkPage(citizen, 'place-11-tiles');
  });

  it('on a phone, the map loads only when the citizen scrolls to it, in the room kept for it', {
    timeout: 120_000,
  }, async () => {
    // given a citizen on the report form on a phone, its place's fields below the first screen
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 375, height: 700 } });
    const citizen = await context.newPage();
    // the map's tiles, from whichever server the town has set
    const tiles: string[] = [];
    citizen.on('request', (asked) => {
      if (asked.resourceType() === 'image' && !/\/(favicon|icons)\b/.test(asked.url())) tiles.push(asked.url());
    });
    await citizen.goto(`${parvis.url}/demarches/signalement`);
    await citizen.getByRole('textbox', { name: 'Description du problème', exact: true }).waitFor({ timeout: 60_000 });
    await citizen.getByRole('button', { name: 'Envoyer ma demande' }).waitFor();
    await citizen.waitForTimeout(1000);

    // then no map is drawn yet and no tile is asked for
    expect(await citizen.getByRole('application').count()).toBe(0);
    expect(tiles).toEqual([]);
    const filesField = citizen.locator('.parvis-file-picker');
    const before = (await filesField.boundingBox())!.y;

    // when they scroll down to the place
    await scrollToMap(citizen);

    // then the map comes, with its tiles, and what follows it stays where it was
    const map = citizen.getByRole('application', { name: 'Carte : Lieu du problème' });
    await map.waitFor({ timeout: 60_000 });
    await expect.poll(() => tiles.length).toBeGreaterThan(0);
    const scrolled = await citizen.evaluate(() => window.scrollY);
    expect(Math.abs((await filesField.boundingBox())!.y + scrolled - before)).toBeLessThan(24);
    await checkPage(citizen, 'place-17-phone-map-on-scroll');
  });
});

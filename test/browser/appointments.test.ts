import { closedDay } from '@parvis/engine';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkPage, portalInChromium, signInAgent } from '../support/browser.ts';
import { signInAccueil } from '../support/contact-requests.ts';
import { eventually } from '../support/graphql-client.ts';
import type { RunningParvis } from '../support/parvis.ts';

// Issue 22, point 2 in Chromium: the citizen asks for an identity card (the shipped procedure
// carte-identite), books a slot of the counter of titles from the tracking page, meets a slot
// taken meanwhile, moves the appointment and cancels it; the front desk sees the day's appointments,
// records a no-show and books for someone at the counter; a manager defines a room, its openings
// and a kind of appointment. At 1280 and 375 pixels wide.

const SUBMIT = `mutation ($data: JSON!) {
  submitRequest(municipality: "demo", procedure: "carte-identite", data: $data) { trackingCode } }`;
const INVITATION = `query ($c: String!, $e: String) { request(trackingCode: $c, email: $e) {
  appointmentInvitation { kind { key } } } }`;
const AGENT_BOOKS = `mutation ($r: ID!, $s: String!) { bookAppointment(kindKey: "carte-identite", resourceId: $r,
  startsAt: $s, personName: "Paul Durand", phone: "06 12 34 56 78", channel: PHONE) { id } }`;

/** The first weekday at least `ahead` days away on which the town hall is open. */
function openWeekday(ahead: number): string {
  const day = new Date(Date.now() + ahead * 86_400_000);
  for (;;) {
    const text = day.toISOString().slice(0, 10);
    if (
      day.getUTCDay() >= 1 &&
      day.getUTCDay() <= 5 &&
      !closedDay(text, { timeZone: 'Europe/Paris', alsaceMoselle: false, closures: [] })
    )
      return text;
    day.setUTCDate(day.getUTCDate() + 1);
  }
}

/** Nothing scrolls sideways on a phone. */
async function fitsWidth(page: Page, width: number) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
}

describe('appointments from the portal', () => {
  let parvis: RunningParvis;
  let browser: Browser;

  portalInChromium((started) => ({ parvis, browser } = started));

  for (const width of [1280, 375])
    it(`at ${width} px: the citizen books the identity-card appointment from the tracking page, moves it and cancels it`, {
      timeout: 300_000,
    }, async () => {
      // given a request for an identity card, whose procedure invites its citizen to book
      const email = `lea.martin.${width}@example.fr`;
      const { submitRequest } = await parvis.client().data<{ submitRequest: { trackingCode: string } }>(SUBMIT, {
        data: { titre: 'cni', prenom: 'Léa', nom: 'Martin', email },
      });
      const code = submitRequest.trackingCode;
      await eventually(
        async () =>
          (
            await parvis
              .client()
              .data<{ request: { appointmentInvitation: unknown } }>(INVITATION, { c: code, e: email })
          ).request.appointmentInvitation ?? undefined,
        90_000,
      );

      // when the citizen follows the request and asks for a day's slots
      const page = await (await browser.newContext({ locale: 'fr-FR', viewport: { width, height: 900 } })).newPage();
      await page.goto(`${parvis.url}/suivi/${code}`);
      await page.getByLabel('Adresse e-mail').fill(email);
      await page.getByRole('button', { name: 'Voir ma demande' }).click();
      const panel = page.getByTestId('appointment');
      await panel.getByRole('heading', { name: 'Prendre rendez-vous' }).waitFor({ timeout: 60_000 });
      await panel.getByText('La mairie vous demande de prendre rendez-vous : Carte d’identité').waitFor();
      const day = openWeekday(width === 1280 ? 3 : 4);
      await panel.getByLabel('Jour du rendez-vous').fill(day);
      const slots = panel.getByRole('group', { name: /^Créneaux libres le / });
      await slots.waitFor({ timeout: 30_000 });
      const dayWords = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'full', timeZone: 'UTC' }).format(
        new Date(`${day}T00:00:00Z`),
      );
      expect(await slots.locator('legend').textContent()).toBe(`Créneaux libres le ${dayWords}`);
      const radios = slots.getByRole('radio');
      expect(await radios.count()).toBe(18);
      await radios.first().check();
      if (width === 375) await fitsWidth(page, width);
      await checkPage(page, `appointment-slots-${width}`);

      // and someone on the phone takes that slot before they confirm
      const [resourceId, startsAt] = (await radios.first().getAttribute('value'))!.split('|');
      const agent = parvis.client();
      await signInAccueil(agent);
      await agent.data(AGENT_BOOKS, { r: resourceId, s: startsAt });
      await panel.getByRole('button', { name: 'Réserver ce créneau' }).click();

      // then the slot is refused in words and is no longer offered
      await panel.getByRole('alert').getByText('Ce créneau est complet.').waitFor({ timeout: 30_000 });
      await expect.poll(() => radios.count(), { timeout: 30_000 }).toBe(17);

      // when they book the first slot still free
      const nineTwenty = panel.getByRole('radio', { name: '09:20' });
      await nineTwenty.check();
      await panel.getByRole('button', { name: 'Réserver ce créneau' }).click();

      // then the confirmation says when, in words, and where
      const confirmed = `Rendez-vous confirmé le ${dayWords} à 09:20.`;
      await panel.getByRole('status').getByText(confirmed).waitFor({ timeout: 30_000 });
      await panel.getByRole('heading', { name: 'Votre rendez-vous' }).waitFor();
      await panel.getByText(`Rendez-vous le ${dayWords} à 09:20.`).waitFor();
      await panel.getByText('Lieu : Guichet des titres sécurisés, Hall de la mairie, guichet 3.').waitFor();
      await checkPage(page, `appointment-booked-${width}`);
      const mail = await eventually(
        async () =>
          parvis.smtp
            .messages()
            .find((m) => m.to.includes(email) && m.subject.startsWith('Votre rendez-vous est confirmé')),
        30_000,
      );
      expect(mail.attachments.map((a) => a.contentType)).toEqual(['text/calendar']);

      // when they move it to 10:00
      await panel.getByRole('button', { name: 'Déplacer' }).click();
      await panel.getByRole('radio', { name: '10:00' }).check();
      await panel.getByRole('button', { name: 'Déplacer le rendez-vous à ce créneau' }).click();

      // then it is moved
      await panel
        .getByRole('status')
        .getByText(`Rendez-vous déplacé au ${dayWords} à 10:00.`)
        .waitFor({ timeout: 30_000 });
      await panel.getByText(`Rendez-vous le ${dayWords} à 10:00.`).waitFor();
      if (width === 375) await fitsWidth(page, width);
      await checkPage(page, `appointment-moved-${width}`);

      // when they cancel it
      await panel.getByRole('button', { name: 'Annuler le rendez-vous' }).click();

      // then it is cancelled, the slots are offered again, and the database agrees
      await panel.getByRole('status').getByText('Rendez-vous annulé. Vous pouvez en prendre un autre.').waitFor({
        timeout: 30_000,
      });
      await panel.getByRole('heading', { name: 'Prendre rendez-vous' }).waitFor();
      const rows = await parvis.sql<{ status: string }[]>`
        select a.status from appointments a join requests r on r.id = a.request_id
        where r.tracking_code = ${code}`;
      expect(rows.map((row) => row.status)).toEqual(['CANCELLED']);
      await checkPage(page, `appointment-cancelled-${width}`);
    });

  for (const width of [1280, 375])
    it(`at ${width} px: the front desk sees the day, records a no-show and books for someone at the counter`, {
      timeout: 300_000,
    }, async () => {
      // given someone on the phone booked this morning's appointment that has just started
      const absent = `Jean Valjean ${width}`;
      await parvis.sql`insert into appointments (municipality_id, kind_id, resource_id, starts_at, ends_at, seat,
          person_name, phone, channel)
        select k.municipality_id, k.id, kr.resource_id, now() - interval '1 minute', now() + interval '19 minutes',
          ${width === 1280 ? 1 : 2}, ${absent}, '06 00 00 00 00', 'PHONE'
        from appointment_kinds k join appointment_kind_resources kr on kr.kind_id = k.id
        where k.municipality_id = 'demo' and k.key = 'carte-identite'`;

      // when the desk agent opens the day's appointments
      const page = await (await browser.newContext({ locale: 'fr-FR', viewport: { width, height: 900 } })).newPage();
      await signInAgent(page, parvis.url, 'accueil@demoville.fr', 'demo-accueil');
      await page.getByRole('link', { name: 'Rendez-vous', exact: true }).click();
      await page.getByRole('heading', { name: 'Rendez-vous du jour', level: 1 }).waitFor({ timeout: 30_000 });
      const day = page.getByTestId('day-appointments');
      const counter = day.getByRole('region', { name: 'Guichet des titres sécurisés' });
      const absentRow = counter.getByRole('listitem').filter({ hasText: absent });
      await absentRow.getByText('Carte d’identité, passeport · Réservé (par téléphone)').waitFor({ timeout: 30_000 });
      if (width === 375) await fitsWidth(page, width);
      await checkPage(page, `appointments-day-${width}`);

      // and records that nobody came
      await absentRow.getByRole('button', { name: `Marquer ${absent} absent(e)` }).click();

      // then the day says so, and so does the database
      await day.getByRole('status').getByText(`${absent} est marqué(e) absent(e).`).waitFor({ timeout: 30_000 });
      await absentRow.getByText('Carte d’identité, passeport · Absent (par téléphone)').waitFor();
      expect(await absentRow.getByRole('button').count()).toBe(0);
      const [noShow] = await parvis.sql<{ status: string }[]>`
        select status from appointments where person_name = ${absent}`;
      expect(noShow?.status).toBe('NO_SHOW');

      // when they book for someone at the counter, on a day ahead
      const ahead = openWeekday(width === 1280 ? 8 : 9);
      const booking = page.getByTestId('book-for-someone');
      await booking.getByLabel('Type de rendez-vous').selectOption({ label: 'Carte d’identité, passeport (20 min)' });
      await booking.getByLabel('Jour du rendez-vous').fill(ahead);
      await booking.getByRole('radio', { name: '14:20' }).check({ timeout: 30_000 });
      const person = `Marie Curie ${width}`;
      await booking.getByLabel('Nom et prénom').fill(person);
      await booking.getByLabel('Téléphone', { exact: true }).fill('06 98 76 54 32');
      await booking.getByLabel('Au guichet').check();
      if (width === 375) await fitsWidth(page, width);
      await checkPage(page, `appointments-book-${width}`);
      await booking.getByRole('button', { name: 'Réserver' }).click();

      // then it is booked, and the day shows it
      const aheadWords = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'full', timeZone: 'UTC' }).format(
        new Date(`${ahead}T00:00:00Z`),
      );
      await booking
        .getByRole('status')
        .getByText(`Rendez-vous réservé pour ${person} le ${aheadWords} à 14:20.`)
        .waitFor({ timeout: 30_000 });
      await expect.poll(() => booking.getByRole('radio', { name: '14:20' }).count(), { timeout: 30_000 }).toBe(0);
      await page.getByLabel('Jour', { exact: true }).fill(ahead);
      await day.getByRole('heading', { name: `Rendez-vous du ${aheadWords}` }).waitFor();
      const booked = counter.getByRole('listitem').filter({ hasText: person });
      await booked.getByText('Carte d’identité, passeport · Réservé (au guichet)').waitFor({ timeout: 30_000 });
      await booked.getByText('14:20–14:40').waitFor();
      await checkPage(page, `appointments-booked-${width}`);
      const [row] = await parvis.sql<{ channel: string; phone: string }[]>`
        select channel, phone from appointments where person_name = ${person}`;
      expect(row).toEqual({ channel: 'COUNTER', phone: '06 98 76 54 32' });
    });

  it('a manager defines the wedding room, its Saturday mornings and the kind « mariage », at 1280 and 375 px', {
    timeout: 300_000,
  }, async () => {
    // given the manager on the appointments' settings
    const page = await (
      await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } })
    ).newPage();
    await signInAgent(page, parvis.url, 'manager@demoville.fr', 'demo-manager');
    await page.goto(`${parvis.url}/responsable`);
    await page.getByRole('link', { name: 'Rendez-vous', exact: true }).click();
    await page
      .getByRole('heading', { level: 1, name: 'Rendez-vous : ressources et types' })
      .waitFor({ timeout: 30_000 });
    const resources = page.getByTestId('appointment-resources');
    await resources.getByText('Guichet des titres sécurisés', { exact: true }).waitFor();

    // when they add a room open on Saturday, closing before it opens
    await resources.getByRole('button', { name: 'Nouvelle ressource' }).click();
    const form = page.getByRole('form', { name: 'Nouvelle ressource' });
    await form.getByLabel('Nom', { exact: true }).fill('Salle des mariages');
    await form.getByLabel('Nature').selectOption({ label: 'Salle' });
    await form.getByLabel('Lieu (écrit dans la confirmation)').fill('Salle d’honneur, 1er étage');
    await form.getByLabel('Jour', { exact: true }).selectOption({ label: 'samedi' });
    await form.getByLabel('Ouvre à').fill('12:00');
    await form.getByLabel('Ferme à').fill('10:00');
    await form.getByRole('button', { name: 'Enregistrer' }).click();

    // then it is refused in words, and nothing is saved
    await form.getByRole('alert').getByText('La fermeture suit l’ouverture.').waitFor({ timeout: 30_000 });
    expect(await parvis.sql`select 1 from appointment_resources where name = 'Salle des mariages'`).toHaveLength(0);
    await checkPage(page, 'appointment-settings-refused-1280');

    // when they put the hours right
    await form.getByLabel('Ouvre à').fill('10:00');
    await form.getByLabel('Ferme à').fill('12:00');
    await form.getByRole('button', { name: 'Enregistrer' }).click();

    // then the room is listed with its opening in words
    await page.getByRole('status').getByText('« Salle des mariages » est enregistré.').waitFor({ timeout: 30_000 });
    const room = resources.getByRole('listitem').filter({ hasText: 'Salle des mariages' });
    await room.getByText('samedi 10:00–12:00').waitFor();
    await room.getByText('Salle, 1 personne(s) par créneau, Salle d’honneur, 1er étage').waitFor();

    // when they add the kind « mariage », an hour long, reminded two days before, in that room
    const kinds = page.getByTestId('appointment-kinds');
    await kinds.getByRole('button', { name: 'Nouveau type de rendez-vous' }).click();
    const kindForm = page.getByRole('form', { name: 'Nouveau type de rendez-vous' });
    await kindForm.getByLabel(/^Clé/).fill('mariage');
    await kindForm.getByLabel('Nom en français').fill('Mariage civil');
    await kindForm.getByLabel('Nom en anglais').fill('Civil wedding');
    await kindForm.getByLabel('Durée d’un créneau (minutes)').fill('60');
    await kindForm.getByLabel(/^Rappel avant le rendez-vous/).fill('48');
    await kindForm.getByLabel('Salle des mariages').check();
    await page.setViewportSize({ width: 375, height: 812 });
    await fitsWidth(page, 375);
    await checkPage(page, 'appointment-settings-kind-375');
    await kindForm.getByRole('button', { name: 'Enregistrer' }).click();

    // then it is listed, and a Saturday offers its two slots to book
    await page.getByRole('status').getByText('« Mariage civil » est enregistré.').waitFor({ timeout: 30_000 });
    await kinds
      .getByRole('listitem')
      .filter({ hasText: 'Mariage civil' })
      .getByText('60 min · rappel 48 h avant · Salle des mariages')
      .waitFor();
    await checkPage(page, 'appointment-settings-saved-375');
    const saturday = new Date(Date.now() + 14 * 86_400_000);
    while (saturday.getUTCDay() !== 6) saturday.setUTCDate(saturday.getUTCDate() + 1);
    const manager = parvis.client();
    await manager.data(
      'mutation { signIn(municipality: "demo", email: "manager@demoville.fr", password: "demo-manager") { id } }',
    );
    const { appointmentSlots } = await manager.data<{ appointmentSlots: { startsAt: string }[] }>(
      'query ($d: String!) { appointmentSlots(kindKey: "mariage", date: $d) { startsAt } }',
      { d: saturday.toISOString().slice(0, 10) },
    );
    expect(appointmentSlots).toHaveLength(2);
  });
});

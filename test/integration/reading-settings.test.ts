import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInByLink } from '../support/citizen-links.ts';
import { type RunningParvis, startParvis } from '../support/parvis.ts';

const SAVE = `mutation ($s: ReadingSettingsInput!) { updateMyReadingSettings(settings: $s) { textSize contrast lineSpacing } }`;
const MINE = '{ myProfile { readingSettings { textSize contrast lineSpacing } } }';
const CHOSEN = { textSize: 'LARGER', contrast: 'HIGH', lineSpacing: 'WIDE' };
/** The same choices as the account keeps them (and the citizen's data export shows them). */
const STORED = { textSize: 'larger', contrast: 'high', lineSpacing: 'wide' };

describe("a citizen's reading settings, kept in their account", () => {
  let parvis: RunningParvis;

  beforeAll(async () => {
    parvis = await startParvis();
  });
  afterAll(() => parvis?.stop());

  it('follows the citizen to another session, and nobody else sees them', { timeout: 60_000 }, async () => {
    // given a signed-in citizen who has chosen nothing yet
    const laptop = parvis.client();
    await signInByLink(parvis, laptop, 'demo', 'ines@example.fr');
    expect((await laptop.data<{ myProfile: { readingSettings: unknown } }>(MINE)).myProfile.readingSettings).toBeNull();

    // when she chooses very large text, high contrast and wide lines
    const { updateMyReadingSettings } = await laptop.data<{ updateMyReadingSettings: unknown }>(SAVE, { s: CHOSEN });
    expect(updateMyReadingSettings).toEqual(CHOSEN);

    // then a session opened elsewhere finds them
    const phone = parvis.client();
    await signInByLink(parvis, phone, 'demo', 'ines@example.fr');
    expect((await phone.data<{ myProfile: { readingSettings: unknown } }>(MINE)).myProfile.readingSettings).toEqual(
      CHOSEN,
    );
    // and they are part of her data
    const { myData } = await phone.data<{ myData: { profile: { readingSettings: unknown } } }>('{ myData }');
    expect(myData.profile.readingSettings).toEqual(STORED);

    // and an agent looking her up does not see them
    const agent = parvis.client();
    await agent.data(
      'mutation { signIn(municipality: "demo", email: "accueil@demoville.fr", password: "demo-accueil") { id } }',
    );
    const { searchCitizens } = await agent.data<{ searchCitizens: { email: string; readingSettings: unknown }[] }>(
      '{ searchCitizens(query: "ines") { email readingSettings { contrast } } }',
    );
    expect(searchCitizens).toEqual([{ email: 'ines@example.fr', readingSettings: null }]);

    // and deleting her account erases them
    await phone.data('mutation { deleteMyAccount }');
    const [row] = await parvis.sql`select reading_settings from citizens where email is null and erased_at is not null`;
    expect(row?.reading_settings).toBeNull();
  });

  it('refuses a choice that does not exist, or anyone not signed in, and keeps nothing', async () => {
    // given a signed-in citizen with her settings
    const citizen = parvis.client();
    await signInByLink(parvis, citizen, 'demo', 'marc@example.fr');
    await citizen.data(SAVE, { s: CHOSEN });

    // when a client sends an unknown text size
    const wrong = await citizen.request(SAVE, { s: { ...CHOSEN, textSize: 'huge' } });
    // then it is refused, naming the value, and her settings are unchanged
    expect(wrong.errors?.[0]?.message).toContain('"huge"');
    expect(wrong.errors?.[0]?.message).toContain('TextSize');
    expect((await citizen.data<{ myProfile: { readingSettings: unknown } }>(MINE)).myProfile.readingSettings).toEqual(
      CHOSEN,
    );

    // and someone not signed in cannot save any
    const anonymous = await parvis.client().request(SAVE, { s: CHOSEN });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

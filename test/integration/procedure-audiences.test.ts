import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningParvis, startParvis } from '../support/parvis.ts';

const CATALOGUE = `query ($audience: Audience) {
  procedures(municipality: "demo", audience: $audience) { key audience } }`;
const UPDATE = `mutation ($key: String!, $audience: [Audience!]) {
  updateProcedureMetadata(key: $key, metadata: { audience: $audience }) { audience } }`;

const keysFor = async (parvis: RunningParvis, audience?: string) =>
  (await parvis.client().data<{ procedures: { key: string }[] }>(CATALOGUE, { audience })).procedures
    .map((p) => p.key)
    .sort();

describe('procedures by audience: households, businesses, associations', () => {
  let parvis: RunningParvis;

  beforeAll(async () => {
    parvis = await startParvis();
  });
  afterAll(() => parvis?.stop());

  it('lists the shipped procedures with the audience each procedure.json declares', async () => {
    const { procedures } = await parvis.client().data<{ procedures: { key: string; audience: string[] }[] }>(CATALOGUE);
    const byKey = Object.fromEntries(procedures.map((p) => [p.key, p.audience]));
    expect(byKey.subvention).toEqual(['ASSOCIATIONS']);
    expect(byKey['occupation-domaine-public']).toEqual(['BUSINESSES', 'HOUSEHOLDS']);
    // and the catalogue for associations holds the grant, not the nursery nor the civil status certificate
    const forAssociations = await keysFor(parvis, 'ASSOCIATIONS');
    expect(forAssociations).toContain('subvention');
    expect(forAssociations).not.toContain('creche');
    expect(forAssociations).not.toContain('etat-civil');
    expect(await keysFor(parvis, 'BUSINESSES')).toContain('occupation-domaine-public');
  });

  it("keeps an analyst's audience, even when the shipped procedure is deployed again", async () => {
    // given the analyst
    const analyst = parvis.client();
    await analyst.data(
      'mutation { signIn(municipality: "demo", email: "analyste@demoville.fr", password: "demo-analyste") { id } }',
    );
    // when they open the nursery to associations too (naming households twice)
    const { updateProcedureMetadata } = await analyst.data<{ updateProcedureMetadata: { audience: string[] } }>(
      UPDATE,
      {
        key: 'creche',
        audience: ['HOUSEHOLDS', 'ASSOCIATIONS', 'HOUSEHOLDS'],
      },
    );
    // then it is kept, each audience once
    expect(updateProcedureMetadata.audience).toEqual(['HOUSEHOLDS', 'ASSOCIATIONS']);
    expect(await keysFor(parvis, 'ASSOCIATIONS')).toContain('creche');

    // when the shipped procedures are deployed again (a restart)
    const { seedDemo } = await import('@parvis/scripts/seed');
    await seedDemo(parvis.sql);
    // then the analyst's choice stands
    expect(await keysFor(parvis, 'ASSOCIATIONS')).toContain('creche');

    // when they name an audience that does not exist
    const wrong = await analyst.request(UPDATE, { key: 'creche', audience: ['retirees'] });
    // then it is refused, naming the value, and nothing changes
    expect(wrong.errors?.[0]?.message).toContain('"retirees"');
    expect(await keysFor(parvis, 'ASSOCIATIONS')).toContain('creche');
  });
});

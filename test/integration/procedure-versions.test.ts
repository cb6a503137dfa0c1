import { deployProcedure } from '@parvis/graphql';
import { loadShippedProcedures } from '@parvis/processes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningParvis, startParvis } from '../support/parvis.ts';

const SIGN_IN = `mutation { signIn(municipality: "demo", email: "analyste@demoville.fr", password: "demo-analyste") { id } }`;
const PUBLISH = `mutation ($input: DeployProcedureInput!) { deployProcedure(input: $input) { version created } }`;

describe('procedure versions: the seed and the designer store them alike', () => {
  let parvis: RunningParvis;

  beforeAll(async () => {
    parvis = await startParvis();
  });
  afterAll(async () => {
    await parvis?.stop();
  });

  it('keeps one version while the content is the same, whichever way it comes, and numbers a changed one next', async () => {
    // given the contact procedure as shipped, deployed at start-up
    const contact = (await loadShippedProcedures()).find((p) => p.key === 'contact')!;
    const latest = async () =>
      (
        await parvis.sql<{ version: number }[]>`select max(version)::int as version from procedure_versions
          where municipality_id = 'demo' and procedure_key = 'contact'`
      )[0]!.version;
    const shipped = await latest();

    // when it is deployed again unchanged, then published unchanged by an analyst
    const again = await deployProcedure(parvis.sql, 'demo', contact, 'test');
    const analyst = parvis.client();
    await analyst.data(SIGN_IN);
    const input = { key: 'contact', bpmn: contact.bpmn, forms: contact.forms, texts: contact.texts ?? {} };
    const published = await analyst.data<{ deployProcedure: { version: number; created: boolean } }>(PUBLISH, {
      input,
    });

    // then both answer the same version, and none is added
    expect(again).toEqual({ version: shipped, created: false });
    expect(published.deployProcedure).toEqual({ version: shipped, created: false });
    expect(await latest()).toBe(shipped);

    // when the analyst changes a form's label, the next number is stored
    const forms = structuredClone(contact.forms) as Record<string, { components?: { label?: string }[] }>;
    const form = Object.values(forms).find((f) => f.components?.some((c) => c.label))!;
    form.components!.find((c) => c.label)!.label += ' (précisez)';
    const changed = await analyst.data<{ deployProcedure: { version: number; created: boolean } }>(PUBLISH, {
      input: { ...input, forms },
    });
    expect(changed.deployProcedure).toEqual({ version: shipped + 1, created: true });
    expect(await latest()).toBe(shipped + 1);
  });
});

import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { syncLibrary } from '@parvis/graphql/library';
import { loadShippedProcedures } from '@parvis/processes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphqlClient } from '../support/graphql-client.ts';
import { type RunningParvis, startParvis } from '../support/parvis.ts';
import { secondTown, signedInAdministrator } from '../support/second-town.ts';

const LIBRARY = `{ procedureLibrary { key latestVersion installedVersion townVersion installedTownVersion townOwn
  upgradeAvailable groups missingGroups } }`;
const INSTALL = `mutation ($k: String!) { installLibraryProcedure(key: $k) {
  procedureKey libraryVersion townVersion previousTownVersion adaptations { part kept } } }`;
const UPGRADE = INSTALL.replace('installLibraryProcedure', 'upgradeLibraryProcedure');
const SOURCE = `query ($k: String!, $v: Int) { procedureVersionSource(key: $k, version: $v) { version bpmn forms texts } }`;

interface Entry {
  key: string;
  latestVersion: number;
  installedVersion: number | null;
  townVersion: number | null;
  townOwn: boolean;
  upgradeAvailable: boolean;
  missingGroups: string[];
}
interface Source {
  version: number;
  bpmn: string;
  forms: Record<string, unknown>;
  texts: Record<string, Record<string, { subject: string; body: string }>>;
}

/** `npx parvis procedure …` as an operator runs it, on the test's database. */
function parvisCommand(
  args: string[],
  databaseUrl: string,
): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, [resolve(import.meta.dirname, '../../scripts/bin/parvis.js'), ...args], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c));
  child.stderr.on('data', (c: Buffer) => (err += c));
  return new Promise((done) => child.on('exit', (code) => done({ code, out, err })));
}

describe('procedure library: install into a second town, adapt, upgrade offered and done; other towns apart', () => {
  let parvis: RunningParvis;
  let valmont: GraphqlClient;
  let demoAdmin: GraphqlClient;

  const entry = async (client: GraphqlClient, key: string) =>
    (await client.data<{ procedureLibrary: Entry[] }>(LIBRARY)).procedureLibrary.find((p) => p.key === key)!;

  beforeAll(async () => {
    parvis = await startParvis();
    valmont = await secondTown(parvis, 'valmont');
    demoAdmin = await signedInAdministrator(parvis, 'demo');
  });
  afterAll(() => parvis?.stop());

  it('lists every shipped procedure; installs one as the town version, unpublished, telling the groups it lacks', async () => {
    const shipped = await loadShippedProcedures();
    const { procedureLibrary } = await valmont.data<{ procedureLibrary: Entry[] }>(LIBRARY);
    expect(procedureLibrary.map((p) => p.key).sort()).toEqual(shipped.map((p) => p.key).sort());
    expect(procedureLibrary.every((p) => p.installedVersion === null && !p.townOwn && p.townVersion === null)).toBe(
      true,
    );
    // the demo deployed them itself, not from the library
    expect(await entry(demoAdmin, 'signalement')).toMatchObject({ townOwn: true, installedVersion: null });

    expect((await entry(valmont, 'signalement')).missingGroups).toEqual(['eclairage', 'proprete', 'voirie']);
    const { installLibraryProcedure } = await valmont.data<{ installLibraryProcedure: unknown }>(INSTALL, {
      k: 'signalement',
    });
    expect(installLibraryProcedure).toEqual({
      procedureKey: 'signalement',
      libraryVersion: 1,
      townVersion: 1,
      previousTownVersion: null,
      adaptations: [],
    });
    expect(await entry(valmont, 'signalement')).toMatchObject({
      installedVersion: 1,
      townVersion: 1,
      upgradeAvailable: false,
      townOwn: false,
    });
    const [procedure] = await parvis.sql`select published, audience from procedures
      where municipality_id = 'valmont' and key = 'signalement'`;
    expect(procedure).toEqual({ published: false, audience: shipped.find((p) => p.key === 'signalement')!.audience });
    // installed twice: refused, with the way forward
    const again = await valmont.request(INSTALL, { k: 'signalement' });
    expect(again.errors?.[0]?.message).toContain('upgrade it');
    expect((await valmont.request(INSTALL, { k: 'nulle-part' })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const [logged] = await parvis.sql`select action, target, details from audit_log
      where municipality_id = 'valmont' and action = 'procedures.installed'`;
    expect(logged).toEqual({
      action: 'procedures.installed',
      target: 'procedure:signalement',
      details: { libraryVersion: 1, townVersion: 1 },
    });
  });

  it('offers a newer library version, never forced; the upgrade keeps the town adaptations the library did not touch', async () => {
    // the town adapts its acknowledgement through the designer's publish path: its version 2
    const town = (await valmont.data<{ procedureVersionSource: Source }>(SOURCE, { k: 'signalement' }))
      .procedureVersionSource;
    const adaptedTexts = structuredClone(town.texts);
    adaptedTexts.acknowledgement!.fr!.subject = 'Valmont a bien reçu votre signalement — {{trackingCode}}';
    await valmont.data('mutation ($i: DeployProcedureInput!) { deployProcedure(input: $i) { version } }', {
      i: { key: 'signalement', bpmn: town.bpmn, forms: town.forms, texts: adaptedTexts },
    });
    // a Parvis release ships a newer signalement: another text of the same procedure changed
    const shipped = await loadShippedProcedures();
    const newer = shipped.map((p) => {
      if (p.key !== 'signalement') return p;
      const texts = structuredClone(p.texts!);
      texts.taskOpened!.fr!.subject = 'Nouveau signalement à traiter (bibliothèque v2)';
      texts.acknowledgement!.en!.subject = 'Report received (library v2) — {{trackingCode}}';
      return { ...p, texts };
    });
    const synced = await syncLibrary(parvis.sql, newer);
    expect(synced.find((s) => s.key === 'signalement')).toEqual({ key: 'signalement', version: 2, created: true });
    expect(synced.filter((s) => s.created)).toHaveLength(1);

    expect(await entry(valmont, 'signalement')).toMatchObject({
      installedVersion: 1,
      latestVersion: 2,
      townVersion: 2,
      upgradeAvailable: true,
    });
    // nothing changed by itself: the town still runs its version 2
    expect(
      (await valmont.data<{ procedureVersionSource: Source }>(SOURCE, { k: 'signalement' })).procedureVersionSource
        .version,
    ).toBe(2);

    const { upgradeLibraryProcedure } = await valmont.data<{ upgradeLibraryProcedure: unknown }>(UPGRADE, {
      k: 'signalement',
    });
    expect(upgradeLibraryProcedure).toEqual({
      procedureKey: 'signalement',
      libraryVersion: 2,
      townVersion: 3,
      previousTownVersion: 2,
      adaptations: [{ part: 'text:acknowledgement.fr', kept: true }],
    });
    const upgraded = (await valmont.data<{ procedureVersionSource: Source }>(SOURCE, { k: 'signalement' }))
      .procedureVersionSource;
    expect(upgraded.texts.acknowledgement!.fr!.subject).toBe(
      'Valmont a bien reçu votre signalement — {{trackingCode}}',
    );
    expect(upgraded.texts.acknowledgement!.en!.subject).toBe('Report received (library v2) — {{trackingCode}}');
    expect(upgraded.texts.taskOpened!.fr!.subject).toBe('Nouveau signalement à traiter (bibliothèque v2)');
    expect(await entry(valmont, 'signalement')).toMatchObject({ installedVersion: 2, upgradeAvailable: false });
    expect((await valmont.request(UPGRADE, { k: 'signalement' })).errors?.[0]?.extensions?.code).toBe('NOT_ALLOWED');
  });

  it("keeps other towns apart: the demo's administrator sees none of Valmont's installations and cannot upgrade them", async () => {
    expect(await entry(demoAdmin, 'signalement')).toMatchObject({ installedVersion: null, townOwn: true });
    const refused = await demoAdmin.request(UPGRADE, { k: 'signalement' });
    expect(refused.errors?.[0]?.message).toContain('was not installed from the library');
    expect(
      await parvis.sql`select 1 from procedure_versions where municipality_id = 'demo' and procedure_key = 'signalement' and version > 1`,
    ).toHaveLength(0);
    const agent = parvis.client();
    await agent.data(
      'mutation { signIn(municipality: "demo", email: "accueil@demoville.fr", password: "demo-accueil") { id } }',
    );
    expect((await agent.request(LIBRARY)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await agent.request(INSTALL, { k: 'contact' })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('installs from the command line: npx parvis procedure install <key> --town <slug>', async () => {
    const o = parvis.sql.options;
    const url = `postgres://${o.user}${o.pass ? `:${o.pass}` : ''}@${o.host[0]}:${o.port[0]}/${o.database}`;
    const done = await parvisCommand(['procedure', 'install', 'contact', '--town', 'valmont'], url);
    expect(done.err).toBe('');
    expect(done.out).toContain("library version 1 installed as valmont's version 1");
    expect(done.code).toBe(0);
    expect(await entry(valmont, 'contact')).toMatchObject({ installedVersion: 1, townVersion: 1 });
    const unknownTown = await parvisCommand(['procedure', 'install', 'contact', '--town', 'nulle-part'], url);
    expect([unknownTown.code, unknownTown.err]).toEqual([
      1,
      'Commune inconnue : nulle-part. / Unknown town: nulle-part.\n',
    ]);
    const twice = await parvisCommand(['procedure', 'install', 'contact', '--town', 'valmont'], url);
    expect(twice.code).toBe(1);
    expect(twice.err).toContain('upgrade it');
    expect((await parvisCommand(['procedure', 'install', 'contact'], url)).code).toBe(2);
  });
});

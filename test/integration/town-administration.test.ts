import { upsertAgent } from '@parvis/graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphqlClient } from '../support/graphql-client.ts';
import { type RunningParvis, startParvis } from '../support/parvis.ts';
import { secondTown } from '../support/second-town.ts';

const IMPORT = `mutation ($csv: String!) { importStaff(csv: $csv) {
  created { email roles groups departmentId } refused { line email reasonFr reasonEn } } }`;
const STAFF = '{ staff { id email roles groups disabled } }';

interface Staff {
  id: string;
  email: string;
  roles: string[];
  groups: string[];
  disabled: boolean;
}

describe('town administration: agents imported and invited, disabled, roles; settings; another town refused', () => {
  let parvis: RunningParvis;
  let valmont: GraphqlClient;
  let demoAdmin: GraphqlClient;
  let department: string;

  const staff = async (client: GraphqlClient) => (await client.data<{ staff: Staff[] }>(STAFF)).staff;
  const audit = (town: string, action: string) =>
    parvis.sql<{ target: string; details: Record<string, unknown> }[]>`
      select target, details from audit_log where municipality_id = ${town} and action = ${action} order by id`;

  beforeAll(async () => {
    parvis = await startParvis();
    valmont = await secondTown(parvis, 'valmont');
    await upsertAgent(parvis.sql, {
      municipalityId: 'demo',
      email: 'admin@demoville.fr',
      displayName: 'Ada Admin',
      password: 'demo-admin-password',
      roles: ['administrator'],
      groups: [],
    });
    demoAdmin = parvis.client();
    await demoAdmin.data(
      'mutation { signIn(municipality: "demo", email: "admin@demoville.fr", password: "demo-admin-password") { id } }',
    );
    const { createDepartment } = await valmont.data<{ createDepartment: { id: string } }>(
      'mutation { createDepartment(name: "Services techniques") { id } }',
    );
    department = createDepartment.id;
    for (const key of ['voirie', 'accueil'])
      await valmont.data(
        'mutation ($k: String!, $d: ID) { saveGroup(group: { key: $k, name: $k, departmentId: $d }) { key } }',
        {
          k: key,
          d: department,
        },
      );
  });
  afterAll(() => parvis?.stop());

  it('refuses a CSV file with bad lines whole, naming each line and why, then imports the corrected file and invites everyone', async () => {
    const bad = [
      'email;nom;roles;groupes;service',
      'lea.martin@valmont.fr;Léa Martin;agent;voirie;Services techniques',
      'paul.durand@valmont;Paul Durand;agent;voirie;',
      'ines.roux@valmont.fr;Inès Roux;agent manager;voirie jardins;',
      'admin@valmont.fr;Admin encore;agent;accueil;',
      'LEA.MARTIN@valmont.fr;Léa Martin bis;agent;accueil;',
      'hugo.petit@valmont.fr;Hugo Petit',
      'noe.blanc@valmont.fr;Noé Blanc;chef;accueil;',
    ].join('\n');
    const before = await staff(valmont);
    const { importStaff } = await valmont.data<{
      importStaff: {
        created: unknown[];
        refused: { line: number; email: string; reasonFr: string; reasonEn: string }[];
      };
    }>(IMPORT, { csv: bad });
    expect(importStaff.created).toEqual([]);
    expect(importStaff.refused.map((r) => [r.line, r.email, r.reasonEn])).toEqual([
      [3, 'paul.durand@valmont', 'invalid e-mail address: "paul.durand@valmont"'],
      [4, 'ines.roux@valmont.fr', 'unknown group: jardins'],
      [5, 'admin@valmont.fr', 'admin@valmont.fr is an agent already'],
      [6, 'lea.martin@valmont.fr', 'lea.martin@valmont.fr is on line 2 already'],
      [7, 'hugo.petit@valmont.fr', 'missing column: roles, groupes'],
      [8, 'noe.blanc@valmont.fr', 'unknown role: chef (agent, manager, analyst, administrator, dpo)'],
    ]);
    expect(importStaff.refused[1]!.reasonFr).toBe('groupe inconnu : jardins');
    // nothing half-created: not even the good line 2, nor an invitation
    expect(await staff(valmont)).toEqual(before);
    expect(parvis.smtp.messages().filter((m) => m.to.includes('lea.martin@valmont.fr'))).toEqual([]);

    const good = [
      'email,nom,roles,groupes,service',
      'lea.martin@valmont.fr,Léa Martin,agent,voirie,Services techniques',
      '"ines.roux@valmont.fr","Roux, Inès",agent manager,voirie accueil,',
    ].join('\r\n');
    const { importStaff: done } = await valmont.data<{ importStaff: { created: unknown[]; refused: unknown[] } }>(
      IMPORT,
      {
        csv: good,
      },
    );
    expect(done.refused).toEqual([]);
    expect(done.created).toEqual([
      { email: 'lea.martin@valmont.fr', roles: ['agent'], groups: ['voirie'], departmentId: department },
      { email: 'ines.roux@valmont.fr', roles: ['agent', 'manager'], groups: ['voirie', 'accueil'], departmentId: null },
    ]);
    expect((await audit('valmont', 'agents.imported'))[0]?.details).toEqual({
      agents: ['lea.martin@valmont.fr', 'ines.roux@valmont.fr'],
    });

    // Léa opens her invitation and chooses her password: she is an agent of Valmont, in her group
    const mail = parvis.smtp.messages().find((m) => m.to.includes('lea.martin@valmont.fr'));
    expect(mail?.subject).toContain('Mairie de valmont');
    const token = decodeURIComponent(/jeton=([^\s&]+)/.exec(mail!.text)![1]!);
    await parvis
      .client()
      .data(
        'mutation ($t: String!) { acceptInvitation(municipality: "valmont", token: $t, password: "un mot de passe long") { email } }',
        { t: token },
      );
    const lea = parvis.client();
    await lea.data(
      'mutation { signIn(municipality: "valmont", email: "lea.martin@valmont.fr", password: "un mot de passe long") { id } }',
    );
    expect((await lea.data<{ me: unknown }>('{ me { email roles groups municipality } }')).me).toEqual({
      email: 'lea.martin@valmont.fr',
      roles: ['agent'],
      groups: ['voirie'],
      municipality: 'valmont',
    });
  });

  it('creates and invites one agent, records role and group changes, and disables an agent: sessions end, no sign-in', async () => {
    const { createStaffMember } = await valmont.data<{ createStaffMember: Staff }>(
      'mutation { createStaffMember(member: { email: "Sam.Leroy@valmont.fr", displayName: "Sam Leroy", roles: ["agent"], groups: ["accueil"] }) { id email roles groups disabled } }',
    );
    expect(createStaffMember).toMatchObject({ email: 'sam.leroy@valmont.fr', disabled: false });
    expect(parvis.smtp.messages().some((m) => m.to.includes('sam.leroy@valmont.fr'))).toBe(true);
    const refused = await valmont.request(
      'mutation { createStaffMember(member: { email: "sam.leroy@valmont.fr", displayName: "Sam", roles: ["agent"], groups: ["nulle-part"] }) { id } }',
    );
    expect(refused.errors?.[0]?.message).toContain('unknown group: nulle-part');

    await valmont.data(
      `mutation { updateStaffMember(id: "${createStaffMember.id}", roles: ["agent", "manager"], groups: ["accueil", "voirie"]) { id } }`,
    );
    expect((await audit('valmont', 'roles.changed')).at(-1)).toEqual({
      target: `agent:${createStaffMember.id}`,
      details: { agent: 'sam.leroy@valmont.fr', before: ['agent'], after: ['agent', 'manager'] },
    });
    expect((await audit('valmont', 'groups.changed')).at(-1)?.details).toMatchObject({
      before: ['accueil'],
      after: ['accueil', 'voirie'],
    });

    // an agent with a password is signed in; disabled, their session ends and they sign in no more
    await upsertAgent(parvis.sql, {
      municipalityId: 'valmont',
      email: 'zoe@valmont.fr',
      displayName: 'Zoé',
      password: 'zoe-password-valmont',
      roles: ['agent'],
      groups: ['accueil'],
    });
    const SIGN_IN =
      'mutation { signIn(municipality: "valmont", email: "zoe@valmont.fr", password: "zoe-password-valmont") { id } }';
    const zoe = parvis.client();
    const { signIn } = await zoe.data<{ signIn: { id: string } }>(SIGN_IN);
    const { setStaffMemberDisabled } = await valmont.data<{ setStaffMemberDisabled: Staff }>(
      `mutation { setStaffMemberDisabled(id: "${signIn.id}", disabled: true) { disabled } }`,
    );
    expect(setStaffMemberDisabled.disabled).toBe(true);
    expect((await zoe.data<{ me: unknown }>('{ me { id } }')).me).toBeNull();
    expect((await parvis.client().request(SIGN_IN)).errors).toHaveLength(1);
    expect(await parvis.sql`select 1 from agent_sessions where agent_id = ${signIn.id}`).toHaveLength(0);
    // enabled again, Zoé signs in
    await valmont.data(`mutation { setStaffMemberDisabled(id: "${signIn.id}", disabled: false) { disabled } }`);
    expect((await parvis.client().request(SIGN_IN)).errors).toBeUndefined();
    expect((await audit('valmont', 'agents.disabled')).map((e) => e.details)).toEqual([{ agent: 'zoe@valmont.fr' }]);
  });

  it("edits the town's channels, closures and unit costs, logged; another town's intake address refused", async () => {
    const { updateTownSettings } = await valmont.data<{ updateTownSettings: unknown }>(
      'mutation { updateTownSettings(settings: { intakeEmail: "demandes@valmont.fr", counterCost: 15.5 }) { contactEmail intakeEmail counterCost postCost onlineCost } }',
    );
    expect(updateTownSettings).toEqual({
      contactEmail: 'mairie@valmont.fr',
      intakeEmail: 'demandes@valmont.fr',
      counterCost: 15.5,
      postCost: 12,
      onlineCost: 3,
    });
    expect((await audit('valmont', 'settings.changed')).at(-1)?.details).toEqual({
      intakeEmail: { before: null, after: 'demandes@valmont.fr' },
      counterCost: { before: 12, after: 15.5 },
    });
    const taken = await valmont.request(
      'mutation { updateTownSettings(settings: { intakeEmail: "mairie@demoville.fr" }) { intakeEmail } }',
    );
    expect(taken.errors?.[0]?.extensions?.code).toBe('NOT_ALLOWED');
    const wrong = await valmont.request(
      'mutation { updateTownSettings(settings: { counterCost: -1 }) { counterCost } }',
    );
    expect(wrong.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    await valmont.data('mutation { addClosure(day: "2031-07-15", reason: "Pont") { day } }');
    expect((await valmont.data<{ closures: unknown[] }>('{ closures { day reason } }')).closures).toEqual([
      { day: '2031-07-15', reason: 'Pont' },
    ]);
    expect((await demoAdmin.data<{ closures: unknown[] }>('{ closures { day reason } }')).closures).toEqual([]);
    const [calendar] = await parvis.sql<
      { c: { closures: string[] } }[]
    >`select parvis_business_calendar('valmont') as c`;
    expect(calendar!.c.closures).toContain('2031-07-15');
    await valmont.data('mutation { removeClosure(day: "2031-07-15") }');
    expect((await valmont.data<{ closures: unknown[] }>('{ closures { day } }')).closures).toEqual([]);
  });

  it("refuses a town's administrator anything on another town's agents, by check and by row-level security", async () => {
    const [demoAgent] = await parvis.sql<{ id: string; roles: string[] }[]>`
      select id, roles from agents where municipality_id = 'demo' and email = 'accueil@demoville.fr'`;
    for (const mutation of [
      `mutation { updateStaffMember(id: "${demoAgent!.id}", roles: ["administrator"], groups: []) { id } }`,
      `mutation { setStaffMemberDisabled(id: "${demoAgent!.id}", disabled: true) { id } }`,
      `mutation { inviteStaffMember(id: "${demoAgent!.id}") { id } }`,
    ]) {
      expect((await valmont.request(mutation)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    expect((await staff(valmont)).some((s) => s.email.endsWith('@demoville.fr'))).toBe(false);
    const [after] = await parvis.sql<{ roles: string[]; disabled_at: Date | null }[]>`
      select roles, disabled_at from agents where id = ${demoAgent!.id}`;
    expect(after).toEqual({ roles: demoAgent!.roles, disabled_at: null });
    // and below the API: sealed to Valmont, the demo's agents are out of reach
    const touched = await parvis.sql.begin(async (tx) => {
      await tx`select set_config('role', 'parvis_api', true), set_config('parvis.municipality', 'valmont', true)`;
      return tx`update agents set disabled_at = now() where id = ${demoAgent!.id} returning id`;
    });
    expect(touched).toHaveLength(0);
  });
});

import { upsertAgent } from '@parvis/graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type GraphqlClient } from '../support/graphql-client.ts';
import { type RunningParvis, startParvis } from '../support/parvis.ts';

const SIGN_IN = `mutation ($email: String!, $password: String!) { signIn(municipality: "demo", email: $email, password: $password) { id } }`;
const SUBMIT = `mutation ($d: JSON!) { submitRequest(municipality: "demo", procedure: "contact", data: $d) { trackingCode } }`;
const INBOX =
  '{ inbox: workQueue(filter: { scope: AVAILABLE }, first: 200) { id assigneeId request { trackingCode } } }';

interface InboxTask {
  id: string;
  assigneeId: string | null;
  request: { trackingCode: string };
}

describe('agents: roles, departments and groups, assignment modes, absences, claim and release', () => {
  let parvis: RunningParvis;
  let admin: GraphqlClient;
  let camille: GraphqlClient;
  let dominique: GraphqlClient;
  const ids: Record<string, string> = {};

  const signedIn = async (email: string, password: string) => {
    const client = parvis.client();
    const { signIn } = await client.data<{ signIn: { id: string } }>(SIGN_IN, { email, password });
    ids[email] = signIn.id;
    return client;
  };

  /** Files a contact request and waits for its task; returns the task as the manager sees it. */
  const fileRequest = async (subject: string) => {
    const { submitRequest } = await parvis.client().data<{ submitRequest: { trackingCode: string } }>(SUBMIT, {
      d: { subject, message: 'Un message pour le test.', email: 'habitant@example.fr' },
    });
    return eventually(async () => {
      const { tasks } = await admin.data<{ tasks: { nodes: InboxTask[] } }>(
        '{ tasks(filter: { status: "open" }, first: 100) { nodes { id assigneeId request { trackingCode } } } }',
      );
      return tasks.nodes.find((t) => t.request.trackingCode === submitRequest.trackingCode);
    });
  };

  beforeAll(async () => {
    parvis = await startParvis();
    await upsertAgent(parvis.sql, {
      municipalityId: 'demo',
      email: 'admin@demoville.fr',
      displayName: 'Ada Admin',
      password: 'demo-admin',
      roles: ['administrator', 'manager'],
      groups: [],
    });
    admin = await signedIn('admin@demoville.fr', 'demo-admin');
    camille = await signedIn('accueil@demoville.fr', 'demo-accueil');
    dominique = await signedIn('manager@demoville.fr', 'demo-manager');
  });
  afterAll(() => parvis?.stop());

  it('lets administrators, and only them, shape departments, groups and agents', async () => {
    // when the administrator creates a department and puts the accueil group in it, in turn
    const { createDepartment } = await admin.data<{ createDepartment: { id: string } }>(
      'mutation { createDepartment(name: "Accueil et citoyenneté") { id } }',
    );
    await admin.data(
      'mutation ($d: ID) { saveGroup(group: { key: "accueil", name: "Accueil", departmentId: $d, assignment: ROUND_ROBIN }) { key } }',
      { d: createDepartment.id },
    );
    // then it shows
    const { groups } = await camille.data<{ groups: unknown[] }>('{ groups { key assignment departmentId } }');
    expect(groups).toEqual([{ key: 'accueil', assignment: 'ROUND_ROBIN', departmentId: createDepartment.id }]);
    // and an agent may not do the same, nor list the staff, nor assign roles
    for (const mutation of [
      'mutation { createDepartment(name: "Pirates") { id } }',
      'mutation { saveGroup(group: { key: "x", name: "X" }) { key } }',
      `mutation { updateStaffMember(id: "${ids['accueil@demoville.fr']}", roles: ["administrator"], groups: []) { id } }`,
      '{ staff { id } }',
    ]) {
      expect((await camille.request(mutation)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    // and unknown roles are refused by name
    const bad = await admin.request(
      `mutation { updateStaffMember(id: "${ids['accueil@demoville.fr']}", roles: ["agent", "roi"], groups: ["accueil"]) { id } }`,
    );
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'roles' });
    expect(bad.errors?.[0]?.message).toContain('roi');
  });

  it('assigns a round-robin group tasks in turn, and the least loaded agent in least-loaded mode', async () => {
    // when three requests arrive for accueil in round-robin
    const turns = [await fileRequest('Premier'), await fileRequest('Deuxième'), await fileRequest('Troisième')];
    // then Camille and Dominique take them in turn
    const pair = [ids['accueil@demoville.fr'], ids['manager@demoville.fr']];
    expect(pair).toContain(turns[0]!.assigneeId);
    expect(turns[1]!.assigneeId).not.toBe(turns[0]!.assigneeId);
    expect(turns[2]!.assigneeId).toBe(turns[0]!.assigneeId);
    // and each sees their own, not the other's
    const { inbox } = await camille.data<{ inbox: InboxTask[] }>(INBOX);
    expect(inbox.every((t) => t.assigneeId === ids['accueil@demoville.fr'])).toBe(true);
    // when the group switches to least-loaded, the one with fewer open tasks gets the next
    await admin.data(
      'mutation { saveGroup(group: { key: "accueil", name: "Accueil", assignment: LEAST_LOADED }) { key } }',
    );
    const next = await fileRequest('Quatrième');
    expect(next.assigneeId).toBe(turns[1]!.assigneeId);
  });

  it("gives an absent agent's open tasks back to the group, and new ones to the others", async () => {
    // given Camille's open tasks
    const before = (await camille.data<{ inbox: InboxTask[] }>(INBOX)).inbox;
    expect(before.length).toBeGreaterThan(0);
    // when she declares an absence starting now
    const until = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const { declareAbsence } = await camille.data<{ declareAbsence: { id: string } }>(
      'mutation ($s: String!, $e: String!) { declareAbsence(absence: { startsAt: $s, endsAt: $e, reason: "Congés" }) { id } }',
      { s: new Date(Date.now() - 1000).toISOString(), e: until },
    );
    // then her tasks are free in Dominique's inbox, and new tasks go to Dominique
    const { inbox } = await dominique.data<{ inbox: InboxTask[] }>(INBOX);
    for (const task of before) expect(inbox.find((t) => t.id === task.id)?.assigneeId).toBeNull();
    expect((await fileRequest('Pendant les congés')).assigneeId).toBe(ids['manager@demoville.fr']);
    const { staff } = await admin.data<{ staff: { email: string; absent: boolean }[] }>('{ staff { email absent } }');
    expect(staff.find((s) => s.email === 'accueil@demoville.fr')?.absent).toBe(true);
    // and an agent may not declare someone else away
    const other = await camille.request(
      `mutation { declareAbsence(absence: { agentId: "${ids['manager@demoville.fr']}", startsAt: "2030-01-01", endsAt: "2030-01-02" }) { id } }`,
    );
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'agentId' });
    await camille.data('mutation ($id: ID!) { cancelAbsence(id: $id) }', { id: declareAbsence.id });
  });

  it('lets an agent claim a free task and release it; a held task cannot be taken', async () => {
    // given manual assignment: tasks wait for someone to claim them
    await admin.data('mutation { saveGroup(group: { key: "accueil", name: "Accueil", assignment: MANUAL }) { key } }');
    const task = await fileRequest('À prendre');
    expect(task.assigneeId).toBeNull();
    // when Camille claims it
    const { claimTask } = await camille.data<{ claimTask: { assigneeId: string } }>(
      'mutation ($t: ID!) { claimTask(taskId: $t) { assigneeId } }',
      { t: task.id },
    );
    // then it is hers, gone from Dominique's inbox, and Dominique cannot claim it
    expect(claimTask.assigneeId).toBe(ids['accueil@demoville.fr']);
    expect((await dominique.data<{ inbox: InboxTask[] }>(INBOX)).inbox.some((t) => t.id === task.id)).toBe(false);
    const taken = await dominique.request('mutation ($t: ID!) { claimTask(taskId: $t) { id } }', { t: task.id });
    expect(taken.errors?.[0]?.extensions?.code).toBe('NOT_ALLOWED');
    // when she releases it, it is free again for the group
    await camille.data('mutation ($t: ID!) { releaseTask(taskId: $t) { id } }', { t: task.id });
    expect(
      (await dominique.data<{ inbox: InboxTask[] }>(INBOX)).inbox.find((t) => t.id === task.id)?.assigneeId,
    ).toBeNull();
    // and a manager may assign it; an analyst may not claim anything
    await admin.data('mutation ($t: ID!, $a: ID!) { assignTask(taskId: $t, agentId: $a) { id } }', {
      t: task.id,
      a: ids['manager@demoville.fr'],
    });
    const analyst = await signedIn('analyste@demoville.fr', 'demo-analyste');
    expect(
      (await analyst.request('mutation ($t: ID!) { claimTask(taskId: $t) { id } }', { t: task.id })).errors?.[0]
        ?.extensions?.code,
    ).toBe('FORBIDDEN');
  });
});

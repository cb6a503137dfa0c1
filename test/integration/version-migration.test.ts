import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deployProcedure } from '@parvis/graphql';
import { migrateVersionUpdate, snapshotQuery } from '@parvis/workers/messages';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type GraphqlClient } from '../support/graphql-client.ts';
import { type RunningParvis, startParvis } from '../support/parvis.ts';

// Issue 21, point 4 on real Temporal and PostgreSQL: running requests moved from one version of
// their procedure to the next — a dry run, the move request by request (one waiting on a timer),
// the move run again, and a mapping to an element of another type refused.
const SUBMIT = `mutation ($data: JSON!) { submitRequest(municipality: "demo", procedure: "terrace-permit", data: $data) { trackingCode } }`;
const PLAN = `query ($from: Int!, $to: Int!, $mapping: [ElementMappingInput!]) {
  versionMigrationPlan(procedureKey: "terrace-permit", fromVersion: $from, toVersion: $to, mapping: $mapping) {
    fromVersion toVersion total movable mapping { from to type given } unmapped { elementId name type }
    newElements { elementId } requests { trackingCode activeElements canMove blockers { code elementId message } } } }`;
const MOVE = `mutation ($from: Int!, $to: Int!, $mapping: [ElementMappingInput!], $codes: [String!]) {
  migrateRequests(procedureKey: "terrace-permit", fromVersion: $from, toVersion: $to, mapping: $mapping, trackingCodes: $codes) {
    trackingCode outcome message blockers { code elementId } } }`;
const COMPLETE = 'mutation ($id: ID!) { completeTask(taskId: $id, data: {}) { status } }';

/** The cooling-off timer: long enough for the move to happen while it is pending. */
const COOLING_SECONDS = 45;
const REVIEW_TO_EXAMINE = [{ from: 'Review', to: 'Examine' }];

interface Plan {
  fromVersion: number;
  toVersion: number;
  total: number;
  movable: number;
  mapping: { from: string; to: string; type: string; given: boolean }[];
  unmapped: { elementId: string; name: string | null; type: string }[];
  newElements: { elementId: string }[];
  requests: {
    trackingCode: string;
    activeElements: string[];
    canMove: boolean;
    blockers: { code: string; elementId: string; message: string }[];
  }[];
}
type Outcome = { trackingCode: string; outcome: string; message: string | null; blockers: { code: string }[] };

describe('moving running requests to a new version of their procedure', () => {
  let parvis: RunningParvis;
  let analyst: GraphqlClient;
  let v1: number;
  let v2: number;
  /** on v1: waiting on the cooling-off timer, at the review, and at the review but left where it is */
  let waiting: string;
  let reviewed: string;
  let bystander: string;
  let timerBefore: { timerId: string; elementId: string; fireAt: string };

  const fixture = async (name: string) =>
    (await readFile(join(import.meta.dirname, '../fixtures', name), 'utf8')).replace(
      '>COOLING<',
      `>PT${COOLING_SECONDS}S<`,
    );
  const deploy = async (name: string) =>
    (
      await deployProcedure(
        parvis.sql,
        'demo',
        {
          key: 'terrace-permit',
          title: { fr: 'Autorisation de terrasse', en: 'Terrace permit' },
          bpmn: await fixture(name),
          forms: {},
        },
        'test',
      )
    ).version;

  beforeAll(async () => {
    parvis = await startParvis();
    v1 = await deploy('migration-v1.bpmn');
    analyst = parvis.client();
    await analyst.data(
      'mutation { signIn(municipality: "demo", email: "analyste@demoville.fr", password: "demo-analyste") { id } }',
    );
    // given requests on v1: one waiting on its cooling-off timer, two at its review
    waiting = await submit(false);
    reviewed = await submit(true);
    bystander = await submit(true);
    await openTask(reviewed, 'Review');
    await openTask(bystander, 'Review');
    timerBefore = await eventually(async () => (await snapshot(waiting)).timers[0]);
    // and a version 2 where the review is renamed and a check follows it
    v2 = await deploy('migration-v2.bpmn');
  }, 180_000);
  afterAll(async () => {
    await parvis?.stop();
  });

  const submit = async (fast: boolean) =>
    (
      await parvis
        .client()
        .data<{ submitRequest: { trackingCode: string } }>(SUBMIT, { data: { fast, email: 'ines@example.fr' } })
    ).submitRequest.trackingCode;
  const snapshot = (code: string) => parvis.temporal.workflow.getHandle(`request-${code}`).query(snapshotQuery);
  const versionOf = async (code: string) =>
    (
      await parvis.sql<{ version: number }[]>`select v.version from requests r
        join procedure_versions v on v.id = r.procedure_version_id where r.tracking_code = ${code}`
    )[0]!.version;
  const openTask = (code: string, elementId: string) =>
    eventually(async () => {
      const [task] = await parvis.sql<{ id: string }[]>`select t.id from tasks t join requests r on r.id = t.request_id
        where r.tracking_code = ${code} and t.status = 'open' and t.element_id = ${elementId}`;
      return task;
    }, 90_000);
  const timeline = (code: string) =>
    parvis.sql<{ kind: string; payload: Record<string, unknown> }[]>`select e.kind, e.payload from timeline_events e
      join requests r on r.id = e.request_id where r.tracking_code = ${code} order by e.position`;
  const plan = async (mapping?: { from: string; to: string }[]) =>
    (await analyst.data<{ versionMigrationPlan: Plan }>(PLAN, { from: v1, to: v2, mapping })).versionMigrationPlan;
  const move = async (mapping?: { from: string; to: string }[], codes?: string[]) =>
    (await analyst.data<{ migrateRequests: Outcome[] }>(MOVE, { from: v1, to: v2, mapping, codes })).migrateRequests;

  it('refuses a mapping to an element of another type, naming both, and changes nothing', async () => {
    const code = bystander;
    // when the analyst maps the review (a user task) to the end event
    const refused = await analyst.request(PLAN, { from: v1, to: v2, mapping: [{ from: 'Review', to: 'Done' }] });
    const moveRefused = await analyst.request(MOVE, { from: v1, to: v2, mapping: [{ from: 'Review', to: 'Done' }] });
    // then both are refused with what and where, and nothing moved
    for (const answer of [refused, moveRefused]) {
      const error = answer.errors?.[0];
      expect(error?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'mapping',
        problems: [{ code: 'ELEMENT_TYPE_MISMATCH', elementId: 'Review', targetId: 'Done' }],
      });
      expect(error?.message).toContain('userTask');
      expect(error?.message).toContain('endEvent');
    }
    // and the request's workflow itself refuses such a mapping, sent past the API
    const [target] = await parvis.sql<{ id: string; ir: never; forms: never; texts: never }[]>`
      select id, ir, forms, texts from procedure_versions where procedure_key = 'terrace-permit' and version = ${v2}`;
    const direct = parvis.temporal.workflow.getHandle(`request-${code}`).executeUpdate(migrateVersionUpdate, {
      args: [
        {
          target: {
            procedureVersionId: target!.id,
            version: v2,
            ir: target!.ir,
            forms: target!.forms,
            texts: target!.texts,
          },
          fromVersion: v1,
          mapping: { Review: 'Done' },
          actor: { id: 'test', displayName: 'Test', groups: [] },
        },
      ],
    });
    await expect(direct).rejects.toMatchObject({ cause: { type: 'MAPPING_INVALID' } });
    expect(await versionOf(code)).toBe(v1);
    expect((await timeline(code)).some((e) => e.kind === 'versionMigrated')).toBe(false);

    // and an unknown version is NOT_FOUND, naming it
    const unknown = await analyst.request(PLAN, { from: v1, to: 99 });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'toVersion' });
    // and an agent who is not an analyst may not move requests
    const agent = parvis.client();
    await agent.data(
      'mutation { signIn(municipality: "demo", email: "accueil@demoville.fr", password: "demo-accueil") { id } }',
    );
    const forbidden = await agent.request(MOVE, { from: v1, to: v2, mapping: REVIEW_TO_EXAMINE });
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await versionOf(code)).toBe(v1);
  }, 120_000);
  it('dry-runs, moves a request waiting on a timer and one at a renamed task, and skips them when run again', async () => {
    expect(timerBefore.elementId).toBe('Cooling');

    // when the analyst dry-runs the move without a mapping
    const bare = await plan();
    // then the request at the review cannot move, and says why; the one on the timer can; nothing moved
    expect(bare).toMatchObject({ fromVersion: v1, toVersion: v2, total: 3, movable: 1 });
    expect(bare.unmapped).toEqual([{ elementId: 'Review', name: 'Examiner la demande', type: 'userTask' }]);
    expect(bare.newElements.map((e) => e.elementId).sort()).toEqual(['Check', 'Examine']);
    const byCode = new Map(bare.requests.map((r) => [r.trackingCode, r]));
    expect(byCode.get(waiting)).toMatchObject({ activeElements: ['Cooling'], canMove: true, blockers: [] });
    expect(byCode.get(reviewed)).toMatchObject({
      activeElements: ['Review'],
      canMove: false,
      blockers: [{ code: 'NO_MAPPING', elementId: 'Review' }],
    });
    expect(byCode.get(reviewed)!.blockers[0]!.message).toContain('Examiner la demande');
    expect(await versionOf(waiting)).toBe(v1);

    // when the review is mapped to its new name, both can move
    const mapped = await plan(REVIEW_TO_EXAMINE);
    expect(mapped.movable).toBe(3);
    expect(mapped.mapping).toContainEqual({ from: 'Review', to: 'Examine', type: 'userTask', given: true });
    expect(mapped.mapping).toContainEqual({
      from: 'Cooling',
      to: 'Cooling',
      type: 'intermediateCatchEvent',
      given: false,
    });

    // when the analyst moves two of them
    const moved = await move(REVIEW_TO_EXAMINE, [waiting, reviewed]);
    // then each is moved, on v2 in PostgreSQL, its timeline saying so, the move in the audit log
    expect(moved.map((o) => [o.trackingCode, o.outcome]).sort()).toEqual(
      [
        [waiting, 'MOVED'],
        [reviewed, 'MOVED'],
      ].sort(),
    );
    expect(await versionOf(waiting)).toBe(v2);
    expect(await versionOf(reviewed)).toBe(v2);
    const entry = (await timeline(reviewed)).find((e) => e.kind === 'versionMigrated');
    expect(entry?.payload).toMatchObject({
      fromVersion: v1,
      toVersion: v2,
      by: expect.any(String),
      moved: [{ from: 'Review', to: 'Examine' }],
    });
    const audit = await parvis.sql<{ action: string; target: string; details: Record<string, unknown> }[]>`
      select action, target, details from audit_log where action = 'procedures.request-migrated' order by at`;
    expect(audit.map((a) => a.target).sort()).toEqual([`request:${waiting}`, `request:${reviewed}`].sort());
    expect(audit[0]!.details).toMatchObject({ procedureKey: 'terrace-permit', fromVersion: v1, toVersion: v2 });
    // and the reviewed request's open task now names v2's element
    await openTask(reviewed, 'Examine');

    // and the pending timer kept its date: it is the same timer, due at the same time
    const timerAfter = await eventually(async () => (await snapshot(waiting)).timers[0]);
    expect(timerAfter).toEqual(timerBefore);
    expect(Date.parse(timerAfter.fireAt)).toBeGreaterThan(Date.now());

    // when the move is run again on the same requests, each is skipped and said so
    const again = await move(REVIEW_TO_EXAMINE, [waiting, reviewed]);
    expect(again.map((o) => o.outcome)).toEqual(['SKIPPED', 'SKIPPED']);
    expect(again[0]!.message).toContain(`déjà sur la version ${v2}`);
    expect((await timeline(waiting)).filter((e) => e.kind === 'versionMigrated')).toHaveLength(1);
    // and the request not named stays on v1
    expect(await versionOf(bystander)).toBe(v1);

    // then the requests run on v2: the reviewed one goes to v2's check once examined
    const agent = parvis.client();
    await agent.data(
      'mutation { signIn(municipality: "demo", email: "accueil@demoville.fr", password: "demo-accueil") { id } }',
    );
    const examine = await openTask(reviewed, 'Examine');
    await agent.data(COMPLETE, { id: examine.id });
    await openTask(reviewed, 'Check');
    // and when the timer rings at its date, the waiting one reaches v2's Examine (v1 had Review)
    await openTask(waiting, 'Examine');
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(timerBefore.fireAt));
  }, 240_000);
});

import { describe, expect, it } from 'vitest';
import { bpmn, chain, compiled, Driver, T0 } from '../../test-fixtures/bpmn.ts';
import { activeElementsOf } from '../runtime/inspect.ts';
import { engineState } from '../runtime/state.ts';
import { RequestLifecycle } from './request-lifecycle.ts';
import type { LifecycleHost } from './types.ts';
import { migrateState, migrationBlockers, versionMapping } from './version-migration.ts';

const wait = (id: string) =>
  `<bpmn:intermediateCatchEvent id="${id}" name="Délai de recours"><bpmn:timerEventDefinition><bpmn:timeDuration>P2D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>`;
const task = (id: string, name = 'Examiner') =>
  `<bpmn:userTask id="${id}" name="${name}"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="urbanisme" /></bpmn:extensionElements></bpmn:userTask>`;

/** v1: a cooling-off timer, then a review. */
const v1 = bpmn(`<bpmn:startEvent id="start" />${wait('cooling')}${task('review')}<bpmn:endEvent id="end" />
  ${chain(['start', 'cooling', 'review', 'end'])}`);
/** v2: the review is renamed `examine` and a check follows; the timer keeps its id. */
const v2 = bpmn(`<bpmn:startEvent id="start" />${wait('cooling')}${task('examine')}${task('check', 'Vérifier')}
  <bpmn:serviceTask id="notify"><bpmn:extensionElements><zeebe:taskDefinition type="parvis:mail" /></bpmn:extensionElements></bpmn:serviceTask>
  <bpmn:endEvent id="end" />${chain(['start', 'cooling', 'examine', 'check', 'notify', 'end'])}`);

describe('moving a request to another version', () => {
  it('maps same ids by default, the analyst maps the rest, and a request waiting on a timer keeps its date', async () => {
    // given a request waiting on v1's timer
    const [from, to] = [await compiled(v1), await compiled(v2)];
    const driver = new Driver(from);
    const fireAt = engineState(driver.state).subscriptions[0]!.fireAt;
    // when
    const { mapping, problems } = versionMapping(from, to, { review: 'examine' });
    const moved = migrateState(driver.state, from, to, mapping);
    // then the timer is the same one, due at the same time, and on firing the request goes on in v2
    expect(problems).toEqual([]);
    expect(mapping).toMatchObject({ start: 'start', cooling: 'cooling', review: 'examine', end: 'end' });
    expect(migrationBlockers(driver.state, from, to, mapping)).toEqual([]);
    expect(engineState(moved).subscriptions).toMatchObject([{ el: 'cooling', fireAt }]);
    const after = new Driver(to);
    after.step = { state: moved, commands: [] };
    after.send({ type: 'timerFired', timerId: engineState(moved).subscriptions[0]!.id, time: fireAt! });
    expect(after.last('openTask')).toMatchObject({ elementId: 'examine', candidateGroups: ['urbanisme'] });
    after.completeTask('examine');
    expect(after.last('openTask')).toMatchObject({ elementId: 'check' });
  });

  it('a request standing where the mapping sends nowhere cannot move, and says where', async () => {
    // given a request at v1's review, with no mapping for it
    const [from, to] = [await compiled(v1), await compiled(v2)];
    const driver = new Driver(from);
    driver.send({ type: 'timerFired', timerId: engineState(driver.state).subscriptions[0]!.id, time: T0 });
    // when
    const { mapping } = versionMapping(from, to);
    // then
    expect(activeElementsOf(driver.state)).toEqual(['review']);
    expect(migrationBlockers(driver.state, from, to, mapping)).toEqual([
      expect.objectContaining({
        code: 'NO_MAPPING',
        elementId: 'review',
        message: expect.stringContaining('Examiner'),
      }),
    ]);
  });

  it('a mapping to an element of another type is refused, naming both elements and their types', async () => {
    const [from, to] = [await compiled(v1), await compiled(v2)];
    const { mapping, problems } = versionMapping(from, to, { review: 'notify', ghost: 'check', cooling: 'nowhere' });
    expect(problems).toEqual([
      expect.objectContaining({ code: 'ELEMENT_TYPE_MISMATCH', elementId: 'review', targetId: 'notify' }),
      expect.objectContaining({ code: 'UNKNOWN_SOURCE_ELEMENT', elementId: 'ghost' }),
      expect.objectContaining({ code: 'UNKNOWN_TARGET_ELEMENT', elementId: 'cooling', targetId: 'nowhere' }),
    ]);
    expect(problems[0]!.message).toContain('userTask');
    expect(problems[0]!.message).toContain('serviceTask');
    expect(mapping.review).toBeUndefined();
  });

  it('a timer cannot map to a message catch event: events are told apart by what they wait for', async () => {
    const from = await compiled(v1);
    const to = await compiled(
      bpmn(
        `<bpmn:startEvent id="start" /><bpmn:intermediateCatchEvent id="cooling"><bpmn:messageEventDefinition messageRef="m" /></bpmn:intermediateCatchEvent>
        ${task('review')}<bpmn:endEvent id="end" />${chain(['start', 'cooling', 'review', 'end'])}`,
        {
          definitions:
            '<bpmn:message id="m" name="answer"><bpmn:extensionElements><zeebe:subscription correlationKey="=trackingCode" /></bpmn:extensionElements></bpmn:message>',
        },
      ),
    );
    const { mapping, problems } = versionMapping(from, to, { cooling: 'cooling' });
    expect(mapping.cooling).toBeUndefined();
    expect(problems).toMatchObject([{ code: 'ELEMENT_TYPE_MISMATCH', elementId: 'cooling' }]);
    // and by default the same id of another kind is left unmapped, so a request waiting there cannot move
    expect(versionMapping(from, to).mapping.cooling).toBeUndefined();
  });

  it('a request inside an active multi-instance cannot move', async () => {
    const approvals = (id: string) =>
      bpmn(`<bpmn:startEvent id="start" />
      <bpmn:userTask id="${id}"><bpmn:extensionElements><zeebe:assignmentDefinition assignee="=approver" /></bpmn:extensionElements>
        <bpmn:multiInstanceLoopCharacteristics isSequential="true"><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=approvers" inputElement="approver" /></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>
      </bpmn:userTask><bpmn:endEvent id="end" />${chain(['start', id, 'end'])}`);
    const [from, to] = [await compiled(approvals('approve')), await compiled(approvals('approve'))];
    const driver = new Driver(from, { variables: { approvers: ['maire', 'adjoint'] } });
    const blockers = migrationBlockers(driver.state, from, to, versionMapping(from, to).mapping);
    expect(blockers).toEqual([expect.objectContaining({ code: 'ACTIVE_MULTI_INSTANCE', elementId: 'approve' })]);
  });

  it('two old elements sent to one new element is refused', async () => {
    const ir = await compiled(v2);
    const { problems } = versionMapping(ir, ir, { examine: 'check' });
    expect(problems).toMatchObject([{ code: 'TARGET_MAPPED_TWICE', elementId: 'examine', targetId: 'check' }]);
  });

  it('the lifecycle moves with its open task and deadline, records the move, and goes on in the new version', async () => {
    // given a request at v1's review, with a 10-day deadline
    const [from, to] = [await compiled(v1), await compiled(v2)];
    const host: LifecycleHost = {
      setAlarm: () => {},
      clearAlarm: () => {},
      clearAlarms: () => {},
      runJob: () => {},
      cancelJob: () => {},
      startCall: () => {},
      cancelCall: () => {},
    };
    const lifecycle = new RequestLifecycle(
      {
        ir: { ...from, properties: { 'sla.businessDays': '10' } },
        calendar: { timeZone: 'Europe/Paris', alsaceMoselle: false, closures: [] },
        requestId: 'r-1',
        trackingCode: 'ABCD-EFGH-JKMN',
        submittedAt: T0,
        citizen: { email: 'lea@example.fr' },
        procedureTitle: { fr: 'Terrasse', en: 'Terrace' },
        start: { variables: {}, time: T0 },
      },
      host,
    );
    lifecycle.begin();
    lifecycle.settle(T0);
    const timer = [...lifecycle.timers.values()][0]!;
    lifecycle.wake(
      { kind: 'engine', event: { type: 'timerFired', timerId: timer.timerId, time: timer.fireAt } },
      timer.fireAt,
    );
    lifecycle.settle(timer.fireAt);
    lifecycle.takeRecord();
    const dueAt = lifecycle.clocks.get('request')!.dueAt;
    // when an analyst moves it to v2, the review mapped to examine
    const { mapping } = versionMapping(from, to, { review: 'examine' });
    lifecycle.migrating({ toIr: to, mapping, procedureVersionId: 'v2-id', fromVersion: 1, toVersion: 2, by: 'Alex' });
    lifecycle.wake({ kind: 'versionMigrated' }, timer.fireAt);
    lifecycle.settle(timer.fireAt);
    // then the step records the new version and the move, with no task opened or closed
    const record = lifecycle.takeRecord();
    expect(record?.request).toMatchObject({ procedureVersionId: 'v2-id' });
    expect(record?.timeline).toEqual([
      {
        kind: 'versionMigrated',
        payload: { fromVersion: 1, toVersion: 2, by: 'Alex', moved: [{ from: 'review', to: 'examine' }] },
      },
    ]);
    expect(record?.openedTasks).toEqual([]);
    expect(record?.closedTasks).toEqual([]);
    // and the same task is open on v2's element, the deadline unchanged
    const task = [...lifecycle.openTasks.values()][0]!;
    expect(task.elementId).toBe('examine');
    expect(lifecycle.clocks.get('request')!.dueAt).toBe(dueAt);
    // and completing it goes on along v2's flows, to the check v1 did not have
    lifecycle.completing(task, 'Agnès');
    lifecycle.wake(
      { kind: 'engine', event: { type: 'taskCompleted', taskId: task.taskKey, variables: {}, time: timer.fireAt } },
      timer.fireAt,
    );
    lifecycle.settle(timer.fireAt);
    expect([...lifecycle.openTasks.values()].map((t) => t.elementId)).toEqual(['check']);
  });
});

import { describe, expect, it } from 'vitest';
import { bpmn, chain, compiled, T0 } from '../../test-fixtures/bpmn.ts';
import type { Variables } from '../runtime/types.ts';
import { RequestLifecycle } from './request-lifecycle.ts';
import type { LifecycleHost, Wakeup } from './types.ts';

const CALENDAR = { timeZone: 'Europe/Paris', alsaceMoselle: false, closures: [] };
const PLAN = { id: 'plan', fr: 'Plan de situation', en: 'Site plan' };

/** A permit of 10 business days, silence = acceptance after 2 months, one piece carried by the form's `plan`. */
const permit = (extra = '') =>
  bpmn(
    `<bpmn:extensionElements><zeebe:properties>
       <zeebe:property name="sla.businessDays" value="10" />
       <zeebe:property name="silence" value="acceptance" />
       <zeebe:property name="piece.plan" value="Plan de situation | Site plan" />
       <zeebe:property name="piece.plan.field" value="plan" />
       ${extra}
     </zeebe:properties></bpmn:extensionElements>
     <bpmn:startEvent id="start" />
     <bpmn:userTask id="review" name="Examiner"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="urbanisme" /></bpmn:extensionElements></bpmn:userTask>
     <bpmn:endEvent id="end" />
     ${chain(['start', 'review', 'end'])}`,
  );

async function newRequest(variables: Variables, extra = '') {
  const alarms = new Map<string, { at: string; wakeup: Wakeup }>();
  const host: LifecycleHost = {
    setAlarm: (id, at, wakeup) => alarms.set(id, { at, wakeup }),
    clearAlarm: (id) => alarms.delete(id),
    clearAlarms: () => alarms.clear(),
    runJob: () => {},
    cancelJob: () => {},
    startCall: () => {},
    cancelCall: () => {},
  };
  const lifecycle = new RequestLifecycle(
    {
      ir: await compiled(permit(extra)),
      calendar: CALENDAR,
      requestId: 'r-1',
      trackingCode: 'ABCD-EFGH-JKMN',
      submittedAt: T0,
      citizen: { email: 'lea@example.fr' },
      procedureTitle: { fr: 'Permis', en: 'Permit' },
      start: { variables, time: T0 },
    },
    host,
  );
  lifecycle.begin();
  lifecycle.settle(T0);
  return { lifecycle, alarms };
}

/** One wake-up at `at`, and what it recorded and sent. */
function step(lifecycle: RequestLifecycle, wakeup: Wakeup, at: string) {
  lifecycle.wake(wakeup, at);
  lifecycle.settle(at);
  return { record: lifecycle.takeRecord(), notices: lifecycle.takeNotices() };
}

describe('RequestLifecycle: an incomplete file (CRPA art. L114-5)', () => {
  it('stops the implicit-decision and instruction clocks while pieces are missing, and starts them at completion', async () => {
    // given a permit received on Monday 2 March 2026 with its plan (implicit acceptance on 2 May)
    const { lifecycle, alarms } = await newRequest({ plan: ['file-1'] });
    lifecycle.takeNotices();
    lifecycle.takeRecord();
    expect(alarms.get('implicitDecision')?.at).toBe('2026-05-01T22:00:00.000Z');

    // when an agent declares it incomplete the next day
    const declared = step(
      lifecycle,
      { kind: 'fileIncomplete', pieces: [PLAN], by: 'Agnès' },
      '2026-03-03T09:00:00.000Z',
    );
    // then no implicit decision and no instruction deadline are on their way
    expect(alarms.has('implicitDecision')).toBe(false);
    expect(alarms.has('sla:request')).toBe(false);
    expect(declared.record?.request).toMatchObject({ dueAt: null, implicitDecisionAt: null, slaState: 'paused' });
    expect(declared.record?.timeline).toEqual([
      { kind: 'fileIncomplete', payload: { pieces: ['Plan de situation'], deadline: '2026-04-03', by: 'Agnès' } },
    ]);
    // and the citizen is told what is missing and by when (one month by default)
    expect(declared.notices.map((n) => [n.event, n.audience, n.facts.missingPieces, n.facts.piecesDeadline])).toEqual([
      ['fileIncomplete', { citizen: { email: 'lea@example.fr' } }, [PLAN], '2026-04-03'],
    ]);

    // when, three weeks later (Tuesday 24 March), an agent declares it complete
    const completeAt = '2026-03-24T10:00:00.000Z';
    const completed = step(lifecycle, { kind: 'fileComplete', by: 'Agnès' }, completeAt);
    // then the implicit acceptance falls two months after completion (24 May), not after receipt (2 May)
    expect(alarms.get('implicitDecision')?.at).toBe('2026-05-23T22:00:00.000Z');
    expect(completed.record?.request).toMatchObject({
      completeAt,
      incomplete: null,
      implicitDecisionAt: '2026-05-23T22:00:00.000Z',
      slaState: 'onTime',
    });
    // and the instruction clock runs 10 business days from completion
    expect(lifecycle.clocks.get('request')).toMatchObject({ startedAt: completeAt });
    expect(completed.record?.timeline).toEqual([
      { kind: 'fileComplete', payload: { completeAt, by: 'Agnès', implicitDecisionDate: '2026-05-24' } },
    ]);
    expect(completed.notices.map((n) => [n.event, n.facts.completeAt, n.facts.implicitDecisionDate])).toEqual([
      ['fileComplete', completeAt, '2026-05-24'],
    ]);
    // and a continued run keeps counting from completion
    expect(lifecycle.resumeState().completeness).toEqual({ completeAt });
  });

  it('refuses a completion declared twice, and any declaration on a closed request, in words', async () => {
    const { lifecycle } = await newRequest({ plan: ['file-1'] });
    expect(lifecycle.completenessRefusal({ kind: 'complete' })).toMatchObject({
      code: 'ALREADY_COMPLETE',
      message: expect.stringContaining('déjà complet'),
    });
    step(lifecycle, { kind: 'fileIncomplete', pieces: [PLAN], by: 'Agnès' }, '2026-03-03T09:00:00.000Z');
    expect(lifecycle.completenessRefusal({ kind: 'complete' })).toBeUndefined();
    step(lifecycle, { kind: 'fileComplete', by: 'Agnès' }, '2026-03-04T09:00:00.000Z');
    expect(lifecycle.completenessRefusal({ kind: 'complete' })).toMatchObject({
      code: 'ALREADY_COMPLETE',
      message: expect.stringContaining('déjà complet depuis le 2026-03-04'),
    });
    // a second completion that slips through changes nothing
    const again = step(lifecycle, { kind: 'fileComplete', by: 'Bruno' }, '2026-03-05T09:00:00.000Z');
    expect(again.record).toBeUndefined();
    expect(again.notices).toEqual([]);
    // the request closes: nothing more is declared about its file
    const task = [...lifecycle.openTasks.values()][0]!;
    step(
      lifecycle,
      { kind: 'engine', event: { type: 'taskCompleted', taskId: task.taskKey, variables: {}, time: T0 } },
      '2026-03-06T09:00:00.000Z',
    );
    expect(lifecycle.status).toBe('completed');
    expect(lifecycle.completenessRefusal({ kind: 'incomplete', pieces: [PLAN] })).toMatchObject({
      code: 'REQUEST_CLOSED',
      message: expect.stringContaining('est close'),
    });
  });

  it('declares the file incomplete at receipt when a piece the form carries is missing (a rule), with the delay the procedure gives', async () => {
    const { lifecycle, alarms } = await newRequest({}, '<zeebe:property name="completeness.days" value="15" />');
    expect(alarms.has('implicitDecision')).toBe(false);
    expect(alarms.has('sla:request')).toBe(false);
    const notices = lifecycle.takeNotices();
    expect(notices.map((n) => n.event)).toEqual(['acknowledgement', 'fileIncomplete', 'taskOpened']);
    expect(notices[1]?.facts).toMatchObject({ missingPieces: [PLAN], piecesDeadline: '2026-03-17' });
    expect(lifecycle.takeRecord()?.request).toMatchObject({ implicitDecisionAt: null, dueAt: null });
  });
});

import { describe, expect, it } from 'vitest';
import { bpmn, chain, compiled, T0 } from '../../test-fixtures/bpmn.ts';
import { RequestLifecycle, type RequestLifecycleInput } from './request-lifecycle.ts';
import type { LifecycleHost, Wakeup } from './types.ts';

const CALENDAR = { timeZone: 'Europe/Paris', alsaceMoselle: false, closures: [] };

/** A process with a request SLA, an agents' task, then a wait for the citizen that pauses the SLA. */
const model = (properties: Record<string, string>) =>
  bpmn(
    `<bpmn:extensionElements><zeebe:properties>${Object.entries(properties)
      .map(([name, value]) => `<zeebe:property name="${name}" value="${value}" />`)
      .join('')}</zeebe:properties></bpmn:extensionElements>
     <bpmn:startEvent id="start" />
     <bpmn:userTask id="review" name="Examiner"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="urbanisme" /></bpmn:extensionElements></bpmn:userTask>
     <bpmn:intermediateCatchEvent id="answer"><bpmn:extensionElements><zeebe:properties><zeebe:property name="sla.pauses" value="true" /></zeebe:properties></bpmn:extensionElements><bpmn:messageEventDefinition messageRef="m" /></bpmn:intermediateCatchEvent>
     <bpmn:endEvent id="end" />
     ${chain(['start', 'review', 'answer', 'end'])}`,
    { definitions: '<bpmn:message id="m" name="citizenAnswer" />' },
  );

/** A host that only writes down what it is asked. */
function recordingHost() {
  const alarms = new Map<string, { at: string; wakeup: Wakeup }>();
  const asked: string[] = [];
  const host: LifecycleHost = {
    setAlarm: (id, at, wakeup) => {
      alarms.set(id, { at, wakeup });
      asked.push(`setAlarm ${id} ${at}`);
    },
    clearAlarm: (id) => {
      alarms.delete(id);
      asked.push(`clearAlarm ${id}`);
    },
    clearAlarms: () => {
      alarms.clear();
      asked.push('clearAlarms');
    },
    runJob: (command) => asked.push(`runJob ${command.jobType}`),
    cancelJob: (jobId) => asked.push(`cancelJob ${jobId}`),
    startCall: (command, scope) => asked.push(`startCall ${command.processId} ${scope}`),
    cancelCall: (callId) => asked.push(`cancelCall ${callId}`),
  };
  return { host, alarms, asked };
}

async function newRequest(properties: Record<string, string>, extra: Partial<RequestLifecycleInput> = {}) {
  const recorder = recordingHost();
  const lifecycle = new RequestLifecycle(
    {
      ir: await compiled(model(properties)),
      calendar: CALENDAR,
      requestId: 'r-1',
      trackingCode: 'ABCD-EFGH-JKMN',
      submittedAt: T0,
      citizen: { email: 'lea@example.fr' },
      procedureTitle: { fr: 'Permis', en: 'Permit' },
      start: { variables: {}, time: T0 },
      ...extra,
    },
    recorder.host,
  );
  lifecycle.begin();
  lifecycle.settle(T0);
  return { lifecycle, ...recorder };
}

describe('RequestLifecycle: the request’s rules, for any host', () => {
  it('submits a request: its SLA and implicit-decision alarms, the acknowledgement, the task for its group', async () => {
    // given a procedure of 10 business days where silence means acceptance after 2 months (Monday 2 March, 10:00 Paris)
    const { lifecycle, alarms } = await newRequest({ 'sla.businessDays': '10', silence: 'acceptance' });
    // then the host is asked to ring the reminder (at 75 % of the delay) and the implicit decision on 2 May, Paris time
    expect([...alarms.keys()]).toEqual(['implicitDecision', 'sla:request']);
    expect(alarms.get('implicitDecision')?.at).toBe('2026-05-01T22:00:00.000Z');
    expect(alarms.get('sla:request')?.wakeup).toEqual({ kind: 'sla', clock: 'request', stage: 'atRisk' });
    // and the citizen is acknowledged first, then the group told of its task
    const notices = lifecycle.takeNotices();
    expect(notices.map((n) => [n.event, n.audience])).toEqual([
      ['acknowledgement', { citizen: { email: 'lea@example.fr' } }],
      ['taskOpened', { groups: ['urbanisme'] }],
    ]);
    expect(notices[0]?.facts).toMatchObject({ silence: 'acceptance', dueAt: '2026-03-16T22:59:59.999Z' });
    // and the step records the request submitted, with its deadline and regime, and the task opened
    const record = lifecycle.takeRecord();
    expect(record?.request).toMatchObject({ status: 'inProgress', silenceRegime: 'acceptance' });
    expect(record?.timeline.map((e) => e.kind)).toEqual(['submitted', 'taskOpened']);
    expect(record?.openedTasks.map((t) => t.elementId)).toEqual(['review']);
  });

  it('reminds the group, then alerts its managers at the breach', async () => {
    const { lifecycle, alarms } = await newRequest({ 'sla.businessDays': '10' });
    lifecycle.takeNotices();
    lifecycle.takeRecord();
    // when the reminder rings
    const reminder = alarms.get('sla:request')!;
    lifecycle.wake(reminder.wakeup, reminder.at);
    lifecycle.settle(reminder.at);
    expect(lifecycle.takeNotices().map((n) => [n.event, n.audience])).toEqual([
      ['slaReminder', { groups: ['urbanisme'] }],
    ]);
    expect(lifecycle.takeRecord()?.request).toMatchObject({ slaState: 'atRisk' });
    // then the breach is the next alarm, at the deadline
    const breach = alarms.get('sla:request')!;
    expect(breach.at).toBe('2026-03-16T22:59:59.999Z');
    lifecycle.wake(breach.wakeup, breach.at);
    lifecycle.settle(breach.at);
    expect(lifecycle.takeNotices().map((n) => [n.event, n.audience])).toEqual([
      ['slaBreached', { managersOf: ['urbanisme'] }],
    ]);
    expect(alarms.has('sla:request')).toBe(false);
  });

  it('stops the SLA while the citizen is asked and moves the deadline by the time they took', async () => {
    const { lifecycle, alarms, asked } = await newRequest({ 'sla.businessDays': '10' });
    lifecycle.takeRecord();
    lifecycle.takeNotices();
    const dueAt = lifecycle.clocks.get('request')!.dueAt;
    // when the agent's task is done and the request waits for the citizen (Tuesday 3 March)
    const task = [...lifecycle.openTasks.values()][0]!;
    lifecycle.completing(task, 'Agnès');
    lifecycle.wake(
      {
        kind: 'engine',
        event: { type: 'taskCompleted', taskId: task.taskKey, variables: {}, time: '2026-03-03T09:00:00.000Z' },
      },
      '2026-03-03T09:00:00.000Z',
    );
    lifecycle.settle('2026-03-03T09:00:00.000Z');
    // then the clock is paused: no alarm
    expect(alarms.has('sla:request')).toBe(false);
    expect(asked).toContain('clearAlarm sla:request');
    expect(lifecycle.takeRecord()?.timeline.map((e) => e.kind)).toEqual(['taskCompleted', 'slaPaused']);
    // and when the citizen answers a week later (Tuesday 10 March), the deadline moves by five business days
    lifecycle.receiving('citizenAnswer', 'citizen');
    const later = '2026-03-10T09:00:00.000Z';
    lifecycle.wake(
      { kind: 'engine', event: { type: 'messageReceived', messageName: 'citizenAnswer', variables: {}, time: later } },
      later,
    );
    lifecycle.settle(later);
    expect(lifecycle.status).toBe('completed');
    const record = lifecycle.takeRecord();
    expect(record?.timeline.map((e) => e.kind)).toEqual(['messageReceived', 'slaResumed', 'closed']);
    expect(record?.request.dueAt).toBe('2026-03-23T22:59:59.999Z');
    expect(record?.request.dueAt).not.toBe(dueAt);
    // and once closed, no alarm may ring; its followers hear it is solved
    expect(asked.at(-1)).toBe('clearAlarms');
    expect(lifecycle.takeNotices().map((n) => [n.event, n.audience])).toEqual([
      ['requestClosed', { followersOf: 'r-1' }],
    ]);
  });

  it('a merged request does not tell its followers it is solved; a called process keeps no clocks', async () => {
    const { lifecycle } = await newRequest({ 'sla.businessDays': '10' });
    lifecycle.takeNotices();
    lifecycle.merging('ZZZZ-ZZZZ-ZZZZ', 'Agnès');
    lifecycle.wake({ kind: 'engine', event: { type: 'cancelled', time: T0 } }, T0);
    lifecycle.settle(T0);
    expect(lifecycle.takeNotices().map((n) => n.event)).toEqual(['mergedInto']);

    const child = await newRequest({ 'sla.businessDays': '10', silence: 'refusal' }, { child: { scope: 'Call#2' } });
    expect([...child.alarms.keys()]).toEqual([]);
    expect(child.lifecycle.takeNotices().map((n) => n.event)).toEqual(['taskOpened']);
    expect([...child.lifecycle.openTasks.keys()][0]).toMatch(/^Call#2\/review#/);
  });

  it('resumes from its saved state with the same alarms', async () => {
    const { lifecycle, alarms } = await newRequest({ 'sla.businessDays': '10', silence: 'acceptance' });
    const saved = JSON.parse(JSON.stringify(lifecycle.resumeState()));
    const again = recordingHost();
    const resumed = new RequestLifecycle(
      {
        ir: await compiled(model({ 'sla.businessDays': '10', silence: 'acceptance' })),
        calendar: CALENDAR,
        requestId: 'r-1',
        trackingCode: 'ABCD-EFGH-JKMN',
        submittedAt: T0,
        citizen: {},
        procedureTitle: { fr: 'Permis', en: 'Permit' },
        resume: saved,
      },
      again.host,
    );
    resumed.begin();
    expect([...again.alarms.entries()].sort()).toEqual([...alarms.entries()].sort());
    expect([...resumed.openTasks.keys()]).toEqual([...lifecycle.openTasks.keys()]);
    expect(resumed.takeNotices()).toEqual([]);
  });
});

describe('RequestLifecycle: when the engine itself fails', () => {
  /** A compiled model broken after compilation: its start event leads to a flow that does not exist. */
  async function broken() {
    const ir = await compiled(model({}));
    const elements = ir.elements as Record<string, { outgoing?: string[] }>;
    const startEvent = Object.values(elements).find((element) => element.outgoing?.includes('f1'))!;
    startEvent.outgoing = ['no-such-flow'];
    return ir;
  }

  it('the request is still acknowledged and holds an incident agents see; resolving it runs the start again', async () => {
    const recorder = recordingHost();
    const lifecycle = new RequestLifecycle(
      {
        ir: await broken(),
        calendar: CALENDAR,
        requestId: 'r-2',
        trackingCode: 'ABCD-EFGH-JKMN',
        submittedAt: T0,
        citizen: { email: 'lea@example.fr' },
        procedureTitle: { fr: 'Permis', en: 'Permit' },
        start: { variables: {}, time: T0 },
      },
      recorder.host,
    );
    lifecycle.begin();
    lifecycle.settle(T0);
    // then the citizen is acknowledged, the request stays open, an incident names what failed
    expect(lifecycle.takeNotices().map((n) => n.event)).toEqual(['acknowledgement']);
    expect(lifecycle.status).toBe('active');
    const [incident] = [...lifecycle.incidents.values()];
    expect(incident).toMatchObject({ incidentId: 'engine#1', code: 'ENGINE_FAILURE', elementId: 'test' });
    expect(lifecycle.takeRecord()?.timeline.map((e) => e.kind)).toEqual(['submitted', 'incident']);
    // and its state survives a new run
    expect(JSON.parse(JSON.stringify(lifecycle.resumeState())).engineFailures).toEqual([['engine#1', 'start']]);
    // when an agent resolves it (the model is still broken), the start runs again and fails again, as a new incident
    lifecycle.resolvingIncident('engine#1', 'Agnès');
    lifecycle.wake({ kind: 'engine', event: { type: 'incidentResolved', incidentId: 'engine#1', time: T0 } }, T0);
    lifecycle.settle(T0);
    expect([...lifecycle.incidents.keys()]).toEqual(['engine#2']);
  });
});

describe('RequestLifecycle: a called process’s tasks', () => {
  it('records a task its boundary timer cancelled as cancelled, under the call’s scope', async () => {
    // given a called process whose task a one-day timer interrupts
    const ir = await compiled(
      bpmn(
        `<bpmn:startEvent id="start" /><bpmn:userTask id="review" />
         <bpmn:boundaryEvent id="late" attachedToRef="review"><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
         <bpmn:endEvent id="done" /><bpmn:endEvent id="expired" />
         ${chain(['start', 'review', 'done'])}<bpmn:sequenceFlow id="t1" sourceRef="late" targetRef="expired" />`,
      ),
    );
    const recorder = recordingHost();
    const lifecycle = new RequestLifecycle(
      {
        ir,
        calendar: CALENDAR,
        requestId: 'r-3',
        trackingCode: 'ABCD-EFGH-JKMN',
        submittedAt: T0,
        citizen: {},
        procedureTitle: { fr: 'Vérification', en: 'Check' },
        child: { scope: 'Call#2' },
        start: { variables: {}, time: T0 },
      },
      recorder.host,
    );
    lifecycle.begin();
    lifecycle.settle(T0);
    const [taskKey] = [...lifecycle.openTasks.keys()];
    lifecycle.takeRecord();
    // when the timer rings
    const [timer] = [...lifecycle.timers.values()];
    lifecycle.wake(
      { kind: 'engine', event: { type: 'timerFired', timerId: timer!.timerId, time: timer!.fireAt } },
      timer!.fireAt,
    );
    lifecycle.settle(timer!.fireAt);
    // then the task is closed as cancelled, not completed
    expect(lifecycle.takeRecord()?.closedTasks).toEqual([{ taskKey, status: 'cancelled', completedBy: undefined }]);
    expect(taskKey).toMatch(/^Call#2\//);
  });
});

import { describe, expect, it } from 'vitest';
import { bpmn, chain, compiled, Driver, flow, T0 } from '../../test-fixtures/bpmn.ts';
import { start } from './interpreter.ts';

const definitions = `
  <bpmn:message id="infoMessage" name="more-info" />
  <bpmn:message id="withdrawMessage" name="withdrawn" />
  <bpmn:signal id="closeSignal" name="close-all" />
  <bpmn:error id="fraudError" errorCode="FRAUD" />
  <bpmn:escalation id="vipEscalation" escalationCode="VIP" />`;

function eventSub(id: string, startDefinition: string, interrupting: boolean, body = ''): string {
  return `<bpmn:subProcess id="${id}" triggeredByEvent="true">
    <bpmn:startEvent id="${id}Start" isInterrupting="${interrupting}">${startDefinition}</bpmn:startEvent>
    <bpmn:userTask id="${id}Task" /><bpmn:endEvent id="${id}End" />${body}
    ${chain([`${id}Start`, `${id}Task`, `${id}End`], `${id}F`)}
  </bpmn:subProcess>`;
}

describe('embedded sub-process', () => {
  it('runs its body in its own scope; local variables from input mappings stay inside', async () => {
    // given
    const ir = await compiled(
      bpmn(`<bpmn:startEvent id="start" />
        <bpmn:subProcess id="check">
          <bpmn:extensionElements><zeebe:ioMapping><zeebe:input source="=amount + 1" target="local" /></zeebe:ioMapping></bpmn:extensionElements>
          <bpmn:startEvent id="cs" /><bpmn:userTask id="inner" /><bpmn:endEvent id="ce" />${chain(['cs', 'inner', 'ce'], 'c')}
        </bpmn:subProcess>
        <bpmn:endEvent id="end" />${chain(['start', 'check', 'end'])}`),
    );
    const driver = new Driver(ir, { variables: { amount: 1 } });
    // when
    const commands = driver.completeTask('inner', { checked: true });
    // then
    expect(driver.last('openTask').variables).toEqual({ amount: 1, local: 2 });
    expect(commands).toEqual([{ type: 'complete', variables: { amount: 1, checked: true } }]);
  });
});

describe('terminate inside a sub-process', () => {
  it('ends only the sub-process, which then completes normally', async () => {
    // given
    const ir = await compiled(
      bpmn(`<bpmn:startEvent id="start" />
        <bpmn:subProcess id="inner"><bpmn:startEvent id="is" /><bpmn:parallelGateway id="fork" /><bpmn:userTask id="pending" />
          <bpmn:endEvent id="stop"><bpmn:terminateEventDefinition /></bpmn:endEvent>
          ${flow('i1', 'is', 'fork')}${flow('i2', 'fork', 'pending')}${flow('i3', 'fork', 'stop')}</bpmn:subProcess>
        <bpmn:userTask id="after" />${chain(['start', 'inner', 'after'])}`),
    );
    // when
    const step = start(ir, { time: T0 });
    // then
    expect(step.state.status).toBe('active');
    expect(step.commands).toMatchObject([
      { type: 'openTask', elementId: 'pending' },
      { type: 'cancelTask', elementId: 'pending' },
      { type: 'openTask', elementId: 'after' },
    ]);
  });
});

describe('event sub-processes', () => {
  it('inside a sub-process: a non-interrupting timer start runs beside its body and closes with it', async () => {
    // given
    const ir = await compiled(
      bpmn(`<bpmn:startEvent id="start" />
        <bpmn:subProcess id="review"><bpmn:startEvent id="rs" /><bpmn:userTask id="work" /><bpmn:endEvent id="re" />${chain(['rs', 'work', 're'], 'r')}
          ${eventSub('nag', '<bpmn:timerEventDefinition><bpmn:timeCycle>R/P1D</bpmn:timeCycle></bpmn:timerEventDefinition>', false)}
        </bpmn:subProcess><bpmn:endEvent id="end" />${chain(['start', 'review', 'end'])}`),
    );
    const driver = new Driver(ir);
    const timer = driver.last('startTimer');
    // when
    const fired = driver.send({ type: 'timerFired', timerId: timer.timerId, time: '2026-03-03T09:00:00.000Z' });
    driver.completeTask('nagTask');
    const done = driver.completeTask('work');
    // then
    expect(fired).toMatchObject([
      { type: 'startTimer', timerId: timer.timerId, fireAt: '2026-03-04T09:00:00.000Z' },
      { type: 'openTask', elementId: 'nagTask' },
    ]);
    expect(done).toMatchObject([{ type: 'cancelTimer', timerId: timer.timerId }, { type: 'complete' }]);
  });

  const model = bpmn(
    `<bpmn:startEvent id="start" /><bpmn:userTask id="main" /><bpmn:endEvent id="end" />${chain(['start', 'main', 'end'])}
     ${eventSub('info', '<bpmn:messageEventDefinition messageRef="infoMessage" />', false)}
     ${eventSub('withdraw', '<bpmn:messageEventDefinition messageRef="withdrawMessage" />', true)}
     ${eventSub('fraud', '<bpmn:errorEventDefinition errorRef="fraudError" />', true)}
     ${eventSub('vip', '<bpmn:escalationEventDefinition escalationRef="vipEscalation" />', false)}
     ${eventSub('closing', '<bpmn:signalEventDefinition signalRef="closeSignal" />', true)}
     ${eventSub('reminder', '<bpmn:timerEventDefinition><bpmn:timeDuration>P7D</bpmn:timeDuration></bpmn:timerEventDefinition>', false)}`,
    { definitions },
  );

  it('non-interrupting message start runs beside the main flow', async () => {
    // given
    const driver = new Driver(await compiled(model));
    // when
    const commands = driver.send({ type: 'messageReceived', messageName: 'more-info', time: T0 });
    driver.completeTask('infoTask');
    const finished = driver.completeTask('main');
    // then
    expect(commands).toMatchObject([{ type: 'openTask', elementId: 'infoTask' }]);
    expect(finished).toMatchObject([
      { type: 'cancelMessageWait' },
      { type: 'cancelMessageWait' },
      { type: 'cancelTimer' },
      { type: 'complete' },
    ]);
  });

  it('interrupting message start cancels the main flow; the process completes after the event sub-process', async () => {
    // given
    const driver = new Driver(await compiled(model));
    // when
    const commands = driver.send({ type: 'messageReceived', messageName: 'withdrawn', time: T0 });
    const finished = driver.completeTask('withdrawTask');
    // then
    expect(commands.map((c) => c.type)).toEqual(['cancelTask', 'cancelMessageWait', 'cancelTimer', 'openTask']);
    expect(finished).toMatchObject([{ type: 'complete' }]);
  });

  it('timer and signal starts', async () => {
    // given
    const ir = await compiled(model);
    const byTimer = new Driver(ir);
    const bySignal = new Driver(ir);
    // when
    const afterTimer = byTimer.send({
      type: 'timerFired',
      timerId: byTimer.last('startTimer').timerId,
      time: '2026-03-09T09:00:00.000Z',
    });
    const afterSignal = bySignal.send({ type: 'signalReceived', signalName: 'close-all', time: T0 });
    // then
    expect(afterTimer).toMatchObject([{ type: 'openTask', elementId: 'reminderTask' }]);
    expect(afterSignal.at(-1)).toMatchObject({ type: 'openTask', elementId: 'closingTask' });
    expect(afterSignal).toContainEqual(expect.objectContaining({ type: 'cancelTask', elementId: 'main' }));
  });

  it('error and escalation starts catch what the flow throws', async () => {
    // given
    const ir = await compiled(
      bpmn(
        `<bpmn:startEvent id="start" /><bpmn:parallelGateway id="fork" />
         <bpmn:intermediateThrowEvent id="flagVip"><bpmn:escalationEventDefinition escalationRef="vipEscalation" /></bpmn:intermediateThrowEvent>
         <bpmn:userTask id="main" /><bpmn:endEvent id="e1" />
         <bpmn:endEvent id="fraudFound"><bpmn:errorEventDefinition errorRef="fraudError" /></bpmn:endEvent>
         ${flow('f0', 'start', 'fork')}${flow('f1', 'fork', 'flagVip')}${flow('f2', 'flagVip', 'e1')}${flow('f3', 'fork', 'main')}${flow('f4', 'main', 'fraudFound')}
         ${eventSub('fraud', '<bpmn:errorEventDefinition errorRef="fraudError" />', true)}
         ${eventSub('vip', '<bpmn:escalationEventDefinition escalationRef="vipEscalation" />', false)}`,
        { definitions },
      ),
    );
    const driver = new Driver(ir);
    // when
    const afterFraud = driver.completeTask('main');
    // then
    expect(driver.all('openTask').map((task) => task.elementId)).toEqual(['main', 'vipTask', 'fraudTask']);
    expect(afterFraud).toMatchObject([
      { type: 'cancelTask', elementId: 'vipTask' },
      { type: 'openTask', elementId: 'fraudTask' },
    ]);
  });
});

describe('event sub-process start that cannot subscribe', () => {
  it('raises an incident; resolving it with the missing variable opens just that wait', async () => {
    // given
    const ir = await compiled(
      bpmn(
        `<bpmn:startEvent id="start" /><bpmn:userTask id="main" />${chain(['start', 'main'])}
         ${eventSub('withdraw', '<bpmn:messageEventDefinition messageRef="keyedMessage" />', true)}`,
        {
          definitions: `${definitions}<bpmn:message id="keyedMessage" name="keyed"><bpmn:extensionElements><zeebe:subscription correlationKey="=trackingCode" /></bpmn:extensionElements></bpmn:message>`,
        },
      ),
    );
    const driver = new Driver(ir);
    const incident = driver.last('incident');
    // when
    const resolved = driver.send({
      type: 'incidentResolved',
      incidentId: incident.incidentId,
      variables: { trackingCode: 'T1' },
      time: T0,
    });
    // then
    expect(incident).toMatchObject({ elementId: 'test', code: 'SUBSCRIPTION_FAILED' });
    expect(driver.all('openTask')).toHaveLength(1);
    expect(resolved).toEqual([
      {
        type: 'waitMessage',
        subscriptionId: expect.any(String),
        elementId: 'withdrawStart',
        messageName: 'keyed',
        correlationKey: 'T1',
      },
    ]);
  });
});

describe('event sub-process inside a sub-process', () => {
  it('an interrupting start cancels the body but keeps the boundary events of the sub-process', async () => {
    // given
    const ir = await compiled(
      bpmn(
        `<bpmn:startEvent id="start" />
        <bpmn:subProcess id="review"><bpmn:startEvent id="rs" /><bpmn:userTask id="work" /><bpmn:endEvent id="re" />${chain(['rs', 'work', 're'], 'r')}
          ${eventSub('withdraw', '<bpmn:messageEventDefinition messageRef="withdrawMessage" />', true)}
        </bpmn:subProcess>
        <bpmn:boundaryEvent id="tooLong" attachedToRef="review"><bpmn:timerEventDefinition><bpmn:timeDuration>P30D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
        <bpmn:endEvent id="end" /><bpmn:endEvent id="late" />${chain(['start', 'review', 'end'])}${flow('t1', 'tooLong', 'late')}`,
        { definitions },
      ),
    );
    const driver = new Driver(ir);
    // when
    const withdrawn = driver.send({ type: 'messageReceived', messageName: 'withdrawn', time: T0 });
    const late = driver.send({
      type: 'timerFired',
      timerId: driver.last('startTimer').timerId,
      time: '2026-04-02T09:00:00.000Z',
    });
    // then
    expect(withdrawn).toMatchObject([
      { type: 'cancelTask', elementId: 'work' },
      { type: 'openTask', elementId: 'withdrawTask' },
    ]);
    expect(late).toMatchObject([{ type: 'cancelTask', elementId: 'withdrawTask' }, { type: 'complete' }]);
  });
});

describe('call activity', () => {
  const model = bpmn(`<bpmn:startEvent id="start" />
    <bpmn:callActivity id="permit"><bpmn:extensionElements><zeebe:calledElement processId="building-permit" propagateAllChildVariables="false" />
      <zeebe:ioMapping><zeebe:input source="=applicant.name" target="name" /><zeebe:output source="=permitNumber" target="permit" /></zeebe:ioMapping>
    </bpmn:extensionElements></bpmn:callActivity>
    <bpmn:endEvent id="end" />${chain(['start', 'permit', 'end'])}`);

  it('asks the host to start the child with the mapped variables, and maps its result back', async () => {
    // given
    const driver = new Driver(await compiled(model), { variables: { applicant: { name: 'Zoé' } } });
    const call = driver.last('startCall');
    // when
    const commands = driver.send({
      type: 'callCompleted',
      callId: call.callId,
      variables: { permitNumber: 'PC-42', internal: 1 },
      time: T0,
    });
    // then
    expect(call).toEqual({
      type: 'startCall',
      callId: 'permit#2',
      elementId: 'permit',
      processId: 'building-permit',
      variables: { name: 'Zoé' },
    });
    expect(commands).toEqual([{ type: 'complete', variables: { applicant: { name: 'Zoé' }, permit: 'PC-42' } }]);
  });

  it('a child that fails with an error code throws that BPMN error from the call activity', async () => {
    // given
    const ir = await compiled(
      bpmn(
        `<bpmn:startEvent id="start" /><bpmn:callActivity id="child"><bpmn:extensionElements><zeebe:calledElement processId="child" /></bpmn:extensionElements></bpmn:callActivity>
         <bpmn:boundaryEvent id="fraud" attachedToRef="child"><bpmn:errorEventDefinition errorRef="fraudError" /></bpmn:boundaryEvent>
         <bpmn:userTask id="investigate" /><bpmn:endEvent id="end" />${chain(['start', 'child', 'end'])}${flow('x1', 'fraud', 'investigate')}`,
        { definitions },
      ),
    );
    const driver = new Driver(ir);
    // when
    const commands = driver.send({
      type: 'callFailed',
      callId: driver.last('startCall').callId,
      errorCode: 'FRAUD',
      message: 'fraud',
      time: T0,
    });
    // then
    expect(commands).toMatchObject([{ type: 'openTask', elementId: 'investigate' }]);
  });

  it('passes every variable both ways without mappings', async () => {
    // given
    const ir = await compiled(
      bpmn(
        `<bpmn:startEvent id="start" /><bpmn:callActivity id="child"><bpmn:extensionElements><zeebe:calledElement processId="child" /></bpmn:extensionElements></bpmn:callActivity>${chain(['start', 'child'])}`,
      ),
    );
    const step = start(ir, { variables: { a: 1 }, time: T0 });
    const driver = new Driver(ir, { variables: { a: 1 } });
    // when
    const commands = driver.send({
      type: 'callCompleted',
      callId: driver.last('startCall').callId,
      variables: { b: 2 },
      time: T0,
    });
    // then
    expect(step.commands).toMatchObject([{ type: 'startCall', variables: { a: 1 } }]);
    expect(commands).toEqual([{ type: 'complete', variables: { a: 1, b: 2 } }]);
  });
});

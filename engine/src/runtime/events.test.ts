import { describe, expect, it } from 'vitest';
import { bpmn, chain, compiled, Driver, flow, T0 } from '../../test-fixtures/bpmn.ts';
import { start } from './interpreter.ts';

const messages = `
  <bpmn:message id="docsMessage" name="documents-received">
    <bpmn:extensionElements><zeebe:subscription correlationKey="=trackingCode" /></bpmn:extensionElements>
  </bpmn:message>
  <bpmn:message id="noticeMessage" name="notice" />
  <bpmn:signal id="stormSignal" name="storm-alert" />
  <bpmn:error id="rejected" errorCode="REJECTED" />
  <bpmn:escalation id="late" escalationCode="LATE" />`;

function timerCatch(id: string, kind: 'timeDuration' | 'timeDate' | 'timeCycle', value: string): string {
  return `<bpmn:intermediateCatchEvent id="${id}"><bpmn:timerEventDefinition><bpmn:${kind}>${value}</bpmn:${kind}></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>`;
}

describe('start events', () => {
  it('starts at a message start event when the message names it', async () => {
    // given
    const ir = await compiled(
      bpmn(
        `<bpmn:startEvent id="byForm" /><bpmn:startEvent id="byMail"><bpmn:messageEventDefinition messageRef="noticeMessage" /></bpmn:startEvent>
         <bpmn:userTask id="fromForm" /><bpmn:userTask id="fromMail" />
         ${flow('f1', 'byForm', 'fromForm')}${flow('f2', 'byMail', 'fromMail')}`,
        { definitions: messages },
      ),
    );
    // when
    const step = start(ir, { time: T0, messageName: 'notice' });
    // then
    expect(step.commands).toMatchObject([{ type: 'openTask', elementId: 'fromMail' }]);
  });

  it('lists timer start events for the host to schedule and starts at the one it names', async () => {
    // given
    const ir = await compiled(
      bpmn(
        `<bpmn:startEvent id="monthly"><bpmn:timerEventDefinition><bpmn:timeCycle>R/P1M</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>
         <bpmn:userTask id="report" />${chain(['monthly', 'report'])}`,
      ),
    );
    // when
    const step = start(ir, { time: T0, startEventId: 'monthly' });
    // then
    expect(ir.startEvents).toEqual([{ id: 'monthly', trigger: { kind: 'timer', timer: { cycle: 'R/P1M' } } }]);
    expect(step.commands).toMatchObject([{ type: 'openTask', elementId: 'report' }]);
  });
});

describe('signal start', () => {
  it('starts at the signal start event the host names', async () => {
    // given
    const ir = await compiled(
      bpmn(
        `<bpmn:startEvent id="onStorm"><bpmn:signalEventDefinition signalRef="stormSignal" /></bpmn:startEvent><bpmn:userTask id="secure" />${chain(['onStorm', 'secure'])}`,
        { definitions: messages },
      ),
    );
    // when
    const step = start(ir, { time: T0, signalName: 'storm-alert' });
    // then
    expect(step.commands).toMatchObject([{ type: 'openTask', elementId: 'secure' }]);
    expect(() => start(ir, { time: T0, messageName: 'nope' })).toThrow(/no start event for nope/);
  });
});

describe('end events', () => {
  it('terminate end: cancels what still runs and terminates the process', async () => {
    // given
    const ir = await compiled(
      bpmn(`<bpmn:startEvent id="start" /><bpmn:parallelGateway id="fork" />
        <bpmn:userTask id="slow" /><bpmn:endEvent id="stop"><bpmn:terminateEventDefinition /></bpmn:endEvent><bpmn:endEvent id="end" />
        ${flow('f0', 'start', 'fork')}${flow('f1', 'fork', 'slow')}${flow('f2', 'fork', 'stop')}${flow('f3', 'slow', 'end')}`),
    );
    // when
    const step = start(ir, { time: T0, variables: { a: 1 } });
    // then
    expect(step.commands).toMatchObject([
      { type: 'openTask', elementId: 'slow' },
      { type: 'cancelTask', elementId: 'slow' },
      { type: 'terminate', variables: { a: 1 } },
    ]);
    expect(step.state.status).toBe('terminated');
  });

  it('error end not caught: an incident naming the end event and the code, as in Camunda 8', async () => {
    // given
    const ir = await compiled(
      bpmn(
        `<bpmn:startEvent id="start" /><bpmn:endEvent id="refuse"><bpmn:errorEventDefinition errorRef="rejected" /></bpmn:endEvent>${chain(['start', 'refuse'])}`,
        {
          definitions: messages,
        },
      ),
    );
    // when
    const step = start(ir, { time: T0 });
    // then
    expect(step.state.status).toBe('active');
    expect(step.commands).toMatchObject([
      {
        type: 'incident',
        elementId: 'refuse',
        code: 'UNHANDLED_ERROR',
        message: expect.stringContaining('"REJECTED"'),
      },
    ]);
  });

  it('error end not caught in a called process: fails it with the code, for the parent to catch', async () => {
    // given
    const ir = await compiled(
      bpmn(
        `<bpmn:startEvent id="start" /><bpmn:endEvent id="refuse"><bpmn:errorEventDefinition errorRef="rejected" /></bpmn:endEvent>${chain(['start', 'refuse'])}`,
        {
          definitions: messages,
        },
      ),
    );
    // when
    const step = start(ir, { time: T0, child: true });
    // then
    expect(step.state.status).toBe('failed');
    expect(step.commands).toMatchObject([{ type: 'fail', elementId: 'refuse', errorCode: 'REJECTED' }]);
  });

  it('error end not caught, IR version 1 (compiled before): fails the process as it always did', async () => {
    // given
    const ir = await compiled(
      bpmn(
        `<bpmn:startEvent id="start" /><bpmn:endEvent id="refuse"><bpmn:errorEventDefinition errorRef="rejected" /></bpmn:endEvent>${chain(['start', 'refuse'])}`,
        {
          definitions: messages,
        },
      ),
    );
    // when
    const step = start({ ...ir, version: 1 }, { time: T0 });
    // then
    expect(step.state.status).toBe('failed');
    expect(step.commands).toMatchObject([{ type: 'fail', elementId: 'refuse', errorCode: 'REJECTED' }]);
  });

  it('message end publishes the message with its correlation key; escalation end not caught just ends', async () => {
    // given
    const ir = await compiled(
      bpmn(
        `<bpmn:startEvent id="start" /><bpmn:parallelGateway id="fork" />
         <bpmn:endEvent id="tell"><bpmn:messageEventDefinition messageRef="docsMessage" /></bpmn:endEvent>
         <bpmn:endEvent id="raise"><bpmn:escalationEventDefinition escalationRef="late" /></bpmn:endEvent>
         ${flow('f0', 'start', 'fork')}${flow('f1', 'fork', 'tell')}${flow('f2', 'fork', 'raise')}`,
        { definitions: messages },
      ),
    );
    // when
    const step = start(ir, { time: T0, variables: { trackingCode: 'AB12' } });
    // then
    expect(step.commands).toEqual([
      {
        type: 'publishMessage',
        elementId: 'tell',
        messageName: 'documents-received',
        correlationKey: 'AB12',
        variables: {},
      },
      { type: 'complete', variables: { trackingCode: 'AB12' } },
    ]);
  });
});

describe('intermediate events', () => {
  it.each([
    ['timeDuration', 'PT48H', '2026-03-04T09:00:00.000Z'],
    ['timeDate', '2026-04-01T08:00:00Z', '2026-04-01T08:00:00.000Z'],
    ['timeCycle', 'R2/PT1H', '2026-03-02T10:00:00.000Z'],
    ['timeDuration', '=duration("P1D")', '2026-03-03T09:00:00.000Z'],
  ] as const)('timer catch %s %s fires at %s, then the flow goes on', async (kind, value, fireAt) => {
    // given
    const ir = await compiled(
      bpmn(
        `<bpmn:startEvent id="start" />${timerCatch('wait', kind, value)}<bpmn:endEvent id="end" />${chain(['start', 'wait', 'end'])}`,
      ),
    );
    const driver = new Driver(ir);
    const timer = driver.last('startTimer');
    // when
    const commands = driver.send({ type: 'timerFired', timerId: timer.timerId, time: fireAt });
    // then
    expect(timer).toMatchObject({ elementId: 'wait', fireAt });
    expect(commands).toMatchObject([{ type: 'complete' }]);
  });

  it('message catch waits with the correlation key and takes the message variables', async () => {
    // given
    const ir = await compiled(
      bpmn(
        `<bpmn:startEvent id="start" /><bpmn:intermediateCatchEvent id="docs"><bpmn:messageEventDefinition messageRef="docsMessage" /></bpmn:intermediateCatchEvent><bpmn:endEvent id="end" />${chain(['start', 'docs', 'end'])}`,
        { definitions: messages },
      ),
    );
    const driver = new Driver(ir, { variables: { trackingCode: 'X9' } });
    // when
    const wrongKey = driver.send({
      type: 'messageReceived',
      messageName: 'documents-received',
      correlationKey: 'other',
      time: T0,
    });
    const right = driver.send({
      type: 'messageReceived',
      messageName: 'documents-received',
      correlationKey: 'X9',
      variables: { files: 2 },
      time: T0,
    });
    // then
    expect(driver.all('waitMessage')).toMatchObject([
      { elementId: 'docs', messageName: 'documents-received', correlationKey: 'X9' },
    ]);
    expect(wrongKey).toEqual([]);
    expect(right).toEqual([{ type: 'complete', variables: { trackingCode: 'X9', files: 2 } }]);
  });

  it('signal throw reaches a signal catch of the same instance and tells the host', async () => {
    // given
    const ir = await compiled(
      bpmn(
        `<bpmn:startEvent id="start" /><bpmn:parallelGateway id="fork" />
         <bpmn:intermediateCatchEvent id="listen"><bpmn:signalEventDefinition signalRef="stormSignal" /></bpmn:intermediateCatchEvent>
         <bpmn:userTask id="work" />
         <bpmn:intermediateThrowEvent id="alarm"><bpmn:signalEventDefinition signalRef="stormSignal" /></bpmn:intermediateThrowEvent>
         <bpmn:endEvent id="e1" /><bpmn:endEvent id="e2" />
         ${flow('f0', 'start', 'fork')}${flow('f1', 'fork', 'listen')}${flow('f2', 'fork', 'work')}
         ${flow('f3', 'listen', 'e1')}${flow('f4', 'work', 'alarm')}${flow('f5', 'alarm', 'e2')}`,
        { definitions: messages },
      ),
    );
    const driver = new Driver(ir);
    // when
    const commands = driver.completeTask('work');
    // then
    expect(commands).toMatchObject([{ type: 'throwSignal', signalName: 'storm-alert' }, { type: 'complete' }]);
  });

  it('signal catch continues when the host delivers the signal', async () => {
    // given
    const ir = await compiled(
      bpmn(
        `<bpmn:startEvent id="start" /><bpmn:intermediateCatchEvent id="listen"><bpmn:signalEventDefinition signalRef="stormSignal" /></bpmn:intermediateCatchEvent><bpmn:endEvent id="end" />${chain(['start', 'listen', 'end'])}`,
        { definitions: messages },
      ),
    );
    const driver = new Driver(ir);
    // when
    const commands = driver.send({
      type: 'signalReceived',
      signalName: 'storm-alert',
      variables: { level: 3 },
      time: T0,
    });
    // then
    expect(commands).toEqual([{ type: 'complete', variables: { level: 3 } }]);
  });

  it('message throw publishes; link throw jumps to the link catch of the same name', async () => {
    // given
    const ir = await compiled(
      bpmn(
        `<bpmn:startEvent id="start" />
         <bpmn:intermediateThrowEvent id="tell"><bpmn:messageEventDefinition messageRef="noticeMessage" /></bpmn:intermediateThrowEvent>
         <bpmn:intermediateThrowEvent id="goto"><bpmn:linkEventDefinition name="page2" /></bpmn:intermediateThrowEvent>
         <bpmn:intermediateCatchEvent id="landing"><bpmn:linkEventDefinition name="page2" /></bpmn:intermediateCatchEvent>
         <bpmn:userTask id="after" />
         ${chain(['start', 'tell', 'goto'])}${flow('g1', 'landing', 'after')}`,
        { definitions: messages },
      ),
    );
    // when
    const step = start(ir, { time: T0 });
    // then
    expect(step.commands).toMatchObject([
      { type: 'publishMessage', elementId: 'tell', messageName: 'notice' },
      { type: 'openTask', elementId: 'after' },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { bpmn, chain, compiled, Driver, flow, T0 } from '../../test-fixtures/bpmn.ts';

const definitions = `
  <bpmn:message id="cancelMessage" name="request-withdrawn" />
  <bpmn:message id="infoMessage" name="information-requested">
    <bpmn:extensionElements><zeebe:subscription correlationKey="=trackingCode" /></bpmn:extensionElements>
  </bpmn:message>
  <bpmn:signal id="closedSignal" name="office-closed" />
  <bpmn:error id="invalidError" errorCode="INVALID" />
  <bpmn:escalation id="helpEscalation" escalationCode="HELP" />`;

function boundary(id: string, attachedTo: string, definition: string, interrupting = true): string {
  return `<bpmn:boundaryEvent id="${id}" attachedToRef="${attachedTo}" cancelActivity="${interrupting}">${definition}</bpmn:boundaryEvent>`;
}

/** A sub-process whose work runs in parallel: a user task and a two-day timer. */
const review = `<bpmn:subProcess id="review">
  <bpmn:startEvent id="reviewStart" /><bpmn:parallelGateway id="fork" /><bpmn:userTask id="examine" />
  <bpmn:intermediateCatchEvent id="cooling"><bpmn:timerEventDefinition><bpmn:timeDuration>P2D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
  <bpmn:parallelGateway id="join" /><bpmn:endEvent id="reviewed" />
  ${flow('v1', 'reviewStart', 'fork')}${flow('v2', 'fork', 'examine')}${flow('v3', 'fork', 'cooling')}
  ${flow('v4', 'examine', 'join')}${flow('v5', 'cooling', 'join')}${flow('v6', 'join', 'reviewed')}
</bpmn:subProcess>`;

const timer = (duration: string) =>
  `<bpmn:timerEventDefinition><bpmn:timeDuration>${duration}</bpmn:timeDuration></bpmn:timerEventDefinition>`;

/** Interrupting boundaries on `attachedTo`: message `withdrawn` ends at `cancelled`, signal `closed` at `shut`. */
const withdrawnOrClosed = (attachedTo: string) =>
  `${boundary('withdrawn', attachedTo, '<bpmn:messageEventDefinition messageRef="cancelMessage" />')}
        ${boundary('closed', attachedTo, '<bpmn:signalEventDefinition signalRef="closedSignal" />')}
        <bpmn:endEvent id="cancelled" /><bpmn:endEvent id="shut" />${flow('w1', 'withdrawn', 'cancelled')}${flow('c1', 'closed', 'shut')}`;

/** The same instance twice: once the request is withdrawn (message), once the office closes (signal). */
function withdrawAndClose(ir: ConstructorParameters<typeof Driver>[0]) {
  const byMessage = new Driver(ir);
  const bySignal = new Driver(ir);
  const afterMessage = byMessage.send({
    type: 'messageReceived',
    messageName: 'request-withdrawn',
    variables: { reason: 'moved' },
    time: T0,
  });
  const afterSignal = bySignal.send({ type: 'signalReceived', signalName: 'office-closed', time: T0 });
  return { byMessage, bySignal, afterMessage, afterSignal };
}

describe('boundary events on tasks', () => {
  it('SLA pattern: a non-interrupting timer reminds, an interrupting one escalates', async () => {
    // given
    const ir = await compiled(
      bpmn(`<bpmn:startEvent id="start" /><bpmn:userTask id="instruct" /><bpmn:endEvent id="done" />
        ${boundary('reminder', 'instruct', timer('P3D'), false)}
        ${boundary('deadline', 'instruct', timer('P5D'))}
        <bpmn:serviceTask id="remind"><bpmn:extensionElements><zeebe:taskDefinition type="remind" /></bpmn:extensionElements></bpmn:serviceTask>
        <bpmn:userTask id="escalate" /><bpmn:endEvent id="reminded" /><bpmn:endEvent id="escalated" />
        ${chain(['start', 'instruct', 'done'])}${flow('r1', 'reminder', 'remind')}${flow('r2', 'remind', 'reminded')}
        ${flow('d1', 'deadline', 'escalate')}${flow('d2', 'escalate', 'escalated')}`),
    );
    const driver = new Driver(ir);
    const [reminder, deadline] = driver.all('startTimer');
    // when
    const afterReminder = driver.send({
      type: 'timerFired',
      timerId: reminder!.timerId,
      time: '2026-03-05T09:00:00.000Z',
    });
    driver.completeJob('remind');
    const afterDeadline = driver.send({
      type: 'timerFired',
      timerId: deadline!.timerId,
      time: '2026-03-07T09:00:00.000Z',
    });
    // then
    expect([reminder?.fireAt, deadline?.fireAt]).toEqual(['2026-03-05T09:00:00.000Z', '2026-03-07T09:00:00.000Z']);
    expect(afterReminder).toMatchObject([{ type: 'runJob', elementId: 'remind' }]);
    expect(afterDeadline).toMatchObject([
      { type: 'cancelTask', elementId: 'instruct' },
      { type: 'openTask', elementId: 'escalate' },
    ]);
  });

  it('a repeating non-interrupting timer re-arms until its repetitions run out', async () => {
    // given
    const ir = await compiled(
      bpmn(`<bpmn:startEvent id="start" /><bpmn:userTask id="instruct" /><bpmn:endEvent id="done" />
        ${boundary('nag', 'instruct', '<bpmn:timerEventDefinition><bpmn:timeCycle>R2/P1D</bpmn:timeCycle></bpmn:timerEventDefinition>', false)}
        <bpmn:endEvent id="nagged" />${chain(['start', 'instruct', 'done'])}${flow('n1', 'nag', 'nagged')}`),
    );
    const driver = new Driver(ir);
    const first = driver.last('startTimer');
    // when
    const second = driver.send({ type: 'timerFired', timerId: first.timerId, time: '2026-03-03T09:00:00.000Z' });
    const third = driver.send({ type: 'timerFired', timerId: first.timerId, time: '2026-03-04T09:00:00.000Z' });
    // then
    expect(second).toEqual([
      { type: 'startTimer', timerId: first.timerId, elementId: 'nag', fireAt: '2026-03-04T09:00:00.000Z' },
    ]);
    expect(third).toEqual([]);
  });

  it('message and signal boundaries interrupt the task they are attached to', async () => {
    // given
    const ir = await compiled(
      bpmn(
        `<bpmn:startEvent id="start" /><bpmn:userTask id="instruct" /><bpmn:endEvent id="done" />
        ${withdrawnOrClosed('instruct')}${chain(['start', 'instruct', 'done'])}`,
        { definitions },
      ),
    );
    // when
    const { afterMessage, afterSignal } = withdrawAndClose(ir);
    // then
    expect(afterMessage).toMatchObject([
      { type: 'cancelTask', elementId: 'instruct' },
      { type: 'complete', variables: { reason: 'moved' } },
    ]);
    expect(afterSignal).toMatchObject([
      { type: 'cancelTask', elementId: 'instruct' },
      { type: 'cancelMessageWait', elementId: 'withdrawn' },
      { type: 'complete' },
    ]);
  });

  it('a non-interrupting message boundary opens a side path each time its message comes; the task stays open', async () => {
    // given
    const ir = await compiled(
      bpmn(
        `<bpmn:startEvent id="start" /><bpmn:userTask id="instruct" /><bpmn:endEvent id="done" />
        ${boundary('asked', 'instruct', '<bpmn:messageEventDefinition messageRef="infoMessage" />', false)}
        <bpmn:userTask id="answer" /><bpmn:endEvent id="answered" />
        ${chain(['start', 'instruct', 'done'])}${flow('a1', 'asked', 'answer')}${flow('a2', 'answer', 'answered')}`,
        { definitions },
      ),
    );
    const driver = new Driver(ir, { variables: { trackingCode: 'DV-42' } });
    const ask = (question: string, correlationKey: string) =>
      driver.send({
        type: 'messageReceived',
        messageName: 'information-requested',
        correlationKey,
        variables: { question },
        time: T0,
      });
    // when
    const otherRequest = ask('for someone else', 'DV-7');
    const firstQuestion = ask('which parcel?', 'DV-42');
    const secondQuestion = ask('which floor?', 'DV-42');
    const afterInstruct = driver.completeTask('instruct', { decision: 'granted' });
    for (const task of driver.all('openTask').filter((command) => command.elementId === 'answer')) {
      driver.send({ type: 'taskCompleted', taskId: task.taskId, variables: {}, time: T0 });
    }
    // then
    expect(driver.last('waitMessage')).toMatchObject({ elementId: 'asked', correlationKey: 'DV-42' });
    expect(otherRequest).toEqual([]);
    expect(firstQuestion).toMatchObject([
      { type: 'openTask', elementId: 'answer', variables: { trackingCode: 'DV-42', question: 'which parcel?' } },
    ]);
    expect(secondQuestion).toMatchObject([
      { type: 'openTask', elementId: 'answer', variables: { question: 'which floor?' } },
    ]);
    expect(afterInstruct).toMatchObject([{ type: 'cancelMessageWait', elementId: 'asked' }]);
    expect(driver.all('cancelTask')).toEqual([]);
    expect(driver.path()).toEqual([
      'start',
      'asked',
      'asked',
      'instruct',
      'done',
      'answer',
      'answered',
      'answer',
      'answered',
      'test',
    ]);
    expect(driver.last('complete').variables).toEqual({
      trackingCode: 'DV-42',
      question: 'which floor?',
      decision: 'granted',
    });
  });

  it('a non-interrupting signal boundary runs its path beside the task; the process completes when both are done', async () => {
    // given
    const ir = await compiled(
      bpmn(
        `<bpmn:startEvent id="start" /><bpmn:userTask id="instruct" /><bpmn:endEvent id="done" />
        ${boundary('closed', 'instruct', '<bpmn:signalEventDefinition signalRef="closedSignal" />', false)}
        <bpmn:serviceTask id="inform"><bpmn:extensionElements><zeebe:taskDefinition type="inform-citizen" /></bpmn:extensionElements></bpmn:serviceTask>
        <bpmn:endEvent id="informed" />
        ${chain(['start', 'instruct', 'done'])}${flow('c1', 'closed', 'inform')}${flow('c2', 'inform', 'informed')}`,
        { definitions },
      ),
    );
    const driver = new Driver(ir);
    // when
    const afterSignal = driver.send({
      type: 'signalReceived',
      signalName: 'office-closed',
      variables: { reopening: '2026-03-09' },
      time: T0,
    });
    const afterJob = driver.completeJob('inform', { informedBy: 'sms' });
    const afterInstruct = driver.completeTask('instruct', { decision: 'granted' });
    // then
    expect(afterSignal).toMatchObject([
      { type: 'runJob', elementId: 'inform', jobType: 'inform-citizen', variables: { reopening: '2026-03-09' } },
    ]);
    expect(afterJob).toEqual([]);
    expect(afterInstruct).toEqual([
      { type: 'complete', variables: { reopening: '2026-03-09', informedBy: 'sms', decision: 'granted' } },
    ]);
    expect(driver.path()).toEqual(['start', 'closed', 'inform', 'informed', 'instruct', 'done', 'test']);
  });

  it('an error from a job is caught by the error boundary with its code', async () => {
    // given
    const ir = await compiled(
      bpmn(
        `<bpmn:startEvent id="start" />
        <bpmn:serviceTask id="check"><bpmn:extensionElements><zeebe:taskDefinition type="check-address" /></bpmn:extensionElements></bpmn:serviceTask>
        <bpmn:endEvent id="done" />${boundary('invalid', 'check', '<bpmn:errorEventDefinition errorRef="invalidError" />')}
        <bpmn:userTask id="fix" />${chain(['start', 'check', 'done'])}${flow('i1', 'invalid', 'fix')}`,
        { definitions },
      ),
    );
    const driver = new Driver(ir);
    // when
    const commands = driver.send({
      type: 'jobFailed',
      jobId: driver.last('runJob').jobId,
      errorCode: 'INVALID',
      message: 'no such street',
      time: T0,
    });
    // then
    expect(commands).toMatchObject([{ type: 'openTask', elementId: 'fix' }]);
  });

  it('a job failure without error code becomes an incident; resolving it runs the job again', async () => {
    // given
    const ir = await compiled(
      bpmn(
        `<bpmn:startEvent id="start" /><bpmn:serviceTask id="check"><bpmn:extensionElements><zeebe:taskDefinition type="check" /></bpmn:extensionElements></bpmn:serviceTask>${chain(['start', 'check'])}`,
      ),
    );
    const driver = new Driver(ir);
    const job = driver.last('runJob');
    // when
    const failed = driver.send({ type: 'jobFailed', jobId: job.jobId, message: 'timeout', time: T0 });
    const incident = driver.last('incident');
    const retried = driver.send({ type: 'incidentResolved', incidentId: incident.incidentId, time: T0 });
    // then
    expect(failed).toMatchObject([{ type: 'incident', code: 'JOB_FAILED', elementId: 'check' }]);
    expect(retried).toMatchObject([{ type: 'runJob', jobId: job.jobId }]);
  });
});

describe('boundary events on sub-processes', () => {
  it('an error end inside a sub-process is caught by its error boundary; an escalation by a non-interrupting one', async () => {
    // given
    const ir = await compiled(
      bpmn(
        `<bpmn:startEvent id="start" />
        <bpmn:subProcess id="review">
          <bpmn:startEvent id="reviewStart" /><bpmn:parallelGateway id="fork" />
          <bpmn:intermediateThrowEvent id="askHelp"><bpmn:escalationEventDefinition escalationRef="helpEscalation" /></bpmn:intermediateThrowEvent>
          <bpmn:userTask id="decide" />
          <bpmn:endEvent id="helpAsked" />
          <bpmn:endEvent id="refuse"><bpmn:errorEventDefinition errorRef="invalidError" /></bpmn:endEvent>
          ${flow('s1', 'reviewStart', 'fork')}${flow('s2', 'fork', 'askHelp')}${flow('s3', 'askHelp', 'helpAsked')}${flow('s4', 'fork', 'decide')}${flow('s5', 'decide', 'refuse')}
        </bpmn:subProcess>
        ${boundary('help', 'review', '<bpmn:escalationEventDefinition escalationRef="helpEscalation" />', false)}
        ${boundary('refused', 'review', '<bpmn:errorEventDefinition />')}
        <bpmn:userTask id="supervisor" /><bpmn:userTask id="notifyRefusal" /><bpmn:endEvent id="end" />
        ${chain(['start', 'review', 'end'])}${flow('h1', 'help', 'supervisor')}${flow('r1', 'refused', 'notifyRefusal')}`,
        { definitions },
      ),
    );
    const driver = new Driver(ir);
    // when
    const afterDecision = driver.completeTask('decide');
    // then
    expect(driver.all('openTask').map((task) => task.elementId)).toEqual(['decide', 'supervisor', 'notifyRefusal']);
    expect(afterDecision).toMatchObject([{ type: 'openTask', elementId: 'notifyRefusal' }]);
  });

  it('message and signal boundaries interrupt the sub-process and cancel the work inside it', async () => {
    // given
    const ir = await compiled(
      bpmn(
        `<bpmn:startEvent id="start" />${review}<bpmn:endEvent id="end" />
        ${withdrawnOrClosed('review')}${chain(['start', 'review', 'end'])}`,
        { definitions },
      ),
    );
    // when
    const { byMessage, bySignal, afterMessage, afterSignal } = withdrawAndClose(ir);
    // then
    expect(byMessage.commands.slice(0, 3)).toMatchObject([
      { type: 'waitMessage', elementId: 'withdrawn', messageName: 'request-withdrawn' },
      { type: 'openTask', elementId: 'examine' },
      { type: 'startTimer', elementId: 'cooling' },
    ]);
    expect(afterMessage).toMatchObject([
      { type: 'cancelTask', elementId: 'examine' },
      { type: 'cancelTimer', elementId: 'cooling' },
      { type: 'complete', variables: { reason: 'moved' } },
    ]);
    expect(afterSignal).toMatchObject([
      { type: 'cancelTask', elementId: 'examine' },
      { type: 'cancelTimer', elementId: 'cooling' },
      { type: 'cancelMessageWait', elementId: 'withdrawn' },
      { type: 'complete', variables: {} },
    ]);
    expect(byMessage.path()).toEqual(['start', 'reviewStart', 'fork', 'withdrawn', 'cancelled', 'test']);
    expect(bySignal.path()).toEqual(['start', 'reviewStart', 'fork', 'closed', 'shut', 'test']);
    expect(bySignal.path('cancelled')).toEqual(['examine', 'cooling', 'review']);
  });

  it('non-interrupting message and signal boundaries run beside the sub-process, whose work goes on', async () => {
    // given
    const ir = await compiled(
      bpmn(
        `<bpmn:startEvent id="start" />${review}<bpmn:endEvent id="end" />
        ${boundary('asked', 'review', '<bpmn:messageEventDefinition messageRef="infoMessage" />', false)}
        ${boundary('closed', 'review', '<bpmn:signalEventDefinition signalRef="closedSignal" />', false)}
        <bpmn:userTask id="answer" /><bpmn:userTask id="warn" /><bpmn:endEvent id="answered" /><bpmn:endEvent id="warned" />
        ${chain(['start', 'review', 'end'])}${flow('a1', 'asked', 'answer')}${flow('a2', 'answer', 'answered')}
        ${flow('c1', 'closed', 'warn')}${flow('c2', 'warn', 'warned')}`,
        { definitions },
      ),
    );
    const driver = new Driver(ir, { variables: { trackingCode: 'DV-42' } });
    // when
    const afterMessage = driver.send({
      type: 'messageReceived',
      messageName: 'information-requested',
      correlationKey: 'DV-42',
      variables: { question: 'which parcel?' },
      time: T0,
    });
    const afterSignal = driver.send({
      type: 'signalReceived',
      signalName: 'office-closed',
      variables: { reopening: '2026-03-09' },
      time: T0,
    });
    driver.completeTask('examine', { opinion: 'favourable' });
    const reviewDone = driver.send({
      type: 'timerFired',
      timerId: driver.last('startTimer').timerId,
      time: '2026-03-04T09:00:00.000Z',
    });
    driver.completeTask('answer', { reply: 'parcel AB 12' });
    const afterWarn = driver.completeTask('warn');
    // then
    expect(afterMessage).toMatchObject([
      { type: 'openTask', elementId: 'answer', variables: { question: 'which parcel?' } },
    ]);
    expect(afterSignal).toMatchObject([
      { type: 'openTask', elementId: 'warn', variables: { question: 'which parcel?', reopening: '2026-03-09' } },
    ]);
    expect(reviewDone).toMatchObject([{ type: 'cancelMessageWait', elementId: 'asked' }]);
    expect(driver.all('cancelTask')).toEqual([]);
    expect(driver.path()).toEqual([
      'start',
      'reviewStart',
      'fork',
      'asked',
      'closed',
      'examine',
      'cooling',
      'join',
      'reviewed',
      'review',
      'end',
      'answer',
      'answered',
      'warn',
      'warned',
      'test',
    ]);
    expect(afterWarn).toEqual([
      {
        type: 'complete',
        variables: {
          trackingCode: 'DV-42',
          question: 'which parcel?',
          reopening: '2026-03-09',
          opinion: 'favourable',
          reply: 'parcel AB 12',
        },
      },
    ]);
  });

  it('an interrupting escalation boundary cancels the sub-process; the flow after the throw does not go on', async () => {
    // given
    const ir = await compiled(
      bpmn(
        `<bpmn:startEvent id="start" />
        <bpmn:subProcess id="review">
          <bpmn:startEvent id="reviewStart" /><bpmn:parallelGateway id="fork" /><bpmn:userTask id="assess" /><bpmn:userTask id="decide" />
          <bpmn:intermediateThrowEvent id="askHelp"><bpmn:escalationEventDefinition escalationRef="helpEscalation" /></bpmn:intermediateThrowEvent>
          <bpmn:endEvent id="helpAsked" /><bpmn:endEvent id="decided" />
          ${flow('s1', 'reviewStart', 'fork')}${flow('s2', 'fork', 'assess')}${flow('s3', 'assess', 'askHelp')}${flow('s4', 'askHelp', 'helpAsked')}
          ${flow('s5', 'fork', 'decide')}${flow('s6', 'decide', 'decided')}
        </bpmn:subProcess>
        ${boundary('help', 'review', '<bpmn:escalationEventDefinition escalationRef="helpEscalation" />')}
        <bpmn:userTask id="supervisor" /><bpmn:endEvent id="end" /><bpmn:endEvent id="escalated" />
        ${chain(['start', 'review', 'end'])}${flow('h1', 'help', 'supervisor')}${flow('h2', 'supervisor', 'escalated')}`,
        { definitions },
      ),
    );
    const driver = new Driver(ir);
    // when
    const afterAssess = driver.completeTask('assess', { complexity: 'high' });
    const afterSupervisor = driver.completeTask('supervisor', { decision: 'granted' });
    // then
    expect(afterAssess).toMatchObject([
      { type: 'cancelTask', elementId: 'decide' },
      { type: 'openTask', elementId: 'supervisor', variables: { complexity: 'high' } },
    ]);
    expect(afterSupervisor).toEqual([{ type: 'complete', variables: { complexity: 'high', decision: 'granted' } }]);
    expect(driver.path()).toEqual([
      'start',
      'reviewStart',
      'fork',
      'assess',
      'help',
      'supervisor',
      'escalated',
      'test',
    ]);
    expect(driver.path('cancelled')).toEqual(['decide', 'askHelp', 'review']);
  });

  it('a timer on a sub-process cancels everything inside it', async () => {
    // given
    const ir = await compiled(
      bpmn(`<bpmn:startEvent id="start" />
        <bpmn:subProcess id="review"><bpmn:startEvent id="rs" /><bpmn:userTask id="inner" /><bpmn:endEvent id="re" />${chain(['rs', 'inner', 're'], 'r')}</bpmn:subProcess>
        ${boundary('tooLong', 'review', timer('P30D'))}<bpmn:endEvent id="end" /><bpmn:endEvent id="late" />
        ${chain(['start', 'review', 'end'])}${flow('t1', 'tooLong', 'late')}`),
    );
    const driver = new Driver(ir);
    // when
    const commands = driver.send({
      type: 'timerFired',
      timerId: driver.last('startTimer').timerId,
      time: '2026-04-01T09:00:00.000Z',
    });
    // then
    expect(commands).toMatchObject([{ type: 'cancelTask', elementId: 'inner' }, { type: 'complete' }]);
    expect(Object.keys(driver.state.instances as object)).toEqual([]);
  });
});

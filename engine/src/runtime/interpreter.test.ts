import { describe, expect, it } from 'vitest';
import { bpmn, chain, compiled, Driver, flow, T0 } from '../../test-fixtures/bpmn.ts';
import { handle, start } from './interpreter.ts';

const userTaskModel = bpmn(`
  <bpmn:startEvent id="start" />
  <bpmn:userTask id="review" name="Review the request">
    <bpmn:extensionElements>
      <zeebe:userTask />
      <zeebe:assignmentDefinition assignee="=requester.manager" candidateGroups="town-planning, front-desk" candidateUsers="=[&quot;ana&quot;, &quot;bob&quot;]" />
      <zeebe:formDefinition formId="review-form" />
      <zeebe:taskSchedule dueDate="2026-03-10T17:00:00Z" followUpDate="=&quot;2026-03-05T09:00:00Z&quot;" />
      <zeebe:priorityDefinition priority="=70" />
      <zeebe:properties><zeebe:property name="sla" value="P5D" /></zeebe:properties>
      <zeebe:ioMapping>
        <zeebe:input source="=amount * 2" target="doubled" />
        <zeebe:output source="=decision = &quot;yes&quot;" target="approved" />
      </zeebe:ioMapping>
    </bpmn:extensionElements>
  </bpmn:userTask>
  <bpmn:endEvent id="end" />
  ${chain(['start', 'review', 'end'])}`);

describe('start and handle: the core', () => {
  it('opens a user task with its assignment, form, schedule, priority and properties', async () => {
    // given
    const ir = await compiled(userTaskModel);
    // when
    const step = start(ir, { variables: { amount: 21, requester: { manager: 'claire' } }, time: T0 });
    // then
    expect(step.state.status).toBe('active');
    expect(step.commands).toEqual([
      {
        type: 'openTask',
        taskId: 'review#2',
        elementId: 'review',
        name: 'Review the request',
        assignee: 'claire',
        candidateGroups: ['town-planning', 'front-desk'],
        candidateUsers: ['ana', 'bob'],
        formId: 'review-form',
        dueDate: '2026-03-10T17:00:00Z',
        followUpDate: '2026-03-05T09:00:00Z',
        priority: 70,
        properties: { sla: 'P5D' },
        variables: { amount: 21, requester: { manager: 'claire' }, doubled: 42 },
      },
    ]);
  });

  it('completes the process when the task completes, applying output mappings', async () => {
    // given
    const driver = new Driver(await compiled(userTaskModel), { variables: { amount: 1, requester: {} } });
    // when
    const commands = driver.completeTask('review', { decision: 'yes' });
    // then
    expect(commands).toEqual([{ type: 'complete', variables: { amount: 1, requester: {}, approved: true } }]);
    expect(driver.state.status).toBe('completed');
  });

  it('runs a service task as a job with type, retries and headers, and merges its result', async () => {
    // given
    const ir = await compiled(
      bpmn(`
      <bpmn:startEvent id="start" />
      <bpmn:serviceTask id="notify">
        <bpmn:extensionElements>
          <zeebe:taskDefinition type="send-email" retries="5" />
          <zeebe:taskHeaders><zeebe:header key="template" value="acknowledgement" /></zeebe:taskHeaders>
        </bpmn:extensionElements>
      </bpmn:serviceTask>
      <bpmn:endEvent id="end" />
      ${chain(['start', 'notify', 'end'])}`),
    );
    const driver = new Driver(ir, { variables: { email: 'a@b.fr' } });
    // when
    const job = driver.last('runJob');
    driver.completeJob('notify', { sent: true });
    // then
    expect(job).toEqual({
      type: 'runJob',
      jobId: 'notify#2',
      elementId: 'notify',
      jobType: 'send-email',
      retries: 5,
      headers: { template: 'acknowledgement' },
      variables: { email: 'a@b.fr' },
    });
    expect(driver.last('complete').variables).toEqual({ email: 'a@b.fr', sent: true });
  });

  const gatewayModel = bpmn(`
    <bpmn:startEvent id="start" />
    <bpmn:exclusiveGateway id="amountCheck" default="toSmall" />
    <bpmn:userTask id="bigReview" />
    <bpmn:userTask id="smallReview" />
    <bpmn:endEvent id="end" />
    ${flow('f0', 'start', 'amountCheck')}
    ${flow('toBig', 'amountCheck', 'bigReview', '=amount > 1000')}
    ${flow('toSmall', 'amountCheck', 'smallReview')}
    ${flow('f1', 'bigReview', 'end')}
    ${flow('f2', 'smallReview', 'end')}`);

  it('routes an exclusive gateway by FEEL condition, else by the default flow', async () => {
    // given
    const ir = await compiled(gatewayModel);
    // when
    const big = start(ir, { variables: { amount: 5000 }, time: T0 });
    const small = start(ir, { variables: { amount: 10 }, time: T0 });
    // then
    expect(big.commands).toMatchObject([{ type: 'openTask', elementId: 'bigReview' }]);
    expect(small.commands).toMatchObject([{ type: 'openTask', elementId: 'smallReview' }]);
  });

  it('raises an incident when a condition cannot be decided, and retries when resolved', async () => {
    // given
    const ir = await compiled(gatewayModel);
    const first = start(ir, { variables: {}, time: T0 });
    const incident = first.commands[0];
    // when
    const resolved =
      incident?.type === 'incident'
        ? handle(ir, first.state, {
            type: 'incidentResolved',
            incidentId: incident.incidentId,
            variables: { amount: 2000 },
            time: T0,
          })
        : undefined;
    // then
    expect(incident).toMatchObject({ type: 'incident', elementId: 'amountCheck', code: 'CONDITION_FAILED' });
    expect(first.state.status).toBe('active');
    expect(resolved?.commands).toMatchObject([{ type: 'openTask', elementId: 'bigReview' }]);
    expect(resolved?.state.incidents).toEqual([]);
  });

  it('raises an incident when no condition matches and there is no default', async () => {
    // given
    const ir = await compiled(
      bpmn(`
      <bpmn:startEvent id="start" />
      <bpmn:exclusiveGateway id="choice" />
      <bpmn:endEvent id="yes" /><bpmn:endEvent id="no" />
      ${flow('f0', 'start', 'choice')}
      ${flow('f1', 'choice', 'yes', '=x = 1')}
      ${flow('f2', 'choice', 'no', '=x = 2')}`),
    );
    // when
    const step = start(ir, { variables: { x: 3 }, time: T0 });
    // then
    expect(step.commands).toMatchObject([{ type: 'incident', elementId: 'choice', code: 'NO_MATCHING_FLOW' }]);
  });

  it('forks and joins a parallel gateway: the join waits for every branch', async () => {
    // given
    const ir = await compiled(
      bpmn(`
      <bpmn:startEvent id="start" />
      <bpmn:parallelGateway id="fork" />
      <bpmn:userTask id="a" /><bpmn:userTask id="b" />
      <bpmn:parallelGateway id="join" />
      <bpmn:endEvent id="end" />
      ${flow('f0', 'start', 'fork')}${flow('f1', 'fork', 'a')}${flow('f2', 'fork', 'b')}
      ${flow('f3', 'a', 'join')}${flow('f4', 'b', 'join')}${flow('f5', 'join', 'end')}`),
    );
    const driver = new Driver(ir);
    // when
    const afterA = driver.completeTask('a');
    const afterB = driver.completeTask('b');
    // then
    expect(driver.all('openTask').map((task) => task.elementId)).toEqual(['a', 'b']);
    expect(afterA).toEqual([]);
    expect(afterB).toMatchObject([{ type: 'complete' }]);
  });

  it('runs a FEEL script into its result variable', async () => {
    // given
    const ir = await compiled(
      bpmn(`
      <bpmn:startEvent id="start" />
      <bpmn:scriptTask id="total"><bpmn:extensionElements><zeebe:script expression="=sum(items) + count(items)" resultVariable="total" /></bpmn:extensionElements></bpmn:scriptTask>
      <bpmn:endEvent id="end" />
      ${chain(['start', 'total', 'end'])}`),
    );
    // when
    const step = start(ir, { variables: { items: [1, 2, 3] }, time: T0 });
    // then
    expect(step.commands).toEqual([{ type: 'complete', variables: { items: [1, 2, 3], total: 9 } }]);
  });

  it('does not change the state it is given, and replaying the events gives the same state', async () => {
    // given
    const ir = await compiled(userTaskModel);
    const driver = new Driver(ir, { variables: { amount: 1, requester: {} } });
    const before = JSON.stringify(driver.state);
    const waiting = driver.state;
    // when
    driver.completeTask('review', { decision: 'no' });
    let replay = start(ir, { variables: { amount: 1, requester: {} }, time: T0 });
    for (const event of driver.events) replay = handle(ir, replay.state, event);
    // then
    expect(JSON.stringify(waiting)).toBe(before);
    expect(replay.state).toEqual(driver.state);
  });

  it('ignores events that match nothing waiting', async () => {
    // given
    const driver = new Driver(await compiled(userTaskModel), { variables: { amount: 1, requester: {} } });
    const before = driver.state;
    // when
    const commands = driver.send({ type: 'taskCompleted', taskId: 'nope#1', time: T0 });
    // then
    expect(commands).toEqual([]);
    expect(driver.state).toEqual(before);
  });

  it('shares nothing with the host: changing a command or an event afterwards leaves the state alone', async () => {
    // given
    const ir = await compiled(gatewayModel);
    const driver = new Driver(ir, { variables: { amount: 5000, requester: { manager: 'ana' } } });
    const task = driver.last('openTask');
    const event = { type: 'taskCompleted' as const, taskId: task.taskId, variables: { note: { by: 'ana' } }, time: T0 };
    const before = JSON.stringify(driver.state);
    // when
    (task.variables.requester as { manager: string }).manager = 'mallory';
    const after = handle(ir, driver.state, event);
    event.variables.note.by = 'mallory';
    const complete = after.commands[0];
    if (complete?.type === 'complete') complete.variables.amount = 999;
    // then
    expect(JSON.stringify(driver.state)).toBe(before);
    expect(after.state.variables).toEqual({ amount: 5000, requester: { manager: 'ana' }, note: { by: 'ana' } });
  });
});

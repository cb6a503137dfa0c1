import { describe, expect, it } from 'vitest';
import { bpmn, chain, compiled, Driver, T0 } from '../../test-fixtures/bpmn.ts';
import { start } from './interpreter.ts';

function approvals(sequential: boolean, completion = ''): string {
  return bpmn(`<bpmn:startEvent id="start" />
    <bpmn:userTask id="approve">
      <bpmn:extensionElements><zeebe:assignmentDefinition assignee="=approver" /></bpmn:extensionElements>
      <bpmn:multiInstanceLoopCharacteristics isSequential="${sequential}">
        <bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=approvers" inputElement="approver" outputCollection="decisions" outputElement="=decision" /></bpmn:extensionElements>
        ${completion ? `<bpmn:completionCondition>${completion}</bpmn:completionCondition>` : ''}
      </bpmn:multiInstanceLoopCharacteristics>
    </bpmn:userTask>
    <bpmn:endEvent id="end" />${chain(['start', 'approve', 'end'])}`);
}

describe('multi-instance', () => {
  it('sequential approval chain: one approver after the other, decisions collected in order', async () => {
    // given
    const driver = new Driver(await compiled(approvals(true)), { variables: { approvers: ['mayor', 'deputy'] } });
    // when
    const afterFirst = driver.completeTask('approve', { decision: 'yes' });
    const afterSecond = driver.completeTask('approve', { decision: 'no' });
    // then
    expect(driver.all('openTask').map((task) => task.assignee)).toEqual(['mayor', 'deputy']);
    expect(afterFirst).toMatchObject([{ type: 'openTask', assignee: 'deputy', variables: { loopCounter: 2 } }]);
    expect(afterSecond).toEqual([
      { type: 'complete', variables: { approvers: ['mayor', 'deputy'], decision: 'no', decisions: ['yes', 'no'] } },
    ]);
  });

  it('parallel: every instance opens at once', async () => {
    // given
    const ir = await compiled(approvals(false));
    // when
    const step = start(ir, { variables: { approvers: ['a', 'b', 'c'] }, time: T0 });
    // then
    expect(step.commands.map((c) => (c.type === 'openTask' ? c.assignee : c.type))).toEqual(['a', 'b', 'c']);
  });

  it('completion condition ends early and cancels the instances still open', async () => {
    // given
    const driver = new Driver(await compiled(approvals(false, '=numberOfCompletedInstances &gt;= 2')), {
      variables: { approvers: ['a', 'b', 'c'] },
    });
    // when
    driver.completeTask('approve', { decision: 1 });
    const commands = driver.completeTask('approve', { decision: 2 });
    // then
    expect(commands).toMatchObject([
      { type: 'cancelTask' },
      { type: 'complete', variables: { decisions: [1, 2, null] } },
    ]);
  });

  it('an empty collection completes at once; a missing one is an incident', async () => {
    // given
    const ir = await compiled(approvals(false));
    // when
    const empty = start(ir, { variables: { approvers: [] }, time: T0 });
    const missing = start(ir, { variables: {}, time: T0 });
    // then
    expect(empty.commands).toEqual([{ type: 'complete', variables: { approvers: [], decisions: [] } }]);
    expect(missing.commands).toMatchObject([{ type: 'incident', code: 'INVALID_COLLECTION', elementId: 'approve' }]);
  });

  it('runs a sub-process per item', async () => {
    // given
    const ir = await compiled(
      bpmn(`<bpmn:startEvent id="start" />
        <bpmn:subProcess id="perRoom">
          <bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=rooms" inputElement="room" /></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>
          <bpmn:startEvent id="rs" /><bpmn:userTask id="book" /><bpmn:endEvent id="re" />${chain(['rs', 'book', 're'], 'r')}
        </bpmn:subProcess>
        <bpmn:endEvent id="end" />${chain(['start', 'perRoom', 'end'])}`),
    );
    const driver = new Driver(ir, { variables: { rooms: ['A', 'B'] } });
    // when
    driver.completeTask('book');
    const commands = driver.completeTask('book');
    // then
    expect(driver.all('openTask').map((task) => task.variables.room)).toEqual(['A', 'B']);
    expect(commands).toMatchObject([{ type: 'complete' }]);
  });

  it('a boundary timer on a multi-instance task cancels every instance', async () => {
    // given
    const ir = await compiled(
      approvals(false).replace(
        '<bpmn:endEvent id="end" />',
        `<bpmn:endEvent id="end" /><bpmn:boundaryEvent id="late" attachedToRef="approve"><bpmn:timerEventDefinition><bpmn:timeDuration>P10D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
         <bpmn:endEvent id="lateEnd" /><bpmn:sequenceFlow id="l1" sourceRef="late" targetRef="lateEnd" />`,
      ),
    );
    const driver = new Driver(ir, { variables: { approvers: ['a', 'b'] } });
    // when
    const commands = driver.send({
      type: 'timerFired',
      timerId: driver.last('startTimer').timerId,
      time: '2026-03-12T09:00:00.000Z',
    });
    // then
    expect(driver.all('startTimer')).toHaveLength(1);
    expect(commands.map((command) => command.type)).toEqual(['cancelTask', 'cancelTask', 'complete']);
  });
});

import { describe, expect, it } from 'vitest';
import { bpmn, compiled, Driver, flow, T0 } from '../../test-fixtures/bpmn.ts';

describe('cancelled: the host ends an instance from outside', () => {
  it('cancels the open task, the timer and the message wait, and terminates the process', async () => {
    // given a request with a task open beside a reminder timer and a wait for the citizen's answer
    const ir = await compiled(
      bpmn(`<bpmn:startEvent id="start" /><bpmn:parallelGateway id="fork" />
        <bpmn:userTask id="repair" /><bpmn:endEvent id="repaired" />
        <bpmn:intermediateCatchEvent id="reminder"><bpmn:timerEventDefinition><bpmn:timeDuration>P5D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
        <bpmn:endEvent id="reminded" />
        ${flow('f0', 'start', 'fork')}${flow('f1', 'fork', 'repair')}${flow('f2', 'repair', 'repaired')}
        ${flow('f3', 'fork', 'reminder')}${flow('f4', 'reminder', 'reminded')}`),
    );
    const driver = new Driver(ir, { variables: { categorie: 'chaussee' } });
    const task = driver.last('openTask');
    const timer = driver.last('startTimer');

    // when the host cancels it (merged into another request)
    const commands = driver.send({ type: 'cancelled', time: T0 });

    // then everything that waited is stopped, the process terminates with its variables
    expect(commands).toEqual(
      expect.arrayContaining([
        { type: 'cancelTask', taskId: task.taskId, elementId: 'repair' },
        { type: 'cancelTimer', timerId: timer.timerId, elementId: 'reminder' },
        { type: 'terminate', variables: { categorie: 'chaussee' } },
      ]),
    );
    expect(driver.state.status).toBe('terminated');

    // and a completion arriving afterwards changes nothing
    expect(driver.send({ type: 'taskCompleted', taskId: task.taskId, time: T0 })).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { bpmn, chain, compiled, Driver, T0 } from '../../test-fixtures/bpmn.ts';

describe('data corrected', () => {
  it('gives the process the corrected values, and the next task reads them, without moving anything on', async () => {
    // given a request waiting at a task, filed with an address
    const ir = await compiled(
      bpmn(
        `<bpmn:startEvent id="start" /><bpmn:userTask id="review" /><bpmn:userTask id="decide" /><bpmn:endEvent id="end" />${chain(['start', 'review', 'decide', 'end'])}`,
      ),
    );
    const driver = new Driver(ir, { variables: { adresse: '1 rue Haute', surface: 4 } });
    const review = driver.last('openTask');

    // when the citizen corrects the address
    const commands = driver.send({ type: 'dataCorrected', variables: { adresse: '3 rue Basse' }, time: T0 });

    // then nothing is opened or closed, and the values are the corrected ones
    expect(commands).toEqual([]);
    expect(driver.state.variables).toMatchObject({ adresse: '3 rue Basse', surface: 4 });
    // and the task still waits, and completes as before
    driver.send({ type: 'taskCompleted', taskId: review.taskId, time: T0 });
    expect(driver.last('openTask').elementId).toBe('decide');
  });
});

import { describe, expect, it } from 'vitest';
import { bpmn, chain, compiled, T0 } from '../../test-fixtures/bpmn.ts';
import { activeElementsOf, incidentsOf } from './inspect.ts';
import { start } from './interpreter.ts';

describe('incidentsOf', () => {
  it('lists the incidents an instance is stuck on', async () => {
    // given
    const ir = await compiled(
      bpmn(
        `<bpmn:startEvent id="start" /><bpmn:scriptTask id="total"><bpmn:extensionElements><zeebe:script expression="=count(1, 2)" resultVariable="n" /></bpmn:extensionElements></bpmn:scriptTask>${chain(['start', 'total'])}`,
      ),
    );
    // when
    const step = start(ir, { time: T0 });
    // then
    expect(incidentsOf(step.state)).toEqual([
      {
        incidentId: expect.any(String),
        elementId: 'total',
        code: expect.any(String),
        message: expect.stringContaining('total'),
      },
    ]);
  });
});

describe('activeElementsOf', () => {
  it('names the elements an instance stands on, once each, without the process; none once it ends', async () => {
    // given a fork into two reviews, one of them with a timer on its border
    const ir = await compiled(
      bpmn(`<bpmn:startEvent id="start" /><bpmn:parallelGateway id="fork" />
        <bpmn:userTask id="legal" /><bpmn:userTask id="technical" />
        <bpmn:boundaryEvent id="reminder" attachedToRef="technical" cancelActivity="false">
          <bpmn:timerEventDefinition><bpmn:timeDuration>P30D</bpmn:timeDuration></bpmn:timerEventDefinition>
        </bpmn:boundaryEvent>
        <bpmn:endEvent id="reminded" /><bpmn:parallelGateway id="join" /><bpmn:endEvent id="done" />
        ${chain(['start', 'fork'])}${chain(['fork', 'legal', 'join'], 'l')}${chain(['fork', 'technical', 'join', 'done'], 't')}
        ${chain(['reminder', 'reminded'], 'r')}`),
    );
    // when it starts
    const step = start(ir, { time: T0 });
    // then both reviews are where it stands (the timer waits on the border of one of them)
    expect(activeElementsOf(step.state).sort()).toEqual(['legal', 'technical']);
  });
});

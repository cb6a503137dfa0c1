import { describe, expect, it } from 'vitest';
import { bpmn, chain, compiled, T0 } from '../../test-fixtures/bpmn.ts';
import { incidentsOf } from './inspect.ts';
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

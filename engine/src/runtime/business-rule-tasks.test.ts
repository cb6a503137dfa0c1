import { describe, expect, it } from 'vitest';
import { bpmn, chain, T0 } from '../../test-fixtures/bpmn.ts';
import { businessRuleTask, dmn, table } from '../../test-fixtures/dmn.ts';
import { compile } from '../compiler/compile.ts';
import { handle, start } from './interpreter.ts';
import type { ProcessIR } from './types.ts';

const fees = dmn(
  table({
    id: 'fee',
    name: 'Terrace fee',
    hitPolicy: 'FIRST',
    inputs: ['surface'],
    outputs: ['amount'],
    rules: [
      ['> 50', 'surface * 12'],
      ['-', '100'],
    ],
  }),
);

async function compiledWith(xml: string, ...decisions: string[]): Promise<ProcessIR> {
  const result = await compile(xml, { decisions: decisions.map((text, i) => ({ name: `d${i + 1}.dmn`, xml: text })) });
  if (!result.ok) throw new Error(JSON.stringify(result.errors, null, 2));
  return result.ir;
}

describe('business rule tasks calling a DMN decision', () => {
  it('evaluate the decision in the engine and go on in the same step, the result in the result variable', async () => {
    // given
    const ir = await compiledWith(
      bpmn(
        `<bpmn:startEvent id="start" />${businessRuleTask('price', 'fee', 'fee')}<bpmn:userTask id="pay" />${chain(['start', 'price', 'pay'])}`,
      ),
      fees,
    );
    // when
    const step = start(ir, { time: T0, variables: { surface: 60 } });
    // then
    expect(step.commands).toMatchObject([{ type: 'openTask', elementId: 'pay', variables: { surface: 60, fee: 720 } }]);
    expect(step.commands.some((command) => command.type === 'runJob')).toBe(false);
  });

  it('take the decision id from FEEL when it starts with =', async () => {
    // given
    const ir = await compiledWith(
      bpmn(
        `<bpmn:startEvent id="start" />${businessRuleTask('price', '="f" + "ee"', 'fee')}<bpmn:endEvent id="end" />${chain(['start', 'price', 'end'])}`,
      ),
      fees,
    );
    // when
    const step = start(ir, { time: T0, variables: { surface: 10 } });
    // then
    expect(step.state.status).toBe('completed');
    expect(step.state.variables.fee).toBe(100);
  });

  it('raise an incident naming the task and the decision when it fails, and evaluate again once resolved', async () => {
    // given a UNIQUE table two of whose rules match a surface of 50
    const ir = await compiledWith(
      bpmn(
        `<bpmn:startEvent id="start" />${businessRuleTask('price', 'rate', 'fee')}<bpmn:endEvent id="end" />${chain(['start', 'price', 'end'])}`,
      ),
      dmn(
        table({
          id: 'rate',
          inputs: ['surface'],
          outputs: ['fee'],
          rules: [
            ['>= 0', '13'],
            ['<= 100', '7'],
          ],
        }),
      ),
    );
    // when
    const failed = start(ir, { time: T0, variables: { surface: 50 } });
    const incident = failed.commands.find((command) => command.type === 'incident');
    const resolved = handle(ir, failed.state, {
      type: 'incidentResolved',
      incidentId: incident?.type === 'incident' ? incident.incidentId : '',
      variables: { surface: 120 },
      time: T0,
    });
    // then
    expect(incident).toMatchObject({
      elementId: 'price',
      code: 'DECISION_FAILED',
      message: expect.stringContaining(
        'The decision rate called by price failed: decision "rate" (rate): the hit policy UNIQUE',
      ),
    });
    expect(resolved.state.status).toBe('completed');
    expect(resolved.state.variables.fee).toBe(13);
  });

  it('are refused at compile time when they call a decision no DMN file defines, naming the task and the decision id', async () => {
    // given
    const xml = bpmn(
      `<bpmn:startEvent id="start" />${businessRuleTask('price', 'tariff', 'fee')}<bpmn:endEvent id="end" />${chain(['start', 'price', 'end'])}`,
    );
    // when
    const result = await compile(xml, { decisions: [{ name: 'fees.dmn', xml: fees }] });
    // then
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual([
      expect.objectContaining({
        code: 'DECISION_MISSING',
        elementId: 'price',
        message: expect.stringMatching(/businessRuleTask \(price\): it calls decision "tariff".* define fee\./),
      }),
    ]);
  });

  it('bad FEEL in a rule of a given DMN file fails the compile, naming the decision, the rule and the column', async () => {
    // given
    const xml = bpmn(
      `<bpmn:startEvent id="start" />${businessRuleTask('price', 'fee', 'fee')}<bpmn:endEvent id="end" />${chain(['start', 'price', 'end'])}`,
    );
    const bad = fees.replace('surface * 12', 'surface +* 12');
    // when
    const result = await compile(xml, { decisions: [{ name: 'fees.dmn', xml: bad }] });
    // then
    expect(!result.ok && result.errors).toEqual([
      expect.objectContaining({
        code: 'INVALID_EXPRESSION',
        file: 'fees.dmn',
        elementId: 'fee',
        message: expect.stringContaining('fees.dmn: decision "Terrace fee" (fee): rule 1 (fee_r1), output "amount"'),
      }),
    ]);
  });

  it('a business rule task with a job type stays a job', async () => {
    // given
    const ir = await compiledWith(
      bpmn(
        `<bpmn:startEvent id="start" /><bpmn:businessRuleTask id="price"><bpmn:extensionElements><zeebe:taskDefinition type="pricing" /></bpmn:extensionElements></bpmn:businessRuleTask>${chain(['start', 'price'])}`,
      ),
    );
    // when
    const step = start(ir, { time: T0 });
    // then
    expect(step.commands).toMatchObject([{ type: 'runJob', jobType: 'pricing' }]);
  });
});

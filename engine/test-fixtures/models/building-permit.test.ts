import { describe, expect, it } from 'vitest';
import { compile } from '../../src/compiler/compile.ts';
import { compiled, Driver } from '../bpmn.ts';
import { readModel } from './index.ts';

const xml = readModel('building-permit');

describe('building permit: a realistic procedure end to end', () => {
  it('asks for missing documents, consults three services in parallel, then decides', async () => {
    // given
    const ir = await compiled(xml);
    const driver = new Driver(ir, { variables: { trackingCode: 'PC-7', surface: 100 } });
    // when
    driver.completeJob('Register');
    driver.completeTask('CheckFile', { missing: ['plan'] });
    driver.completeJob('AskDocuments');
    driver.send({
      type: 'messageReceived',
      messageName: 'documents-supplied',
      correlationKey: 'PC-7',
      time: '2026-03-10T09:00:00.000Z',
    });
    driver.completeTask('CheckFile', { missing: [] });
    for (const opinion of ['ok', 'ok', 'reserve']) driver.completeTask('Opinions', { opinion });
    driver.completeTask('Decide', { decision: 'granted' });
    const last = driver.completeJob('Notify');
    // then
    expect(ir.properties).toEqual({ sla: 'P2M', implicitDecision: 'acceptance' });
    expect(driver.all('openTask').map((task) => task.elementId)).toEqual([
      'CheckFile',
      'CheckFile',
      'Opinions',
      'Opinions',
      'Opinions',
      'Decide',
    ]);
    expect(driver.all('openTask')[1]?.dueDate).toBe('2026-03-17T09:00:00Z');
    expect(driver.last('openTask')).toMatchObject({
      assignee: 'mayor',
      priority: 80,
      properties: { signature: 'required' },
    });
    expect(last).toMatchObject([
      { type: 'cancelMessageWait', elementId: 'WithdrawnStart' },
      { type: 'complete', variables: { fees: 550, opinions: ['ok', 'ok', 'reserve'], decision: 'granted' } },
    ]);
  });

  it('compiles with no warning but its jobs for external workers', async () => {
    // given / when
    const result = await compile(xml);
    // then
    expect(result.ok && result.warnings.map((w) => `${w.code} ${w.elementId}`).sort()).toEqual([
      'EXTERNAL_JOB_TYPE AskDocuments',
      'EXTERNAL_JOB_TYPE Notify',
      'EXTERNAL_JOB_TYPE Register',
      'EXTERNAL_JOB_TYPE Remind',
    ]);
  });
});

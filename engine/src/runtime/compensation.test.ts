import { describe, expect, it } from 'vitest';
import { bpmn, chain, compiled, Driver, flow } from '../../test-fixtures/bpmn.ts';
import { compile } from '../compiler/compile.ts';
import type { Command } from './types.ts';

const T1 = '2026-03-02T10:00:00.000Z';

/** A service task with a compensation boundary event associated with its undo task. */
function undoable(id: string, options: { undo?: string; multi?: string } = {}): string {
  const undo = options.undo ?? `undo_${id}`;
  const loop = options.multi
    ? `<bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="${options.multi}" inputElement="item" /></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>`
    : '';
  return `<bpmn:serviceTask id="${id}"><bpmn:extensionElements><zeebe:taskDefinition type="do-${id}" /></bpmn:extensionElements>${loop}</bpmn:serviceTask>
    <bpmn:boundaryEvent id="${id}_comp" attachedToRef="${id}"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent>
    <bpmn:serviceTask id="${undo}" isForCompensation="true"><bpmn:extensionElements><zeebe:taskDefinition type="undo-${id}" /></bpmn:extensionElements></bpmn:serviceTask>
    <bpmn:association id="${id}_assoc" associationDirection="One" sourceRef="${id}_comp" targetRef="${undo}" />`;
}

const compensateAll = (id: string) =>
  `<bpmn:intermediateThrowEvent id="${id}"><bpmn:compensateEventDefinition /></bpmn:intermediateThrowEvent>`;
const compensateOne = (id: string, activity: string) =>
  `<bpmn:intermediateThrowEvent id="${id}"><bpmn:compensateEventDefinition activityRef="${activity}" /></bpmn:intermediateThrowEvent>`;

const jobs = (commands: Command[]) =>
  commands.filter((command) => command.type === 'runJob').map((command) => (command as { jobType: string }).jobType);

/** Completes the open job of an element. */
function finish(driver: Driver, elementId: string, variables = {}): Command[] {
  const job = [...driver.commands]
    .reverse()
    .find((command) => command.type === 'runJob' && command.elementId === elementId);
  if (job?.type !== 'runJob') throw new Error(`no job for ${elementId}`);
  return driver.send({ type: 'jobCompleted', jobId: job.jobId, variables, time: T1 });
}

describe('compensation', () => {
  it('a throw invokes the handlers of the completed activities, latest first, and goes on once they are done', async () => {
    // given book → pay → compensate everything → end
    const ir = await compiled(
      bpmn(
        `<bpmn:startEvent id="start" />${undoable('book')}${undoable('pay')}${compensateAll('undoAll')}<bpmn:endEvent id="end" />
         ${chain(['start', 'book', 'pay', 'undoAll', 'end'])}`,
      ),
    );
    const driver = new Driver(ir);
    finish(driver, 'book');
    // when
    const afterPay = finish(driver, 'pay');
    // then both handlers start at once, the one of the latest completion first, and the throw waits
    expect(jobs(afterPay)).toEqual(['undo-pay', 'undo-book']);
    expect(driver.state.status).toBe('active');
    finish(driver, 'undo_pay');
    expect(driver.state.status).toBe('active');
    finish(driver, 'undo_book');
    expect(driver.state.status).toBe('completed');
    expect(driver.path()).toEqual(['start', 'book', 'pay', 'undo_pay', 'undo_book', 'undoAll', 'end', 'test']);
  });

  it('activityRef compensates that activity only; a second throw does not compensate it again', async () => {
    // given
    const ir = await compiled(
      bpmn(
        `<bpmn:startEvent id="start" />${undoable('book')}${undoable('pay')}${compensateOne('undoPay', 'pay')}${compensateOne('again', 'pay')}${compensateAll('rest')}<bpmn:endEvent id="end" />
         ${chain(['start', 'book', 'pay', 'undoPay', 'again', 'rest', 'end'])}`,
      ),
    );
    const driver = new Driver(ir);
    finish(driver, 'book');
    // when
    const afterPay = finish(driver, 'pay');
    const afterUndo = finish(driver, 'undo_pay');
    // then pay is undone once; the throw of everything left undoes book only
    expect(jobs(afterPay)).toEqual(['undo-pay']);
    expect(jobs(afterUndo)).toEqual(['undo-book']);
    finish(driver, 'undo_book');
    expect(driver.state.status).toBe('completed');
  });

  it('a compensation end event waits for its handlers, then ends its token', async () => {
    // given
    const ir = await compiled(
      bpmn(
        `<bpmn:startEvent id="start" />${undoable('book')}<bpmn:endEvent id="cancelled"><bpmn:compensateEventDefinition /></bpmn:endEvent>
         ${chain(['start', 'book', 'cancelled'])}`,
      ),
    );
    const driver = new Driver(ir);
    // when
    const commands = finish(driver, 'book');
    // then
    expect(jobs(commands)).toEqual(['undo-book']);
    finish(driver, 'undo_book');
    expect(driver.state.status).toBe('completed');
  });

  it('an activity completed twice is compensated twice; nothing completed, nothing to undo', async () => {
    // given a loop back to book while more is wanted
    const ir = await compiled(
      bpmn(
        `<bpmn:startEvent id="start" />${undoable('book')}<bpmn:exclusiveGateway id="more" default="enough" />${compensateAll('undoAll')}<bpmn:endEvent id="end" />
         ${flow('f1', 'start', 'book')}${flow('f2', 'book', 'more')}${flow('again', 'more', 'book', '=count < 2')}${flow('enough', 'more', 'undoAll')}${flow('f4', 'undoAll', 'end')}`,
      ),
    );
    const driver = new Driver(ir, { variables: { count: 0 } });
    // when
    finish(driver, 'book', { count: 1 });
    const commands = finish(driver, 'book', { count: 2 });
    // then
    expect(jobs(commands)).toEqual(['undo-book', 'undo-book']);
    const nothing = await compiled(
      bpmn(
        `<bpmn:startEvent id="start" />${compensateAll('undoAll')}<bpmn:endEvent id="end" />${chain(['start', 'undoAll', 'end'])}`,
      ),
    );
    expect(new Driver(nothing).state.status).toBe('completed');
  });

  it('an activity interrupted by a boundary event is not compensated', async () => {
    // given pay is interrupted by a timer, then everything is compensated
    const ir = await compiled(
      bpmn(
        `<bpmn:startEvent id="start" />${undoable('book')}${undoable('pay')}
         <bpmn:boundaryEvent id="late" attachedToRef="pay"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
         ${compensateAll('undoAll')}<bpmn:endEvent id="end" /><bpmn:endEvent id="paid" />
         ${chain(['start', 'book', 'pay', 'paid'])}${flow('f9', 'late', 'undoAll')}${flow('f10', 'undoAll', 'end')}`,
      ),
    );
    const driver = new Driver(ir);
    finish(driver, 'book');
    const timer = driver.last('startTimer');
    // when
    const commands = driver.send({ type: 'timerFired', timerId: timer.timerId, time: T1 });
    // then
    expect(jobs(commands)).toEqual(['undo-book']);
  });

  it('compensates inside a completed sub-process from outside; a throw inside a sub-process stays inside it', async () => {
    // given a sub-process that books then compensates its own work, and an outer throw after it
    const ir = await compiled(
      bpmn(
        `<bpmn:startEvent id="start" />${undoable('outerTask')}
         <bpmn:subProcess id="sub">
           <bpmn:startEvent id="subStart" />${undoable('inner')}${undoable('innerKept')}${compensateOne('innerUndo', 'inner')}<bpmn:endEvent id="subEnd" />
           ${chain(['subStart', 'inner', 'innerKept', 'innerUndo', 'subEnd'], 's')}
         </bpmn:subProcess>
         ${compensateAll('undoAll')}<bpmn:endEvent id="end" />
         ${chain(['start', 'outerTask', 'sub', 'undoAll', 'end'])}`,
      ),
    );
    const driver = new Driver(ir);
    finish(driver, 'outerTask');
    finish(driver, 'inner');
    // when the sub-process's own throw runs, it undoes only its activity
    const inside = finish(driver, 'innerKept');
    expect(jobs(inside)).toEqual(['undo-inner']);
    // and the outer throw undoes what completed in the sub-process and before it
    const outside = finish(driver, 'undo_inner');
    // then
    expect(jobs(outside)).toEqual(['undo-innerKept', 'undo-outerTask']);
  });

  it('an error event sub-process compensates the completed activities of its scope', async () => {
    // given book completes, then pay throws a BPMN error caught by an event sub-process that compensates
    const ir = await compiled(
      bpmn(
        `<bpmn:startEvent id="start" />${undoable('book')}<bpmn:serviceTask id="pay"><bpmn:extensionElements><zeebe:taskDefinition type="pay" /></bpmn:extensionElements></bpmn:serviceTask><bpmn:endEvent id="end" />
         ${chain(['start', 'book', 'pay', 'end'])}
         <bpmn:subProcess id="onError" triggeredByEvent="true">
           <bpmn:startEvent id="caught"><bpmn:errorEventDefinition errorRef="declined" /></bpmn:startEvent>
           ${compensateAll('rollback')}<bpmn:endEvent id="rolledBack" />
           ${chain(['caught', 'rollback', 'rolledBack'], 'e')}
         </bpmn:subProcess>`,
        { definitions: '<bpmn:error id="declined" errorCode="DECLINED" />' },
      ),
    );
    const driver = new Driver(ir);
    finish(driver, 'book');
    const pay = driver.last('runJob');
    // when
    const commands = driver.send({
      type: 'jobFailed',
      jobId: pay.jobId,
      errorCode: 'DECLINED',
      message: 'card declined',
      time: T1,
    });
    // then
    expect(jobs(commands)).toEqual(['undo-book']);
    finish(driver, 'undo_book');
    expect(driver.state.status).toBe('completed');
  });

  it('a multi-instance activity is compensated once, after all its instances completed', async () => {
    // given
    const ir = await compiled(
      bpmn(
        `<bpmn:startEvent id="start" />${undoable('notify', { multi: '=people' })}${compensateAll('undoAll')}<bpmn:endEvent id="end" />
         ${chain(['start', 'notify', 'undoAll', 'end'])}`,
      ),
    );
    const driver = new Driver(ir, { variables: { people: ['a', 'b', 'c'] } });
    const inner = driver.commands.filter((command) => command.type === 'runJob');
    // when
    let commands: Command[] = [];
    for (const job of inner) {
      if (job.type === 'runJob') commands = driver.send({ type: 'jobCompleted', jobId: job.jobId, time: T1 });
    }
    // then
    expect(jobs(commands)).toEqual(['undo-notify']);
  });

  it('keeps a model without compensation exactly as before: no trace of it in the state', async () => {
    // given
    const ir = await compiled(
      bpmn(
        `<bpmn:startEvent id="start" /><bpmn:userTask id="t" /><bpmn:endEvent id="end" />${chain(['start', 't', 'end'])}`,
      ),
    );
    // when
    const driver = new Driver(ir);
    // then
    expect(Object.keys(driver.state)).not.toContain('comp');
  });
});

describe('compensation, refused at compile time', () => {
  const errorsOf = async (xml: string) => {
    const result = await compile(xml);
    return result.ok ? [] : result.errors;
  };

  it('names a compensation boundary event without a handler, and a handler nothing points to', async () => {
    // given
    const xml = bpmn(
      `<bpmn:startEvent id="start" /><bpmn:serviceTask id="book"><bpmn:extensionElements><zeebe:taskDefinition type="book" /></bpmn:extensionElements></bpmn:serviceTask>
       <bpmn:boundaryEvent id="bookComp" attachedToRef="book"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent>
       <bpmn:serviceTask id="orphan" isForCompensation="true"><bpmn:extensionElements><zeebe:taskDefinition type="undo" /></bpmn:extensionElements></bpmn:serviceTask>
       ${chain(['start', 'book'])}`,
    );
    // when
    const errors = await errorsOf(xml);
    // then
    expect(errors.map((error) => [error.code, error.elementId])).toEqual([
      ['INVALID_COMPENSATION', 'bookComp'],
      ['INVALID_COMPENSATION', 'orphan'],
    ]);
  });

  it('names a throw whose activityRef has no compensation handler or lies in another scope', async () => {
    // given
    const xml = bpmn(
      `<bpmn:startEvent id="start" /><bpmn:task id="plain" />${compensateOne('undoPlain', 'plain')}
       <bpmn:subProcess id="sub"><bpmn:startEvent id="s2" />${undoable('inner')}<bpmn:endEvent id="e2" />${chain(['s2', 'inner', 'e2'], 'sf')}</bpmn:subProcess>
       ${compensateOne('undoInner', 'inner')}<bpmn:endEvent id="end" />
       ${chain(['start', 'plain', 'undoPlain', 'sub', 'undoInner', 'end'])}`,
    );
    // when
    const errors = await errorsOf(xml);
    // then
    expect(errors).toEqual([
      expect.objectContaining({
        code: 'INVALID_COMPENSATION',
        elementId: 'undoPlain',
        message: expect.stringContaining('no compensation boundary'),
      }),
      expect.objectContaining({
        code: 'INVALID_COMPENSATION',
        elementId: 'undoInner',
        message: expect.stringContaining('not in its (sub-)process'),
      }),
    ]);
  });

  it('reports an unsupported event definition once, not again as a missing one', async () => {
    // given
    const xml = bpmn(
      `<bpmn:startEvent id="start" /><bpmn:userTask id="t" /><bpmn:boundaryEvent id="b" attachedToRef="t"><bpmn:conditionalEventDefinition><bpmn:condition>=x</bpmn:condition></bpmn:conditionalEventDefinition></bpmn:boundaryEvent>${chain(['start', 't'])}`,
    );
    // when
    const errors = await errorsOf(xml);
    // then
    expect(errors.map((error) => [error.code, error.elementId])).toEqual([['UNSUPPORTED_ELEMENT', 'b']]);
  });
});

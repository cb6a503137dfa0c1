import { describe, expect, it } from 'vitest';
import { bpmn, chain, compiled, Driver, flow, T0 } from '../../test-fixtures/bpmn.ts';
import { compile } from '../compiler/compile.ts';
import { simulate } from '../simulator/simulate.ts';
import { handle, start } from './interpreter.ts';
import { MAX_COLLECTION_SIZE, MAX_STEPS_WITHOUT_WAIT } from './limits.ts';
import type { Command } from './types.ts';

const script = (id: string, expression: string, result: string) =>
  `<bpmn:scriptTask id="${id}"><bpmn:extensionElements><zeebe:script expression="${expression}" resultVariable="${result}" /></bpmn:extensionElements></bpmn:scriptTask>`;

const errorsOf = async (xml: string) => {
  const result = await compile(xml);
  return result.ok ? [] : result.errors;
};

const incidents = (commands: Command[]) =>
  commands.filter((command): command is Extract<Command, { type: 'incident' }> => command.type === 'incident');

describe('no model can jam a request (IR version 2)', () => {
  it('refuses a loop made only of gateways and elements that do nothing, naming every element of it', async () => {
    // given start → a → b → a …, where nothing waits and nothing changes a variable
    const xml = bpmn(
      `<bpmn:startEvent id="start" /><bpmn:exclusiveGateway id="a" /><bpmn:inclusiveGateway id="b" default="back" /><bpmn:task id="nothing" /><bpmn:endEvent id="end" />
       ${flow('f1', 'start', 'a')}${flow('f2', 'a', 'b')}${flow('back', 'b', 'nothing')}${flow('f4', 'nothing', 'a')}${flow('out', 'b', 'end', '=done')}`,
    );
    // when
    const errors = await errorsOf(xml);
    // then
    expect(errors).toEqual([
      expect.objectContaining({
        code: 'ENDLESS_LOOP',
        elementId: 'a',
        message: expect.stringContaining('a → b → nothing'),
        messageFr: expect.stringContaining('a → b → nothing'),
      }),
    ]);
  });

  it('accepts a loop with a task that can change its variables', async () => {
    const xml = bpmn(
      `<bpmn:startEvent id="start" /><bpmn:exclusiveGateway id="a" default="back" />${script('count', '=n + 1', 'n')}<bpmn:endEvent id="end" />
       ${flow('f1', 'start', 'a')}${flow('back', 'a', 'count')}${flow('f3', 'count', 'a')}${flow('out', 'a', 'end', '=n >= 3')}`,
    );
    expect(await errorsOf(xml)).toEqual([]);
  });

  it(`stops a token that passes ${MAX_STEPS_WITHOUT_WAIT} elements without waiting with a STEP_LIMIT incident; resolving it lets it go on`, async () => {
    // given a loop whose exit condition never holds
    const ir = await compiled(
      bpmn(
        `<bpmn:startEvent id="start" /><bpmn:exclusiveGateway id="a" default="back" />${script('count', '=n + 1', 'n')}<bpmn:endEvent id="end" />
         ${flow('f1', 'start', 'a')}${flow('back', 'a', 'count')}${flow('f3', 'count', 'a')}${flow('out', 'a', 'end', '=n >= limit')}`,
      ),
    );
    // when
    const stopped = start(ir, { time: T0, variables: { n: 0, limit: 1_000_000 } });
    const [incident] = incidents(stopped.commands);
    const resumed = handle(ir, stopped.state, {
      type: 'incidentResolved',
      incidentId: incident!.incidentId,
      // stopped about halfway there (two elements a turn): this limit is reached within the next allowance
      variables: { limit: MAX_STEPS_WITHOUT_WAIT * 0.6 },
      time: T0,
    });
    // then
    expect(incident).toMatchObject({
      code: 'STEP_LIMIT',
      message: expect.stringContaining(`${MAX_STEPS_WITHOUT_WAIT} elements without waiting`),
    });
    expect(stopped.state.status).toBe('active');
    expect(resumed.state.status).toBe('completed');
    expect(resumed.state.variables.n).toBe(MAX_STEPS_WITHOUT_WAIT * 0.6);
  });

  it('fails a process whose tokens multiply without waiting, rather than exhausting its host', async () => {
    // given a parallel fork whose both branches come back to it
    const ir = await compiled(
      bpmn(
        `<bpmn:startEvent id="start" /><bpmn:parallelGateway id="fork" />${script('left', '=1', 'x')}${script('right', '=2', 'y')}<bpmn:exclusiveGateway id="merge" />
         ${flow('f1', 'start', 'merge')}${flow('f2', 'merge', 'fork')}${flow('f3', 'fork', 'left')}${flow('f4', 'fork', 'right')}${flow('f5', 'left', 'merge')}${flow('f6', 'right', 'merge')}`,
      ),
    );
    // when
    const step = start(ir, { time: T0 });
    // then
    expect(step.state.status).toBe('failed');
    expect(step.commands.at(-1)).toMatchObject({ type: 'fail', code: 'STEP_LIMIT' });
  });

  it('refuses a timer cycle that repeats in less than a second, at compile time and, from FEEL, at run time', async () => {
    // given
    const cycle = (id: string, value: string) =>
      `<bpmn:boundaryEvent id="${id}" attachedToRef="work" cancelActivity="false"><bpmn:timerEventDefinition><bpmn:timeCycle>${value}</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:boundaryEvent>`;
    const model = (cycles: string) =>
      bpmn(
        `<bpmn:startEvent id="start" /><bpmn:userTask id="work" />${cycles}<bpmn:endEvent id="end" />${chain(['start', 'work', 'end'])}`,
      );
    // when
    const errors = await errorsOf(
      model(`${cycle('zero', 'R/PT0S')}${cycle('half', 'R5/PT0.5S')}${cycle('second', 'R/PT1S')}`),
    );
    const fromFeel = await compiled(model(cycle('dynamic', '=interval')));
    const step = start(fromFeel, { time: T0, variables: { interval: 'R/PT0.1S' } });
    // then
    expect(errors.map((error) => [error.code, error.elementId])).toEqual([
      ['INVALID_TIMER', 'zero'],
      ['INVALID_TIMER', 'half'],
    ]);
    expect(incidents(step.commands)).toMatchObject([
      { code: 'SUBSCRIPTION_FAILED', elementId: 'work', message: expect.stringContaining('less than a second') },
    ]);
  });

  it(`raises COLLECTION_TOO_LARGE for a multi-instance over more than ${MAX_COLLECTION_SIZE} items; a shorter list runs once resolved`, async () => {
    // given
    const ir = await compiled(
      bpmn(
        `<bpmn:startEvent id="start" /><bpmn:userTask id="each"><bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=items" inputElement="item" /></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics></bpmn:userTask>${chain(['start', 'each'])}`,
      ),
    );
    const items = Array.from({ length: MAX_COLLECTION_SIZE + 1 }, (_, i) => i);
    // when
    const stopped = start(ir, { time: T0, variables: { items } });
    const [incident] = incidents(stopped.commands);
    const resumed = handle(ir, stopped.state, {
      type: 'incidentResolved',
      incidentId: incident!.incidentId,
      variables: { items: [1, 2] },
      time: T0,
    });
    // then
    expect(incident).toMatchObject({
      code: 'COLLECTION_TOO_LARGE',
      elementId: 'each',
      message: expect.stringContaining('1001 items'),
    });
    expect(stopped.commands.filter((command) => command.type === 'openTask')).toEqual([]);
    expect(resumed.commands.filter((command) => command.type === 'openTask')).toHaveLength(2);
  });

  it('counts the steps of each multi-instance item from its body: a long sequential collection is not a loop', async () => {
    // given 1,000 items, each running a sub-process of a dozen elements that wait for nothing
    const steps = Array.from({ length: 12 }, (_, i) => `s${i}`);
    const ir = await compiled(
      bpmn(
        `<bpmn:startEvent id="start" /><bpmn:subProcess id="each"><bpmn:multiInstanceLoopCharacteristics isSequential="true"><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=items" /></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>
           <bpmn:startEvent id="in" />${steps.map((id) => `<bpmn:task id="${id}" />`).join('')}<bpmn:endEvent id="out" />${chain(['in', ...steps, 'out'], 'sf')}
         </bpmn:subProcess><bpmn:endEvent id="end" />${chain(['start', 'each', 'end'])}`,
      ),
    );
    // when
    const step = start(ir, {
      time: T0,
      variables: { items: Array.from({ length: MAX_COLLECTION_SIZE }, (_, i) => i) },
    });
    // then
    expect(step.state.status).toBe('completed');
  });

  it('leaves IRs of version 1 as they ran: a long collection runs, an endless loop is the host’s to stop', async () => {
    // given
    const ir = await compiled(
      bpmn(
        `<bpmn:startEvent id="start" /><bpmn:task id="each"><bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=items" /></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics></bpmn:task><bpmn:endEvent id="end" />${chain(['start', 'each', 'end'])}`,
      ),
    );
    // when
    const step = start(
      { ...ir, version: 1 },
      { time: T0, variables: { items: Array.from({ length: 1500 }, (_, i) => i) } },
    );
    // then
    expect(step.state.status).toBe('completed');
  });
});

describe('right outcomes (IR version 2)', () => {
  it('a parallel join that can never complete is an incident naming the join and the flows it still waits for', async () => {
    // given fork → a → join, fork → choose → (ok ? join : elsewhere); the second branch ends elsewhere
    const xml = bpmn(
      `<bpmn:startEvent id="start" /><bpmn:parallelGateway id="fork" /><bpmn:userTask id="a" /><bpmn:exclusiveGateway id="choose" default="skip" />
       <bpmn:parallelGateway id="join" /><bpmn:endEvent id="end" /><bpmn:endEvent id="elsewhere" />
       ${flow('f0', 'start', 'fork')}${flow('f1', 'fork', 'a')}${flow('f2', 'fork', 'choose')}${flow('fromA', 'a', 'join')}
       ${flow('fromChoice', 'choose', 'join', '=ok')}${flow('skip', 'choose', 'elsewhere')}${flow('f5', 'join', 'end')}`,
    );
    const ir = await compiled(xml);
    const driver = new Driver(ir, { variables: { ok: false } });
    // when
    const commands = driver.send({ type: 'taskCompleted', taskId: driver.last('openTask').taskId, time: T0 });
    const simulation = simulate(ir, { variables: { ok: false } });
    // then
    expect(incidents(commands)).toEqual([
      expect.objectContaining({
        code: 'STUCK_JOIN',
        elementId: 'join',
        message: expect.stringContaining('still waits for fromChoice (from choose)'),
      }),
    ]);
    const again = driver.send({ type: 'incidentResolved', incidentId: incidents(commands)[0]!.incidentId, time: T0 });
    expect(incidents(again)).toMatchObject([{ code: 'STUCK_JOIN', elementId: 'join' }]);
    expect(simulation.outcome).toBe('incident');
    expect(simulation.waitingFor).toEqual([
      expect.objectContaining({ kind: 'incident STUCK_JOIN', elementId: 'join' }),
    ]);
  });

  it('an uncaught BPMN error thrown by a job is an incident naming the element and the code; resolving it hands the job out again', async () => {
    // given
    const ir = await compiled(
      bpmn(
        `<bpmn:startEvent id="start" /><bpmn:serviceTask id="charge"><bpmn:extensionElements><zeebe:taskDefinition type="charge" /></bpmn:extensionElements></bpmn:serviceTask><bpmn:endEvent id="end" />${chain(['start', 'charge', 'end'])}`,
      ),
    );
    const driver = new Driver(ir);
    const job = driver.last('runJob');
    // when
    const failed = driver.send({
      type: 'jobFailed',
      jobId: job.jobId,
      errorCode: 'CARD_DECLINED',
      message: 'declined',
      time: T0,
    });
    const [incident] = incidents(failed);
    const retried = driver.send({ type: 'incidentResolved', incidentId: incident!.incidentId, time: T0 });
    // then
    expect(driver.state.status).toBe('active');
    expect(incident).toMatchObject({
      code: 'UNHANDLED_ERROR',
      elementId: 'charge',
      message: expect.stringMatching(/"CARD_DECLINED" thrown by charge/),
    });
    expect(retried).toMatchObject([{ type: 'runJob', elementId: 'charge', jobType: 'charge' }]);
  });

  it('message throw and end events with a task definition run as jobs, without a message', async () => {
    // given
    const job = (type: string) =>
      `<bpmn:extensionElements><zeebe:taskDefinition type="${type}" /></bpmn:extensionElements>`;
    const ir = await compiled(
      bpmn(
        `<bpmn:startEvent id="start" /><bpmn:intermediateThrowEvent id="tell">${job('mail')}<bpmn:messageEventDefinition /></bpmn:intermediateThrowEvent>
         <bpmn:endEvent id="done">${job('sms')}<bpmn:messageEventDefinition /></bpmn:endEvent>${chain(['start', 'tell', 'done'])}`,
      ),
    );
    const driver = new Driver(ir);
    // when
    const first = driver.last('runJob');
    const second = driver.send({ type: 'jobCompleted', jobId: first.jobId, time: T0 });
    // then
    expect(first).toMatchObject({ elementId: 'tell', jobType: 'mail' });
    expect(second).toMatchObject([{ type: 'runJob', elementId: 'done', jobType: 'sms' }]);
  });

  it('process-level problems name the process', async () => {
    // given
    const noStart = bpmn('<bpmn:userTask id="t" />');
    const collaborationOnly = `<?xml version="1.0"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="defs"><bpmn:collaboration id="collab"><bpmn:participant id="p1" name="Town hall" /></bpmn:collaboration></bpmn:definitions>`;
    // when / then
    expect(await errorsOf(noStart)).toContainEqual(
      expect.objectContaining({
        code: 'MISSING_START_EVENT',
        elementId: 'test',
        elementType: 'process',
        message: 'process "Test process" (test): the process has no start event. Add a start event.',
      }),
    );
    expect(await errorsOf(collaborationOnly)).toEqual([
      expect.objectContaining({
        code: 'NO_PROCESS',
        elementId: 'defs',
        message: expect.stringContaining('collab (pools Town hall'),
      }),
    ]);
  });
});

describe('XML encodings', () => {
  const latin1 = (text: string) => Uint8Array.from(text, (char) => char.charCodeAt(0));
  const model = (encoding: string) =>
    bpmn(
      `<bpmn:startEvent id="start" name="Début de la démarche" /><bpmn:endEvent id="end" />${chain(['start', 'end'])}`,
    ).replace('encoding="UTF-8"', `encoding="${encoding}"`);

  it('reads a model given as bytes by the encoding it declares (ISO-8859-1, windows-1252), and one given as text whatever it declares', async () => {
    // given
    const fromBytes = await compile(latin1(model('ISO-8859-1')));
    const euro = await compile(latin1(model('windows-1252').replace('Début', '\x80 Début')));
    const fromText = await compile(model('ISO-8859-1'));
    // then
    expect(fromBytes.ok && (fromBytes.ir.elements as Record<string, { name?: string }>).start?.name).toBe(
      'Début de la démarche',
    );
    expect(euro.ok && (euro.ir.elements as Record<string, { name?: string }>).start?.name).toBe(
      '€ Début de la démarche',
    );
    expect(fromText.ok).toBe(true);
  });

  it('reads UTF-8 bytes, with or without a byte-order mark, and says so when the encoding is unknown', async () => {
    // given
    const utf8 = new TextEncoder().encode(model('UTF-8'));
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]);
    // when
    const unknown = await compile(latin1(model('x-klingon')));
    // then
    expect((await compile(utf8)).ok).toBe(true);
    expect((await compile(withBom)).ok).toBe(true);
    expect(!unknown.ok && unknown.errors).toEqual([
      expect.objectContaining({ code: 'XML_ENCODING', line: 1, message: expect.stringContaining('"x-klingon"') }),
    ]);
  });
});

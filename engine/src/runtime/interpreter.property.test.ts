import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compiled, T0 } from '../../test-fixtures/bpmn.ts';
import { blockArbitrary, renderProcess } from '../../test-fixtures/random-process.ts';
import { compile } from '../compiler/compile.ts';
import { handle, start } from './interpreter.ts';
import type { EngineState } from './state.ts';
import type { TraceEntry } from './trace.ts';
import type { Command, EngineEvent, ProcessIR, Step } from './types.ts';

/** Answers whatever the process waits for, in an order chosen by `picks`; records events and trace. */
function drive(ir: ProcessIR, variables: Record<string, never> | object, picks: number[]) {
  const trace: TraceEntry[] = [];
  const events: EngineEvent[] = [];
  const open = new Map<string, EngineEvent>();
  const steps: Step[] = [];
  const apply = (step: Step) => {
    steps.push(step);
    trace.push(...(step.trace ?? []));
    for (const command of step.commands) track(command);
    return step;
  };
  const track = (command: Command) => {
    if (command.type === 'openTask')
      open.set(command.taskId, { type: 'taskCompleted', taskId: command.taskId, time: T0 });
    if (command.type === 'runJob') open.set(command.jobId, { type: 'jobCompleted', jobId: command.jobId, time: T0 });
    if (command.type === 'startTimer')
      open.set(command.timerId, { type: 'timerFired', timerId: command.timerId, time: command.fireAt });
    if (command.type === 'waitMessage') {
      open.set(command.subscriptionId, { type: 'messageReceived', messageName: command.messageName, time: T0 });
    }
    if (command.type === 'cancelTask') open.delete(command.taskId);
    if (command.type === 'cancelTimer') open.delete(command.timerId);
    if (command.type === 'cancelMessageWait') open.delete(command.subscriptionId);
  };
  let step = apply(start(ir, { variables: variables as never, time: T0 }, { trace: true }));
  for (let i = 0; open.size > 0 && i < 500; i++) {
    const keys = [...open.keys()];
    const key = keys[(picks[i % Math.max(1, picks.length)] ?? 0) % keys.length]!;
    const event = open.get(key)!;
    open.delete(key);
    events.push(event);
    step = apply(handle(ir, step.state, event, { trace: true }));
  }
  return { final: step.state as unknown as EngineState, trace, events, steps };
}

const scenario = fc.record({
  block: blockArbitrary(3),
  route: fc.integer({ min: 0, max: 2 }),
  routes: fc.subarray([0, 1, 2]),
  picks: fc.array(fc.nat(), { maxLength: 30 }),
});

describe('interpreter properties over random well-formed processes', () => {
  it('every token ends or waits; the process completes once all is answered (no inclusive join deadlocks on a path not taken)', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ block, route, routes, picks }) => {
        // given
        const result = await compile(renderProcess(block).xml);
        if (!result.ok) throw new Error(JSON.stringify(result.errors));
        const ir = result.ir;
        // when
        const { final, steps } = drive(ir, { route, routes }, picks);
        // then
        for (const step of steps.slice(0, -1)) {
          const state = step.state as unknown as EngineState;
          expect(state.incidents).toEqual([]);
          for (const [id, instance] of Object.entries(state.instances)) {
            const waits = instance.wait !== undefined || (instance.live ?? 0) > 0;
            expect(waits, `${id} neither waits nor holds tokens`).toBe(true);
          }
        }
        // its service tasks' job type (`work`) is an external worker's: that is the one warning
        expect(result.warnings.filter((w) => w.code !== 'EXTERNAL_JOB_TYPE')).toEqual([]);
        expect(final.status).toBe('completed');
        expect(final.instances).toEqual({});
      }),
      { numRuns: 150 },
    );
  });

  it('a parallel join fires once, after every branch; an inclusive join once, after every branch taken', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ block, route, routes, picks }) => {
        // given
        const rendered = renderProcess(block);
        const ir = await compiled(rendered.xml);
        // when
        const { trace } = drive(ir, { route, routes }, picks);
        // then
        const activatedAt = (id: string) =>
          trace.findIndex((entry) => entry.elementId === id && entry.action === 'activated');
        for (const [joinId, join] of Object.entries(rendered.joins)) {
          const activations = trace.filter((entry) => entry.elementId === joinId && entry.action === 'activated');
          if (join.kind === 'exclusive') continue;
          const fired = activatedAt(joinId);
          if (fired < 0) continue; // an enclosing exclusive branch was not taken
          expect(activations).toHaveLength(1);
          const completedAt = (id: string) =>
            trace.findIndex((entry) => entry.elementId === id && entry.action === 'completed');
          for (const inside of join.inside) {
            if (completedAt(inside) >= 0) expect(completedAt(inside)).toBeLessThan(fired);
          }
          if (join.kind === 'parallel') {
            for (const exit of join.exits)
              expect(completedAt(exit), `${exit} before ${joinId}`).toBeGreaterThanOrEqual(0);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('replaying the recorded events from the start reproduces the state and the commands', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ block, route, routes, picks }) => {
        // given
        const ir = await compiled(renderProcess(block).xml);
        const recorded = drive(ir, { route, routes }, picks);
        // when
        let step = start(ir, { variables: { route, routes }, time: T0 });
        const commands = [step.commands];
        for (const event of recorded.events) {
          step = handle(ir, step.state, event);
          commands.push(step.commands);
        }
        // then
        expect(step.state).toEqual(recorded.final);
        expect(commands).toEqual(recorded.steps.map((s) => s.commands));
      }),
      { numRuns: 150 },
    );
  });

  it('events that match nothing waiting never throw and change nothing', async () => {
    const stray = fc.oneof(
      fc.record({ type: fc.constant('taskCompleted' as const), taskId: fc.string(), time: fc.constant(T0) }),
      fc.record({
        type: fc.constant('jobFailed' as const),
        jobId: fc.string(),
        message: fc.string(),
        time: fc.constant(T0),
      }),
      fc.record({ type: fc.constant('timerFired' as const), timerId: fc.string(), time: fc.constant(T0) }),
      fc.record({ type: fc.constant('messageReceived' as const), messageName: fc.string(), time: fc.constant(T0) }),
      fc.record({ type: fc.constant('incidentResolved' as const), incidentId: fc.string(), time: fc.constant(T0) }),
    );
    await fc.assert(
      fc.asyncProperty(scenario, fc.array(stray, { maxLength: 5 }), async ({ block, route, routes, picks }, events) => {
        // given
        const ir = await compiled(renderProcess(block).xml);
        const { steps } = drive(ir, { route, routes }, picks.slice(0, 3));
        const state = steps[Math.min(1, steps.length - 1)]!.state;
        // when
        const after = events.map((event) => handle(ir, state, event as EngineEvent));
        // then
        for (const step of after) {
          expect(step.commands).toEqual([]);
          expect(step.state).toEqual(state);
        }
      }),
      { numRuns: 100 },
    );
  });
});

import { describe, expect, it } from 'vitest';
import { handle, start } from '../../src/runtime/interpreter.ts';
import type { Command, EngineEvent, ProcessState, Variables } from '../../src/runtime/types.ts';
import { compiled, T0 } from '../bpmn.ts';
import { readModel } from '../models/index.ts';
import history from './building-permit.json' with { type: 'json' };

describe('recorded histories still replay', () => {
  it('building permit: the same events give the same states and commands as when recorded', async () => {
    // given
    const ir = await compiled(readModel(history.model));
    const events = history.events as EngineEvent[];
    // when
    let step = start(ir, { variables: history.variables as Variables, time: T0 });
    const commands: Command[] = [...step.commands];
    const states: ProcessState[] = [];
    for (const event of events) {
      step = handle(ir, step.state, event);
      commands.push(...step.commands);
      states.push(step.state);
    }
    // then
    expect(states).toContainEqual(history.halfway);
    expect(step.state).toEqual(history.final);
    expect(commands).toEqual(history.commands);
    expect(step.state.status).toBe('completed');
  });
});

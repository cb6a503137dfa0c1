import { describe, expect, it } from 'vitest';
import { bpmn, chain, compiled, flow } from '../../test-fixtures/bpmn.ts';
import { simulate } from './simulate.ts';

const model = bpmn(
  `<bpmn:startEvent id="start" /><bpmn:userTask id="review" />
   <bpmn:intermediateCatchEvent id="cooling"><bpmn:timerEventDefinition><bpmn:timeDuration>P2D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
   <bpmn:exclusiveGateway id="ok" default="toEnd" />
   <bpmn:intermediateCatchEvent id="reply"><bpmn:messageEventDefinition messageRef="replyMessage" /></bpmn:intermediateCatchEvent>
   <bpmn:endEvent id="end" />
   ${chain(['start', 'review', 'cooling', 'ok'])}${flow('toReply', 'ok', 'reply', '=needsReply')}${flow('toEnd', 'ok', 'end')}${flow('f9', 'reply', 'end')}`,
  { definitions: '<bpmn:message id="replyMessage" name="reply" />' },
);

describe('simulate', () => {
  it('without events: tasks complete with no data and timers fire when due', async () => {
    // given
    const ir = await compiled(model);
    // when
    const result = simulate(ir, { variables: { needsReply: false }, time: '2026-05-04T08:00:00Z' });
    // then
    expect(result.outcome).toBe('completed');
    expect(result.lines).toContainEqual({
      event: { type: 'timerFired', timerId: 'cooling#4', time: '2026-05-06T08:00:00.000Z' },
    });
    expect(
      result.lines
        .filter((line) => 'action' in line && line.action === 'completed')
        .map((line) => 'elementId' in line && line.elementId),
    ).toEqual(['start', 'review', 'cooling', 'ok', 'test']);
  });

  it('a message nobody sends leaves the run waiting', async () => {
    // given
    const ir = await compiled(model);
    // when
    const result = simulate(ir, { variables: { needsReply: true } });
    // then
    expect(result.outcome).toBe('waiting');
    expect(result.waitingFor).toMatchObject([{ kind: 'message', elementId: 'reply', name: 'reply' }]);
  });

  it('events answer in order, naming tasks by element id', async () => {
    // given
    const ir = await compiled(model);
    // when
    const result = simulate(ir, {
      events: [
        { type: 'taskCompleted', elementId: 'review', variables: { needsReply: true } },
        { type: 'timerFired', elementId: 'cooling', time: '2026-01-03T09:00:00Z' },
        { type: 'messageReceived', messageName: 'reply', variables: { text: 'merci' } },
      ],
    });
    // then
    expect(result.outcome).toBe('completed');
    expect(result.state.variables).toEqual({ needsReply: true, text: 'merci' });
  });

  it('stops on an incident', async () => {
    // given
    const ir = await compiled(model);
    // when
    const result = simulate(ir, { variables: { needsReply: 'maybe' } });
    // then
    expect(result.outcome).toBe('incident');
    expect(result.waitingFor[0]).toMatchObject({ kind: 'incident CONDITION_FAILED', elementId: 'ok' });
  });
});

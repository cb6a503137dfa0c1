import { describe, expect, it } from 'vitest';
import { bpmn, chain, compiled, flow } from '../../test-fixtures/bpmn.ts';
import { businessRuleTask, dmn, table } from '../../test-fixtures/dmn.ts';
import { compile } from '../compiler/compile.ts';
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
    // (with the tracking code, which every request's variables carry)
    expect(result.state.variables).toEqual({ trackingCode: 'XXXX-XXXX-XXXX', needsReply: true, text: 'merci' });
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

  it('runs business rule tasks in the engine and compensation handlers as the work they are', async () => {
    // given book, then a decision refuses, then everything booked is compensated
    const compiledModel = await compile(
      bpmn(
        `<bpmn:startEvent id="start" />
         <bpmn:serviceTask id="book"><bpmn:extensionElements><zeebe:taskDefinition type="book" /></bpmn:extensionElements></bpmn:serviceTask>
         <bpmn:boundaryEvent id="bookComp" attachedToRef="book"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent>
         <bpmn:userTask id="unbook" isForCompensation="true" />
         <bpmn:association id="a1" sourceRef="bookComp" targetRef="unbook" />
         ${businessRuleTask('decide', 'verdict', 'verdict')}<bpmn:exclusiveGateway id="ok" default="refused" />
         <bpmn:endEvent id="accepted" /><bpmn:endEvent id="rollback"><bpmn:compensateEventDefinition /></bpmn:endEvent>
         ${chain(['start', 'book', 'decide', 'ok'])}${flow('yes', 'ok', 'accepted', '=verdict = "yes"')}${flow('refused', 'ok', 'rollback')}`,
      ),
      {
        decisions: [
          dmn(
            table({
              id: 'verdict',
              hitPolicy: 'FIRST',
              inputs: ['amount'],
              outputs: ['v'],
              rules: [
                ['< 100', '"yes"'],
                ['-', '"no"'],
              ],
            }),
          ),
        ],
      },
    );
    if (!compiledModel.ok) throw new Error(JSON.stringify(compiledModel.errors));
    // when
    const result = simulate(compiledModel.ir, { variables: { amount: 500 } });
    // then
    expect(result.outcome).toBe('completed');
    expect(result.state.variables).toMatchObject({ verdict: 'no' });
    const ended = result.lines.filter(
      (line) => 'action' in line && (line.action === 'completed' || line.action === 'ended'),
    );
    expect(ended.map((line) => ('elementId' in line ? line.elementId : ''))).toEqual([
      'start',
      'book',
      'decide',
      'ok',
      'unbook',
      'rollback',
      'test',
    ]);
  });

  it('as a called process, an uncaught BPMN error fails the run with its code; on its own, it is an incident', async () => {
    // given
    const ir = await compiled(
      bpmn(
        `<bpmn:startEvent id="start" /><bpmn:endEvent id="refuse"><bpmn:errorEventDefinition errorRef="no" /></bpmn:endEvent>${chain(['start', 'refuse'])}`,
        { definitions: '<bpmn:error id="no" errorCode="REFUSED" />' },
      ),
    );
    // when / then
    expect(simulate(ir, { child: true }).outcome).toBe('failed');
    expect(simulate(ir).outcome).toBe('incident');
  });

  it('declares a file incomplete then complete: the implicit decision counts from completion (CRPA L114-5)', async () => {
    // given a permit silent for two months, with a plan among its pieces, and a review nobody does
    const ir = await compiled(
      bpmn(
        `<bpmn:extensionElements><zeebe:properties>
           <zeebe:property name="silence" value="acceptance" />
           <zeebe:property name="piece.plan" value="Plan de situation | Site plan" />
         </zeebe:properties></bpmn:extensionElements>
         <bpmn:startEvent id="start" />
         <bpmn:intermediateCatchEvent id="reply"><bpmn:messageEventDefinition messageRef="replyMessage" /></bpmn:intermediateCatchEvent>
         <bpmn:endEvent id="end" />
         ${chain(['start', 'reply', 'end'])}`,
        { definitions: '<bpmn:message id="replyMessage" name="reply" />' },
      ),
    );
    // when the plan is declared missing on 5 January, an unknown piece too, the file complete on 26 January,
    // and the citizen's reply comes in April
    const result = simulate(ir, {
      time: '2026-01-02T09:00:00Z',
      events: [
        { type: 'fileIncomplete', pieces: ['plan'], time: '2026-01-05T09:00:00Z' },
        { type: 'fileIncomplete', pieces: ['passeport'] },
        { type: 'fileComplete', time: '2026-01-26T09:00:00Z' },
        { type: 'fileComplete' },
        { type: 'messageReceived', messageName: 'reply', time: '2026-04-01T09:00:00Z' },
      ],
    });
    // then the citizen is told each step, and silence accepts on 26 March (two months after completion), not 2 March
    const notices = result.lines.flatMap((line) => ('notice' in line ? [[line.notice, line.at]] : []));
    expect(notices).toEqual([
      ['acknowledgement', '2026-01-02T09:00:00Z'],
      ['fileIncomplete', '2026-01-05T09:00:00.000Z'],
      ['fileComplete', '2026-01-26T09:00:00.000Z'],
      ['implicitDecision', '2026-03-25T23:00:00.000Z'],
      ['requestClosed', '2026-04-01T09:00:00Z'],
    ]);
    const problems = result.lines.flatMap((line) => ('problem' in line ? [line.problem] : []));
    expect(problems).toEqual([
      'fileIncomplete: the procedure lists no piece passeport (piece.<id> properties: plan); event skipped',
      expect.stringContaining('est déjà complet depuis le 2026-01-26'),
    ]);
  });
});

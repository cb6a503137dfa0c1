import { describe, expect, it } from 'vitest';
import { bpmn, compiled } from '../../test-fixtures/bpmn.ts';
import { scheduledStarts } from './scheduled-starts.ts';

const timerStart = (id: string, kind: string, value: string) =>
  `<bpmn:startEvent id="${id}"><bpmn:timerEventDefinition><bpmn:${kind}>${value}</bpmn:${kind}></bpmn:timerEventDefinition></bpmn:startEvent><bpmn:endEvent id="${id}End" /><bpmn:sequenceFlow id="${id}Flow" sourceRef="${id}" targetRef="${id}End" />`;

describe('scheduledStarts', () => {
  it('tells the host when each timer start event is due', async () => {
    // given
    const ir = await compiled(
      bpmn(
        `<bpmn:startEvent id="byHand" /><bpmn:endEvent id="byHandEnd" /><bpmn:sequenceFlow id="h" sourceRef="byHand" targetRef="byHandEnd" />
         ${timerStart('monthly', 'timeCycle', 'R/2026-04-01T06:00:00Z/P1M')}
         ${timerStart('once', 'timeDate', '2026-09-01T08:00:00Z')}
         ${timerStart('soon', 'timeDuration', 'PT2H')}`,
      ),
    );
    // when
    const starts = scheduledStarts(ir, '2026-03-02T09:00:00.000Z');
    // then
    expect(starts).toEqual([
      { startEventId: 'monthly', fireAt: '2026-04-01T06:00:00.000Z', every: 'P1M', repetitions: -1 },
      { startEventId: 'once', fireAt: '2026-09-01T08:00:00.000Z' },
      { startEventId: 'soon', fireAt: '2026-03-02T11:00:00.000Z' },
    ]);
  });
});

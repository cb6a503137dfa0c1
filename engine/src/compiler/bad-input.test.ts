import { describe, expect, it } from 'vitest';
import { bpmn, chain, flow } from '../../test-fixtures/bpmn.ts';
import { compile } from './compile.ts';

async function errorsOf(xml: string) {
  const result = await compile(xml);
  if (result.ok) throw new Error('expected the model to be refused');
  return result.errors;
}

describe('compile refuses bad input with errors that name the element', () => {
  it.each([
    [
      'an unknown element',
      bpmn(`<bpmn:startEvent id="start" />\n<bpmn:fooTask id="strange" />`),
      { code: 'UNKNOWN_ELEMENT', elementId: 'strange', elementType: 'fooTask', line: 5 },
    ],
    [
      'a flow to a missing element',
      bpmn(`<bpmn:startEvent id="start" />${flow('toNowhere', 'start', 'ghost')}`),
      { code: 'DANGLING_REFERENCE', elementId: 'toNowhere' },
    ],
    [
      'a gateway with no outgoing flow',
      bpmn(
        `<bpmn:startEvent id="start" /><bpmn:exclusiveGateway id="stuck" name="Where to?" />${chain(['start', 'stuck'])}`,
      ),
      {
        code: 'GATEWAY_WITHOUT_OUTGOING',
        elementId: 'stuck',
        elementType: 'exclusiveGateway',
        elementName: 'Where to?',
      },
    ],
    [
      'a FEEL condition that does not parse',
      bpmn(
        `<bpmn:startEvent id="start" /><bpmn:endEvent id="end" />${flow('badCondition', 'start', 'end', '=amount >')}`,
      ),
      { code: 'INVALID_EXPRESSION', elementId: 'badCondition' },
    ],
    [
      'a timer that is not ISO 8601',
      bpmn(
        `<bpmn:startEvent id="start" /><bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>3 days</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>${chain(['start', 'wait'])}`,
      ),
      { code: 'INVALID_TIMER', elementId: 'wait' },
    ],
    [
      'a multi-instance without a collection',
      bpmn(
        `<bpmn:startEvent id="start" /><bpmn:userTask id="approve"><bpmn:multiInstanceLoopCharacteristics /></bpmn:userTask>${chain(['start', 'approve'])}`,
      ),
      { code: 'MISSING_INPUT_COLLECTION', elementId: 'approve' },
    ],
    [
      'a service task without a job type',
      bpmn(`<bpmn:startEvent id="start" /><bpmn:serviceTask id="work" />${chain(['start', 'work'])}`),
      { code: 'MISSING_JOB_TYPE', elementId: 'work' },
    ],
    [
      'an unparsable input mapping',
      bpmn(
        `<bpmn:startEvent id="start" /><bpmn:userTask id="t"><bpmn:extensionElements><zeebe:ioMapping><zeebe:input source="=a +* b" target="x" /></zeebe:ioMapping></bpmn:extensionElements></bpmn:userTask>${chain(['start', 't'])}`,
      ),
      { code: 'INVALID_EXPRESSION', elementId: 't' },
    ],
    [
      'an exclusive gateway flow without a condition',
      bpmn(
        `<bpmn:startEvent id="start" /><bpmn:exclusiveGateway id="choice" /><bpmn:endEvent id="a" /><bpmn:endEvent id="b" />${flow('f0', 'start', 'choice')}${flow('f1', 'choice', 'a')}${flow('f2', 'choice', 'b', '=true')}`,
      ),
      { code: 'MISSING_CONDITION', elementId: 'choice' },
    ],
    [
      'no process at all',
      '<?xml version="1.0"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" />',
      { code: 'NO_PROCESS' },
    ],
    ['a file that is not XML', 'hello', { code: 'XML_SYNTAX' }],
  ])('%s', async (_label, xml, expected) => {
    // given the model
    // when
    const errors = await errorsOf(xml);
    // then
    expect(errors).toContainEqual(expect.objectContaining(expected));
    for (const error of errors) {
      expect(error.message.length).toBeGreaterThan(20);
      expect(error.messageFr?.length, `${error.code} in French`).toBeGreaterThan(20);
    }
  });

  it('says what is wrong and what to do', async () => {
    // given
    const xml = bpmn(
      `<bpmn:startEvent id="start" /><bpmn:intermediateCatchEvent id="wait" name="Wait"><bpmn:timerEventDefinition><bpmn:timeDuration>3 days</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>${chain(['start', 'wait'])}`,
    );
    // when
    const [error] = await errorsOf(xml);
    // then
    expect(error?.message).toBe(
      'intermediateCatchEvent "Wait" (wait): the timer duration "3 days" is not ISO 8601. Write it like PT2H or P3D, or as a FEEL expression starting with "=".',
    );
    expect(error?.messageFr).toBe(
      'intermediateCatchEvent "Wait" (wait) : la durée de minuterie « 3 days » n\'est pas au format ISO 8601. Écrivez-la comme PT2H ou P3D, ou en expression FEEL commençant par « = ».',
    );
  });

  it('collects every problem instead of stopping at the first', async () => {
    // given
    const xml = bpmn(
      `<bpmn:startEvent id="start" /><bpmn:serviceTask id="a" /><bpmn:serviceTask id="b" />${chain(['start', 'a', 'b'])}`,
    );
    // when
    const errors = await errorsOf(xml);
    // then
    expect(errors.map((error) => error.elementId)).toEqual(['a', 'b']);
  });
});

import { describe, expect, it } from 'vitest';
import { bpmn, chain } from '../../test-fixtures/bpmn.ts';
import { compile } from './compile.ts';

describe('compile', () => {
  it('compiles a process with its name, start form, properties and a content hash', async () => {
    // given
    const xml = bpmn(`
      <bpmn:extensionElements><zeebe:properties><zeebe:property name="sla" value="P10D" /></zeebe:properties></bpmn:extensionElements>
      <bpmn:startEvent id="start"><bpmn:extensionElements><zeebe:formDefinition formId="request-form" /></bpmn:extensionElements></bpmn:startEvent>
      <bpmn:endEvent id="end" />
      ${chain(['start', 'end'])}`);
    // when
    const result = await compile(xml);
    // then
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.ir).toMatchObject({
      version: 1,
      processId: 'test',
      name: 'Test process',
      startFormId: 'request-form',
    });
    expect(result.ir.properties).toEqual({ sla: 'P10D' });
    expect(result.ir.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.parse(JSON.stringify(result.ir))).toEqual(result.ir);
    const again = await compile(xml);
    expect(again.ok && again.ir.hash).toBe(result.ir.hash);
  });

  it('picks the executable process among several', async () => {
    // given
    const xml = `<?xml version="1.0"?>
      <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">
        <bpmn:process id="other"><bpmn:startEvent id="s1" /></bpmn:process>
        <bpmn:process id="main" isExecutable="true"><bpmn:startEvent id="s2" /></bpmn:process>
      </bpmn:definitions>`;
    // when
    const result = await compile(xml);
    // then
    expect(result.ok && result.ir.processId).toBe('main');
  });

  it('gives line and column when the XML does not parse', async () => {
    // given
    const xml =
      '<?xml version="1.0"?>\n<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL">\n  <bpmn:process id="p">\n  <bpmn:task id="x"></bpmn:tsk></bpmn:process></bpmn:definitions>';
    // when
    const result = await compile(xml);
    // then
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]).toMatchObject({ code: 'XML_SYNTAX', line: 4 });
    expect(result.errors[0]!.column).toBeGreaterThan(0);
  });

  it('names an element it does not run', async () => {
    // given
    const xml = bpmn(`
      <bpmn:startEvent id="start" />
      <bpmn:complexGateway id="complex" name="Complex" />
      ${chain(['start', 'complex'])}`);
    // when
    const result = await compile(xml);
    // then
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toContainEqual(
      expect.objectContaining({
        code: 'UNSUPPORTED_ELEMENT',
        elementId: 'complex',
        elementType: 'complexGateway',
        elementName: 'Complex',
      }),
    );
  });
});

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
      version: 2,
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

  it('reads a Camunda Modeler file: pool, lanes, annotations, data objects and diagram are read past', async () => {
    // given
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:modeler="http://camunda.org/schema/modeler/1.0" id="Definitions_1" targetNamespace="http://bpmn.io/schema/bpmn" exporter="Camunda Modeler" exporterVersion="5.30.0" modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.6.0">
  <bpmn:collaboration id="Collaboration_1">
    <bpmn:participant id="Town" name="Mairie" processRef="parking" />
    <bpmn:participant id="Citizen" name="Citoyen" />
    <bpmn:messageFlow id="MessageFlow_1" sourceRef="Citizen" targetRef="Start" />
  </bpmn:collaboration>
  <bpmn:process id="parking" name="Carte de stationnement" isExecutable="true">
    <bpmn:laneSet id="LaneSet_1"><bpmn:lane id="FrontDesk" name="Accueil"><bpmn:flowNodeRef>Start</bpmn:flowNodeRef><bpmn:flowNodeRef>Check</bpmn:flowNodeRef></bpmn:lane></bpmn:laneSet>
    <bpmn:startEvent id="Start"><bpmn:outgoing>Flow_1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="Check" name="Vérifier"><bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements><bpmn:incoming>Flow_1</bpmn:incoming><bpmn:outgoing>Flow_2</bpmn:outgoing>
      <bpmn:dataOutputAssociation id="Assoc_1"><bpmn:targetRef>Card</bpmn:targetRef></bpmn:dataOutputAssociation></bpmn:userTask>
    <bpmn:dataObjectReference id="Card" name="Carte" dataObjectRef="CardObject" />
    <bpmn:dataObject id="CardObject" />
    <bpmn:endEvent id="End"><bpmn:incoming>Flow_2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Check" />
    <bpmn:sequenceFlow id="Flow_2" sourceRef="Check" targetRef="End" />
    <bpmn:textAnnotation id="Note"><bpmn:text>Sous 48 h</bpmn:text></bpmn:textAnnotation>
    <bpmn:association id="Association_1" sourceRef="Check" targetRef="Note" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="BPMNDiagram_1"><bpmndi:BPMNPlane id="Plane_1" bpmnElement="Collaboration_1">
    <bpmndi:BPMNShape id="Check_di" bpmnElement="Check"><dc:Bounds x="250" y="80" width="100" height="80" /></bpmndi:BPMNShape>
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;
    // when
    const result = await compile(xml);
    // then
    expect(result.ok ? Object.keys(result.ir.elements as object) : result.errors).toEqual(['Start', 'Check', 'End']);
  });

  it('warns about elements no token can reach', async () => {
    // given
    const xml =
      bpmn(`<bpmn:startEvent id="start" /><bpmn:userTask id="work" name="Work" /><bpmn:userTask id="orphan" name="Orphan" />
      <bpmn:endEvent id="end" />${chain(['start', 'work', 'end'])}`);
    // when
    const result = await compile(xml);
    // then
    expect(result.ok && result.warnings).toEqual([
      expect.objectContaining({ code: 'UNREACHABLE_ELEMENT', elementId: 'orphan', elementName: 'Orphan' }),
    ]);
  });
});

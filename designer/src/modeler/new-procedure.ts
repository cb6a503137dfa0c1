/** The BPMN of a new procedure: the citizen's form at the start, one step for an agent, an end. */
export function newProcedureXml(key: string, name: string): string {
  const escaped = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:modeler="http://camunda.org/schema/modeler/1.0" id="${key}-definitions" targetNamespace="https://parvis.example/procedures" exporter="Parvis" exporterVersion="0.1.0" modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.6.0">
  <bpmn:process id="${key}" name="${escaped(name)}" isExecutable="true">
    <bpmn:startEvent id="Submitted" name="Demande reçue">
      <bpmn:extensionElements><zeebe:formDefinition formId="${key}-form" /></bpmn:extensionElements>
      <bpmn:outgoing>Flow_ToHandle</bpmn:outgoing>
    </bpmn:startEvent>
    <bpmn:userTask id="Handle" name="Traiter la demande">
      <bpmn:extensionElements><zeebe:userTask /><zeebe:assignmentDefinition candidateGroups="accueil" /></bpmn:extensionElements>
      <bpmn:incoming>Flow_ToHandle</bpmn:incoming>
      <bpmn:outgoing>Flow_ToEnd</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:endEvent id="Handled" name="Demande traitée"><bpmn:incoming>Flow_ToEnd</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="Flow_ToHandle" sourceRef="Submitted" targetRef="Handle" />
    <bpmn:sequenceFlow id="Flow_ToEnd" sourceRef="Handle" targetRef="Handled" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="${key}-diagram">
    <bpmndi:BPMNPlane id="${key}-plane" bpmnElement="${key}">
      <bpmndi:BPMNShape id="Submitted_di" bpmnElement="Submitted"><dc:Bounds x="152" y="102" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="Handle_di" bpmnElement="Handle"><dc:Bounds x="250" y="80" width="100" height="80" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="Handled_di" bpmnElement="Handled"><dc:Bounds x="412" y="102" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNEdge id="Flow_ToHandle_di" bpmnElement="Flow_ToHandle"><di:waypoint x="188" y="120" /><di:waypoint x="250" y="120" /></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="Flow_ToEnd_di" bpmnElement="Flow_ToEnd"><di:waypoint x="350" y="120" /><di:waypoint x="412" y="120" /></bpmndi:BPMNEdge>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
`;
}

import { checkProcedure } from '@parvis/engine';
import { describe, expect, it } from 'vitest';
import { blankDecision, decisionIdOf } from './blank-decision.ts';

const calling = (decisionId: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:businessRuleTask id="rate"><bpmn:extensionElements><zeebe:calledDecision decisionId="${decisionId}" resultVariable="rate" /></bpmn:extensionElements></bpmn:businessRuleTask>
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="rate" /><bpmn:sequenceFlow id="f2" sourceRef="rate" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;

describe('a new decision file', () => {
  it('is a decision table a business rule task can call by the id its name gives, which passes the model check', async () => {
    // given
    const file = blankDecision('Remise sociale « été »');
    // when
    const checked = await checkProcedure({ bpmn: calling('Remise_sociale_ete'), forms: {}, decisions: [file] });
    // then
    expect(file.name).toBe('Remise_sociale_ete.dmn');
    expect(checked.ok).toBe(true);
  });

  it('gives an id that starts with a letter whatever the name', () => {
    expect(decisionIdOf('2026 tarifs')).toBe('Decision_2026_tarifs');
    expect(decisionIdOf('Tarif & <remise>')).toBe('Tarif_remise');
  });
});

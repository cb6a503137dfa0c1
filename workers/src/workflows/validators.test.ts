import { compile, type ProcessIR } from '@parvis/engine';
import { describe, expect, it } from 'vitest';
import type { CompleteTaskArgs, OpenTask, RequestWorkflowInput, SignatureRecord } from '../messages.ts';
import { validateCompletion } from './validators.ts';

const BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="s" />
    <bpmn:userTask id="Sign"><bpmn:extensionElements>
      <zeebe:assignmentDefinition candidateGroups="elus" />
      <zeebe:properties><zeebe:property name="signature" value="required" /></zeebe:properties>
    </bpmn:extensionElements></bpmn:userTask>
    <bpmn:endEvent id="e" />
    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="Sign" /><bpmn:sequenceFlow id="f2" sourceRef="Sign" targetRef="e" />
  </bpmn:process>
</bpmn:definitions>`;

const task: OpenTask = { taskKey: 'Sign#1', elementId: 'Sign', candidateGroups: ['elus'], candidateUsers: [] };
const signature: SignatureRecord = {
  signatureId: 'sig-1',
  decision: 'approve',
  comment: '',
  signedPayload: '{}',
  payloadHash: '0'.repeat(64),
  signature: 'AA',
  keyFingerprint: 'f'.repeat(64),
  algorithm: 'ECDSA-P256-SHA256',
  signedAt: '2026-01-01T09:00:00.000Z',
};
const elue = { id: 'a1', displayName: 'Élodie Élue', groups: ['elus'] };
const adjoint = { id: 'a2', displayName: 'Denis Adjoint', groups: ['adjoints'] };

async function input(): Promise<RequestWorkflowInput> {
  const compiled = await compile(BPMN);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
  return { trackingCode: 'TEST-CODE-0001', ir: compiled.ir as ProcessIR, forms: {} } as unknown as RequestWorkflowInput;
}

const attempt = async (args: Partial<CompleteTaskArgs>, open: OpenTask = task) => {
  try {
    validateCompletion(await input(), new Map([[open.taskKey, open]]), {
      taskKey: open.taskKey,
      actor: elue,
      data: { decision: 'approve' },
      ...args,
    });
    return 'accepted';
  } catch (error) {
    return (error as { type?: string }).type;
  }
};

describe('the workflow refuses, before history, a completion of a signature step that is not signed as it should', () => {
  it('takes a signed decision from a member of the step’s group', async () => {
    expect(await attempt({ signature })).toBe('accepted');
  });

  it('refuses the step completed without a signature', async () => {
    expect(await attempt({})).toBe('SIGNATURE_REQUIRED');
  });

  it('refuses data whose decision is not the one signed', async () => {
    expect(await attempt({ signature, data: { decision: 'refuse' } })).toBe('SIGNATURE_INVALID');
  });

  it('takes a delegate’s signature only on behalf of someone entitled to the step', async () => {
    const onBehalfOf = { actor: elue, delegationId: 'd1' };
    expect(await attempt({ actor: adjoint, signature: { ...signature, onBehalfOf } })).toBe('accepted');
    expect(await attempt({ actor: adjoint, signature })).toBe('NOT_ALLOWED');
    expect(
      await attempt({
        actor: adjoint,
        signature: { ...signature, onBehalfOf: { actor: adjoint, delegationId: 'd2' } },
      }),
    ).toBe('NOT_ALLOWED');
  });

  it('takes a signed decision from an agent the step names, by id or by e-mail in any case, or from their delegate', async () => {
    const named: OpenTask = { ...task, candidateGroups: [], candidateUsers: ['Nadia.Viseuse@demoville.fr', 'a7'] };
    const nadia = { id: 'a6', displayName: 'Nadia Viseuse', groups: [], email: 'nadia.viseuse@demoville.fr' };
    const yves = { id: 'a7', displayName: 'Yves Signataire', groups: [], email: 'yves.signataire@demoville.fr' };
    expect(await attempt({ actor: nadia, signature }, named)).toBe('accepted');
    expect(await attempt({ actor: yves, signature }, named)).toBe('accepted');
    expect(await attempt({ actor: elue, signature }, named)).toBe('NOT_ALLOWED');
    const onBehalfOf = { actor: nadia, delegationId: 'd3' };
    expect(await attempt({ actor: adjoint, signature: { ...signature, onBehalfOf } }, named)).toBe('accepted');
  });
});

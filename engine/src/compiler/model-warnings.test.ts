import { describe, expect, it } from 'vitest';
import { bpmn, chain } from '../../test-fixtures/bpmn.ts';
import { externalJobQueue } from '../procedure/job-queues.ts';
import { compile } from './compile.ts';

const serviceTask = (id: string, type: string, name?: string) =>
  `<bpmn:serviceTask id="${id}"${name ? ` name="${name}"` : ''}><bpmn:extensionElements><zeebe:taskDefinition type="${type}" /></bpmn:extensionElements></bpmn:serviceTask>`;

describe('warnings: job types with no Parvis handler', () => {
  it('warns for each element whose job type Parvis does not run, naming the element and the queue', async () => {
    const result = await compile(
      bpmn(`
        <bpmn:startEvent id="start" />
        ${serviceTask('charge', 'creditCardCharging', 'Débiter la carte')}
        ${serviceTask('call', 'io.camunda:http-json:1')}
        ${serviceTask('mail', 'parvis:send-email')}
        <bpmn:endEvent id="end" />
        ${chain(['start', 'charge', 'call', 'mail', 'end'])}`),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const external = result.warnings.filter((w) => w.code === 'EXTERNAL_JOB_TYPE');
    expect(external.map((w) => w.elementId)).toEqual(['charge', 'call']);
    expect(external[0]).toMatchObject({ elementName: 'Débiter la carte', elementType: 'serviceTask' });
    expect(external[0]!.message).toContain('"parvis-jobs.creditCardCharging"');
    expect(external[0]!.message).toMatch(/^serviceTask "Débiter la carte" \(charge\): job type "creditCardCharging"/);
    expect(external[0]!.messageFr).toContain('« parvis-jobs.creditCardCharging »');
    expect(external[1]!.message).toContain('"parvis-jobs.io.camunda:http-json:1"');
  });

  it('says nothing of a model whose jobs Parvis runs', async () => {
    const result = await compile(
      bpmn(`
        <bpmn:startEvent id="start" />
        ${serviceTask('doc', 'parvis:document')}
        <bpmn:endEvent id="end" />
        ${chain(['start', 'doc', 'end'])}`),
    );
    expect(result.ok && result.warnings).toEqual([]);
  });
});

describe('externalJobQueue', () => {
  it('names the queue after the job type, per town if asked, with unsafe characters made safe', () => {
    expect(externalJobQueue('creditCardCharging')).toBe('parvis-jobs.creditCardCharging');
    expect(externalJobQueue('io.camunda:http-json:1')).toBe('parvis-jobs.io.camunda:http-json:1');
    expect(externalJobQueue('paiement carte/bleue')).toBe('parvis-jobs.paiement_carte_bleue');
    expect(externalJobQueue('creditCardCharging', 'demo')).toBe('parvis-jobs.demo.creditCardCharging');
  });
});

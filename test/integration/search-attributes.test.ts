import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deployProcedure } from '@parvis/graphql';
import { SEARCH_ATTRIBUTES } from '@parvis/workers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/graphql-client.ts';
import { type RunningParvis, startParvis } from '../support/parvis.ts';

// The request's deadline passes in seconds: alarms ring a million times faster than real time.
process.env.PARVIS_CLOCK_SCALE = '1000000';

const SUBMIT = `mutation ($procedure: String!, $data: JSON!) {
  submitRequest(municipality: "demo", procedure: $procedure, data: $data) { trackingCode } }`;

describe('operators find requests in Temporal by search attributes, payloads being encrypted', () => {
  let parvis: RunningParvis;

  beforeAll(async () => {
    parvis = await startParvis();
    const bpmn = await readFile(join(import.meta.dirname, '../fixtures/deadline-procedure.bpmn'), 'utf8');
    const title = { fr: 'Demande avec délai', en: 'Request with a deadline' };
    await deployProcedure(parvis.sql, 'demo', { key: 'deadline', title, bpmn, forms: {} }, 'test');
  });
  afterAll(async () => {
    delete process.env.PARVIS_CLOCK_SCALE;
    await parvis?.stop();
  });

  it("follows the request's deadline state as it changes, with nothing personal", async () => {
    // given a request of 2 business days nobody acts on
    const { submitRequest } = await parvis.client().data<{ submitRequest: { trackingCode: string } }>(SUBMIT, {
      procedure: 'deadline',
      data: { email: 'claire.searchable@example.fr' },
    });
    const code = submitRequest.trackingCode;
    await eventually(async () => {
      const [row] = await parvis.sql<
        { sla_state: string }[]
      >`select sla_state from requests where tracking_code = ${code}`;
      return row?.sla_state === 'breached' ? true : undefined;
    });

    // when an operator lists the town's breached requests
    const query = `ParvisTown = 'demo' AND ParvisDeadlineState = 'breached' AND ParvisTrackingCode = '${code}'`;
    const found = await eventually(async () => {
      for await (const execution of parvis.temporal.workflow.list({ query })) return execution;
      return undefined;
    });

    // then the request is there, by its tracking code, procedure and status, and nothing personal
    expect(found.workflowId).toBe(`request-${code}`);
    const attributes = found.typedSearchAttributes;
    const [version] = await parvis.sql<{ id: string }[]>`select ir->>'processId' as id from procedure_versions
      where municipality_id = 'demo' and procedure_key = 'deadline'`;
    expect(attributes.get(SEARCH_ATTRIBUTES.procedure)).toBe(version!.id);
    expect(attributes.get(SEARCH_ATTRIBUTES.status)).toEqual(expect.any(String));
    expect(JSON.stringify(found.searchAttributes)).not.toContain('claire');
  });
});

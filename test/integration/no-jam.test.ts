import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deployProcedure } from '@parvis/graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/graphql-client.ts';
import { type RunningParvis, startParvis } from '../support/parvis.ts';

// Issue 17, point 7 on Temporal: models validation cannot refuse — a loop through a script task with
// no wait state, a multi-instance over more items than the engine's limit — are deployed; their
// requests are stored and acknowledged, then stop on an incident agents see, and still answer.
const SUBMIT = `mutation ($procedure: String!, $data: JSON!) {
  submitRequest(municipality: "demo", procedure: $procedure, data: $data) { trackingCode } }`;
const MANAGER = `mutation { signIn(municipality: "demo", email: "manager@demoville.fr", password: "demo-manager") { id } }`;
const REQUEST = `query ($code: String!) { request(trackingCode: $code) { trackingCode status incidents { elementId code message } } }`;

interface Answer {
  request: { trackingCode: string; status: string; incidents: { elementId: string; code: string; message: string }[] };
}

describe('no model can jam a request (on Temporal)', () => {
  let parvis: RunningParvis;

  beforeAll(async () => {
    parvis = await startParvis();
    for (const key of ['jam-loop', 'jam-collection']) {
      const bpmn = await readFile(join(import.meta.dirname, `../fixtures/${key}.bpmn`), 'utf8');
      await deployProcedure(parvis.sql, 'demo', { key, title: { fr: key, en: key }, bpmn, forms: {} }, 'test');
    }
  });
  afterAll(async () => {
    await parvis?.stop();
  });

  it.each([
    ['a loop through a script task with no wait state', 'jam-loop', 'Enough', 'STEP_LIMIT', 'sami.loop@example.fr'],
    [
      'a multi-instance over 1,500 items (the limit is 1,000)',
      'jam-collection',
      'CheckLot',
      'COLLECTION_TOO_LARGE',
      'ines.lots@example.fr',
    ],
  ])(
    '%s: the request is stored and acknowledged, then shows an incident naming the element and the code',
    {
      timeout: 120_000,
    },
    async (_case, procedure, elementId, code, email) => {
      // when a citizen files a request of that procedure
      const { submitRequest } = await parvis.client().data<{ submitRequest: { trackingCode: string } }>(SUBMIT, {
        procedure,
        data: { email },
      });
      const trackingCode = submitRequest.trackingCode;

      // then it is stored
      const [stored] = await parvis.sql<{ status: string }[]>`
      select status from requests where tracking_code = ${trackingCode}`;
      expect(stored).toBeDefined();
      // and the citizen gets the acknowledgement
      const ack = await eventually(async () => parvis.smtp.messages().find((m) => m.to.includes(email)), 60_000);
      expect(ack.subject).toContain(trackingCode);
      // and agents see the incident, naming the element and the code, through request(trackingCode)
      const manager = parvis.client();
      await manager.data(MANAGER);
      const answer = await eventually(async () => {
        const { request } = await manager.data<Answer>(REQUEST, { code: trackingCode });
        return request.incidents.length > 0 ? request : undefined;
      }, 60_000);
      expect(answer.incidents).toEqual([expect.objectContaining({ elementId, code })]);
      expect(answer.incidents[0]!.message.length).toBeGreaterThan(20);
      // and the request stays open: it answers again, still not closed
      const again = await manager.data<Answer>(REQUEST, { code: trackingCode });
      expect(again.request.trackingCode).toBe(trackingCode);
      expect(again.request.status).not.toBe('closed');
      const [after] = await parvis.sql<{ status: string; closed_at: Date | null }[]>`
      select status, closed_at from requests where tracking_code = ${trackingCode}`;
      expect(after).toMatchObject({ status: again.request.status, closed_at: null });
    },
  );
});

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { addBusinessTime } from '@parvis/engine';
import { deployProcedure } from '@parvis/graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/graphql-client.ts';
import { type RunningParvis, startParvis } from '../support/parvis.ts';

const SUBMIT = `mutation ($procedure: String!, $data: JSON!) {
  submitRequest(municipality: "demo", procedure: $procedure, data: $data) { trackingCode } }`;

/** The day in Paris, `days` from now, as `YYYY-MM-DD`. */
const parisDay = (days: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date(Date.now() + days * 86_400_000));

describe('the town hall’s business calendar in the deadlines it gives', () => {
  let parvis: RunningParvis;

  beforeAll(async () => {
    parvis = await startParvis();
    const bpmn = await readFile(join(import.meta.dirname, '../fixtures/deadline-procedure.bpmn'), 'utf8');
    const title = { fr: 'Demande avec délai', en: 'Request with a deadline' };
    await deployProcedure(parvis.sql, 'demo', { key: 'deadline', title, bpmn, forms: {} }, 'test');
  });
  afterAll(async () => {
    await parvis?.stop();
  });

  it('does not count the days the town hall closes', async () => {
    // given the town hall closed for the coming week
    const closures = [1, 2, 3, 4, 5, 6, 7].map(parisDay);
    for (const day of closures)
      await parvis.sql`insert into municipality_closures (municipality_id, day, reason)
        values ('demo', ${day}, 'fermeture annuelle') on conflict do nothing`;

    // when a citizen files a request to be answered within 2 business days
    const { submitRequest } = await parvis.client().data<{ submitRequest: { trackingCode: string } }>(SUBMIT, {
      procedure: 'deadline',
      data: { email: 'luc@example.fr' },
    });

    // then its deadline falls 2 business days after the town hall opens again
    const row = await eventually(async () => {
      const [found] = await parvis.sql<{ submitted_at: Date; due_at: Date | null }[]>`
        select submitted_at, due_at from requests where tracking_code = ${submitRequest.trackingCode}`;
      return found?.due_at ? found : undefined;
    });
    const submitted = row.submitted_at.toISOString();
    const calendar = { timeZone: 'Europe/Paris', alsaceMoselle: false };
    expect(row.due_at!.toISOString()).toBe(addBusinessTime(submitted, { days: 2 }, { ...calendar, closures }));
    expect(row.due_at!.getTime()).toBeGreaterThan(
      Date.parse(addBusinessTime(submitted, { days: 2 }, { ...calendar, closures: [] })),
    );
    expect(row.due_at!.toISOString().slice(0, 10) > closures.at(-1)!).toBe(true);
  });
});

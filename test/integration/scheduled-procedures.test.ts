import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deployProcedure } from '@parvis/graphql';
import { syncProcedureSchedules } from '@parvis/workers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/graphql-client.ts';
import { type RunningParvis, startParvis } from '../support/parvis.ts';

/** Schedules started meanwhile ring a million times faster (a week lasts 0.6 s); their requests too. */
async function fastClock<T>(run: () => Promise<T>): Promise<T> {
  process.env.PARVIS_CLOCK_SCALE = '1000000';
  try {
    return await run();
  } finally {
    delete process.env.PARVIS_CLOCK_SCALE;
  }
}

describe('a procedure with a timer start event files its own requests', () => {
  let parvis: RunningParvis;

  beforeAll(async () => {
    parvis = await startParvis();
  });
  afterAll(() => parvis?.stop());

  const scheduled = () =>
    parvis.sql<{ tracking_code: string; channel: string }[]>`
      select r.tracking_code, r.channel from requests r join procedure_versions v on v.id = r.procedure_version_id
      where v.procedure_key = 'street-light-round' order by r.submitted_at`;

  it('files one request each time the cycle is due, as many times as it repeats, and keeps its schedule across restarts', async () => {
    // given a weekly round repeated three times (a week lasts 0.6 s here)
    const bpmn = await readFile(join(import.meta.dirname, '../fixtures/street-light-round-procedure.bpmn'), 'utf8');
    const title = { fr: "Tournée de l'éclairage public", en: 'Street light round' };
    await deployProcedure(parvis.sql, 'demo', { key: 'street-light-round', title, bpmn, forms: {} }, 'test');

    // when the worker keeps the schedules in line with the deployed procedures
    const started = await fastClock(() => syncProcedureSchedules(parvis.temporal, parvis.sql));
    expect(started).toEqual(['schedule-demo-street-light-round-EveryWeek']);

    // then three requests are filed on the `schedule` channel, each with its task open for the group
    const requests = await eventually(async () => {
      const rows = await scheduled();
      return rows.length === 3 ? rows : undefined;
    });
    expect(requests.every((r) => r.channel === 'schedule')).toBe(true);
    const tasks = await eventually(async () => {
      const rows = await parvis.sql`select t.name from tasks t join requests r on r.id = t.request_id
        where r.tracking_code in ${parvis.sql(requests.map((r) => r.tracking_code))} and t.status = 'open'`;
      return rows.length === 3 ? rows : undefined;
    });
    expect(tasks.map((t) => t.name)).toEqual(['Faire la tournée', 'Faire la tournée', 'Faire la tournée']);
    const handle = parvis.temporal.workflow.getHandle('schedule-demo-street-light-round-EveryWeek');
    expect(await handle.result()).toEqual({ filed: 3 });

    // and a worker starting again with the same version leaves the schedule as it is
    expect(await fastClock(() => syncProcedureSchedules(parvis.temporal, parvis.sql))).toEqual([]);
    expect(await scheduled()).toHaveLength(3);
  });
});

import { upsertMunicipality } from '@parvis/graphql';
import { migrate } from '@parvis/scripts';
import { seedDemo } from '@parvis/scripts/seed';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../support/database.ts';

// parvis_file_request (migration 136): the one way a request is filed, by the API's submissions
// (graphql/src/requests/submit.ts) and the worker's scheduled requests (workers/src/activities/started-request.ts).
interface Filed {
  id: string;
  tracking_code: string;
  workflow_id: string;
  submitted_at: Date;
  calendar: { timeZone: string } | null;
}

/** Runs `work` as the API does: role parvis_api, sealed to one municipality. */
const within = <T>(sql: postgres.Sql, municipalityId: string, work: (tx: postgres.TransactionSql) => Promise<T>) =>
  sql.begin(async (tx) => {
    await tx`select set_config('role', 'parvis_api', true), set_config('parvis.municipality', ${municipalityId}, true)`;
    return work(tx);
  }) as Promise<T>;

describe('filing a request: one definition for submissions and scheduled requests', () => {
  let database: Awaited<ReturnType<typeof testDatabase>>;
  let sql: postgres.Sql;
  let versionId: string;
  beforeAll(async () => {
    database = await testDatabase();
    sql = postgres(database.url, { onnotice: () => {} });
    await migrate(sql);
    await seedDemo(sql);
    const [version] = await sql<{ id: string }[]>`select id from procedure_versions
      where municipality_id = 'demo' and procedure_key = 'contact' order by version desc limit 1`;
    versionId = version!.id;
  });
  afterAll(async () => {
    await sql?.end();
    await database?.drop();
  });

  it('stores a submission under the tracking code drawn, names its workflow after it, and gives the town’s calendar', async () => {
    // when a web submission is filed in the town's sealed transaction, as the API does
    const [filed] = await within(
      sql,
      'demo',
      (tx) => tx<Filed[]>`select * from parvis_file_request('demo', ${versionId}, 'AAAA-BBBB-CCCC', 'web',
        ${tx.json({ message: 'Bonjour' })}, 'camille@example.org')`,
    );
    // then the request is there, its workflow named after its code, with the calendar its clocks need
    expect(filed).toMatchObject({ tracking_code: 'AAAA-BBBB-CCCC', workflow_id: 'request-AAAA-BBBB-CCCC' });
    expect(filed!.calendar?.timeZone).toBe('Europe/Paris');
    const [row] = await sql`select channel, data, citizen_email from requests where id = ${filed!.id}`;
    expect(row).toEqual({ channel: 'web', data: { message: 'Bonjour' }, citizen_email: 'camille@example.org' });
  });

  it('files a scheduled request once per key, however often its activity is retried', async () => {
    // when the worker files the same due start twice, each time with a fresh code
    const file = (code: string) => sql<Filed[]>`select * from parvis_file_request('demo', ${versionId}, ${code},
      'schedule', ${sql.json({})}, once_key => 'schedule:v:Start:2026-12-07T08:00:00Z')`;
    const [first] = await file('DDDD-EEEE-FFFF');
    const [again] = await file('GGGG-HHHH-JJJJ');
    // then one request is stored, and the retry answers it
    expect(again).toEqual(first);
    expect(first!.tracking_code).toBe('DDDD-EEEE-FFFF');
    const stored = await sql`select 1 from requests where schedule_key = 'schedule:v:Start:2026-12-07T08:00:00Z'`;
    expect(stored).toHaveLength(1);
  });

  it('refuses to file a request in another town than the transaction’s', async () => {
    // given the API sealed to another municipality
    await upsertMunicipality(sql, { id: 'bourg', name: 'Mairie de Bourg', contactEmail: 'mairie@bourg.fr' });
    // when it tries to file a request for demo, then row-level security refuses it and nothing is stored
    await expect(
      within(
        sql,
        'bourg',
        (tx) => tx`select * from parvis_file_request('demo', ${versionId}, 'KKKK-LLLL-MMMM', 'web', ${tx.json({})})`,
      ),
    ).rejects.toThrow(/row-level security/);
    expect(await sql`select 1 from requests where tracking_code = 'KKKK-LLLL-MMMM'`).toHaveLength(0);
  });
});

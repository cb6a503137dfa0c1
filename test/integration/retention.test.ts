import { deployProcedure, upsertMunicipality } from '@parvis/graphql';
import { loadShippedProcedures } from '@parvis/processes';
import { ensureRetentionSchedule, RETENTION_SCHEDULE_ID, type RetentionPurge, verifyTimeline } from '@parvis/workers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allClosed,
  answerTask,
  type FiledRequest,
  fileContactRequest,
  signInAccueil,
} from '../support/contact-requests.ts';
import { eventually, type GraphqlClient } from '../support/graphql-client.ts';
import { type RunningParvis, startParvis } from '../support/parvis.ts';

interface RequestRow {
  id: string;
  tracking_code: string;
  data: Record<string, unknown>;
  citizen_email: string | null;
  anonymised_at: Date | null;
  files: number;
  links: number;
  recipients: string[];
  keys: string[];
  /** whether the data key of its Temporal history is still there */
  data_key: boolean;
  timeline: string;
}

describe('retention: closed requests past their period are anonymised by a scheduled workflow', () => {
  let parvis: RunningParvis;
  let citizen: GraphqlClient;
  let agent: GraphqlClient;
  const filed: Record<'old' | 'recent' | 'yearOld' | 'open', FiledRequest> = {} as never;

  const row = async (request: FiledRequest) => {
    const [found] = await parvis.sql<
      RequestRow[]
    >`select r.id, r.tracking_code, r.data, r.citizen_email, r.anonymised_at,
        (select count(*)::int from stored_files f where f.request_id = r.id) as files,
        (select count(*)::int from tracking_links l where l.request_id = r.id) as links,
        array(select n.recipient from notifications n where n.request_id = r.id order by n.key) as recipients,
        array(select n.key from notifications n where n.request_id = r.id order by n.key) as keys,
        exists(select 1 from workflow_data_keys k where k.key_id = r.workflow_id and k.wrapped_key is not null) as data_key,
        (select string_agg(t.payload::text, ' ' order by t.position) from timeline_events t where t.request_id = r.id) as timeline
      from requests r where r.tracking_code = ${request.trackingCode}`;
    return found!;
  };
  const backDate = (request: FiledRequest, closedAgo: string | null, submittedAgo: string) =>
    parvis.sql`update requests set submitted_at = now() - ${submittedAgo}::interval,
        closed_at = case when ${closedAgo}::interval is null then null else now() - ${closedAgo}::interval end
      where tracking_code = ${request.trackingCode}`;
  const attachFile = (request: FiledRequest) =>
    parvis.sql`insert into stored_files (municipality_id, request_id, name, content_type, size, sha256, content)
      select municipality_id, id, 'photo.jpg', 'image/jpeg', 4, 'x', ${Buffer.from('JPEG')} from requests
      where tracking_code = ${request.trackingCode}`;
  const openTask = (request: FiledRequest) =>
    eventually(async () => {
      const [task] = await parvis.sql<{ id: string }[]>`select t.id from tasks t join requests r on r.id = t.request_id
        where r.tracking_code = ${request.trackingCode} and t.status = 'open'`;
      return task?.id;
    }, 60_000);
  /** Runs the schedule's action now and waits for that round's result. */
  const runRound = async (): Promise<RetentionPurge[]> => {
    const schedule = await ensureRetentionSchedule(parvis.temporal);
    const before = (await schedule.describe()).info.recentActions.length;
    await schedule.trigger();
    const action = await eventually(async () => (await schedule.describe()).info.recentActions[before]);
    const { purges } = await parvis.temporal.workflow
      .getHandle<() => Promise<{ purges: RetentionPurge[] }>>(action.action.workflow.workflowId)
      .result();
    return purges;
  };
  const records = () =>
    parvis.sql<
      {
        municipality_id: string;
        procedure_key: string;
        requests: number;
        policy: string;
        retention_months: number;
        retention_source: string;
      }[]
    >`
      select municipality_id, procedure_key, requests, policy, retention_months, retention_source
      from retention_purges order by id`;

  beforeAll(async () => {
    parvis = await startParvis();
    citizen = parvis.client();
    agent = parvis.client();
    await signInAccueil(agent);
    // given four contact requests filed and, but for one, answered and closed for real
    for (const label of ['old', 'recent', 'yearOld', 'open'] as const)
      filed[label] = await fileContactRequest(citizen, `retention-${label}`);
    const closing = [filed.old, filed.recent, filed.yearOld];
    for (const request of closing) await answerTask(agent, await openTask(request));
    await allClosed(parvis.sql, closing);
    // and the open one acknowledged (its tracking link and mail recorded), so it changes no more by itself
    await eventually(async () => {
      const open = await row(filed.open);
      return open.links > 0 && open.recipients.length > 0 ? open : undefined;
    }, 60_000);
    // and a photo sent with the oldest and with the open one
    await attachFile(filed.old);
    await attachFile(filed.open);
    // and their dates moved back: closed three years ago, a month ago, thirteen months ago; the
    // open one filed five years ago and never closed
    await backDate(filed.old, '3 years', '3 years 1 month');
    await backDate(filed.recent, '1 month', '2 months');
    await backDate(filed.yearOld, '13 months', '14 months');
    await backDate(filed.open, null, '5 years');
  });
  afterAll(() => parvis?.stop());

  it('anonymises the request closed past its procedure’s default period and records it; recent and open requests stay whole', async () => {
    const before = { recent: await row(filed.recent), yearOld: await row(filed.yearOld), open: await row(filed.open) };
    expect(before.open.files).toBe(1);

    // when the nightly round runs (contact is a report: 24 months by default)
    const purges = await runRound();

    // then the request closed three years ago keeps no personal data: form, address, photo, link, recipients
    expect(purges).toEqual([{ municipalityId: 'demo', procedureKey: 'contact', requests: 1, retentionMonths: 24 }]);
    const old = await row(filed.old);
    expect(old).toMatchObject({ data: { anonymised: true }, citizen_email: null, files: 0, links: 0 });
    expect(old.anonymised_at).toBeInstanceOf(Date);
    expect(old.recipients.length).toBeGreaterThan(0);
    expect(old.recipients.every((r) => r === '[anonymisé]')).toBe(true);
    // and its timeline no longer names them (who was told), its chain still holding
    expect(before.open.timeline).toContain(filed.open.email);
    expect(old.timeline).toContain('[anonymisé]');
    expect((await verifyTimeline(parvis.sql, old.id)).ok).toBe(true);
    // and the key of its Temporal history is destroyed: what Temporal keeps of it cannot be read
    expect(old.data_key).toBe(false);
    expect((await row(filed.recent)).data_key).toBe(true);
    expect(JSON.stringify(old)).not.toContain(filed.old.email);
    // and the ones closed a month and thirteen months ago, and the open one, are untouched
    expect(await row(filed.recent)).toEqual(before.recent);
    expect(await row(filed.yearOld)).toEqual(before.yearOld);
    expect(await row(filed.open)).toEqual(before.open);
    expect((await row(filed.open)).data.email).toBe(filed.open.email);
    // and the data-protection officer reads what went, without anyone's data
    expect(await records()).toEqual([
      {
        municipality_id: 'demo',
        procedure_key: 'contact',
        requests: 1,
        policy: 'anonymise',
        retention_months: 24,
        retention_source: 'report',
      },
    ]);
  });

  it('changes nothing more on a second round', async () => {
    const before = await Promise.all(Object.values(filed).map(row));
    // when the round runs again
    const purges = await runRound();
    // then nothing is anonymised, nothing recorded
    expect(purges).toEqual([]);
    expect(await Promise.all(Object.values(filed).map(row))).toEqual(before);
    expect(await records()).toHaveLength(1);
  });

  it('applies the period the town set: twelve months take the request closed thirteen months ago', async () => {
    // given the town's administrator shortened contact's period to twelve months
    await parvis.sql`update procedures set retention_months = 12 where municipality_id = 'demo' and key = 'contact'`;
    // when the round runs
    const purges = await runRound();
    // then the request closed thirteen months ago is anonymised, the one closed a month ago is not
    expect(purges).toEqual([{ municipalityId: 'demo', procedureKey: 'contact', requests: 1, retentionMonths: 12 }]);
    expect((await row(filed.yearOld)).data).toEqual({ anonymised: true });
    expect((await row(filed.recent)).data.email).toBe(filed.recent.email);
    expect((await records()).at(-1)).toMatchObject({ requests: 1, retention_months: 12, retention_source: 'town' });
    // and one schedule exists, however many times a worker starts
    const ids: string[] = [];
    for await (const listed of parvis.temporal.schedule.list()) ids.push(listed.scheduleId);
    expect(ids.filter((id) => id === RETENTION_SCHEDULE_ID)).toHaveLength(1);
  });
  it('keeps a decision five years by default, and sweeps every town, each with its own record', async () => {
    // given two permits of the demo town closed three and six years ago (occupation of the public
    // domain: silence means acceptance, so a decision)
    const closedAgo = async (town: string, procedure: string, code: string, ago: string) => {
      const [version] = await parvis.sql<{ id: string }[]>`select id from procedure_versions
        where municipality_id = ${town} and procedure_key = ${procedure} order by version desc limit 1`;
      await parvis.sql`insert into requests (municipality_id, tracking_code, procedure_version_id, channel, data,
          citizen_email, workflow_id, status, submitted_at, closed_at)
        values (${town}, ${code}, ${version!.id}, 'web', ${parvis.sql.json({ nomDemandeur: 'Paul Terrasse' })},
          'paul@example.fr', ${`wf-${code}`}, 'closed', now() - ${ago}::interval - interval '1 month', now() - ${ago}::interval)`;
    };
    await closedAgo('demo', 'occupation-domaine-public', 'TEST-RETN-0003', '3 years');
    await closedAgo('demo', 'occupation-domaine-public', 'TEST-RETN-0006', '6 years');
    // and, in another town, a contact request closed three years ago
    await upsertMunicipality(parvis.sql, {
      id: 'quiet-town',
      name: 'Mairie de Quiet',
      contactEmail: 'mairie@quiet.fr',
    });
    const [contact] = (await loadShippedProcedures()).filter((p) => p.key === 'contact');
    await deployProcedure(parvis.sql, 'quiet-town', contact!, 'test');
    await closedAgo('quiet-town', 'contact', 'TEST-RETN-QUIET', '3 years');

    // when the round runs
    const purges = await runRound();

    // then the permit closed six years ago is anonymised, the one closed three years ago is kept
    expect(purges).toEqual([
      { municipalityId: 'demo', procedureKey: 'occupation-domaine-public', requests: 1, retentionMonths: 60 },
      { municipalityId: 'quiet-town', procedureKey: 'contact', requests: 1, retentionMonths: 24 },
    ]);
    const data = async (code: string) =>
      (await parvis.sql<{ data: unknown }[]>`select data from requests where tracking_code = ${code}`)[0]!.data;
    expect(await data('TEST-RETN-0006')).toEqual({ anonymised: true });
    expect(await data('TEST-RETN-0003')).toEqual({ nomDemandeur: 'Paul Terrasse' });
    expect(await data('TEST-RETN-QUIET')).toEqual({ anonymised: true });
    // and each town's record is its own
    expect((await records()).slice(-2)).toMatchObject([
      {
        municipality_id: 'demo',
        procedure_key: 'occupation-domaine-public',
        retention_months: 60,
        retention_source: 'decision',
      },
      { municipality_id: 'quiet-town', procedure_key: 'contact', retention_months: 24, retention_source: 'report' },
    ]);
  });
});

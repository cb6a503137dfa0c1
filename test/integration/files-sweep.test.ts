import { upsertMunicipality } from '@parvis/graphql';
import { ensureUploadsSweepSchedule, TASK_QUEUE, UPLOADS_SWEEP_SCHEDULE_ID } from '@parvis/workers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/graphql-client.ts';
import { type RunningParvis, startParvis } from '../support/parvis.ts';

describe('the sweep, every ten minutes, of uploads never attached to a request', () => {
  let parvis: RunningParvis;

  beforeAll(async () => {
    parvis = await startParvis();
    await upsertMunicipality(parvis.sql, {
      id: 'quiet-town',
      name: 'Mairie de Quiet',
      contactEmail: 'mairie@quiet.fr',
    });
  });
  afterAll(() => parvis?.stop());

  const file = async (municipalityId: string, name: string, age: string, requestId: string | null = null) => {
    const [row] = await parvis.sql<{ id: string }[]>`
      insert into stored_files (municipality_id, request_id, name, content_type, size, sha256, content, uploaded_at)
      values (${municipalityId}, ${requestId}, ${name}, 'application/pdf', 4, 'x', ${Buffer.from('%PDF')},
        now() - ${age}::interval)
      returning id`;
    return row!.id;
  };

  it('deletes, in a municipality that gets no other upload, a file left unattached for an hour; attached and recent files stay', async () => {
    // given a quiet municipality's upload forgotten an hour ago and one chosen half an hour ago
    const forgotten = await file('quiet-town', 'oublie.pdf', '61 minutes');
    const recent = await file('quiet-town', 'recent.pdf', '30 minutes');
    // and, in another municipality, a file sent with a request yesterday
    const [version] = await parvis.sql<{ id: string }[]>`
      select id from procedure_versions where municipality_id = 'demo' and procedure_key = 'contact' limit 1`;
    const [request] = await parvis.sql<{ id: string }[]>`
      insert into requests (municipality_id, tracking_code, procedure_version_id, channel, data, workflow_id)
      values ('demo', 'TEST-SWEEP-0001', ${version!.id}, 'web', ${parvis.sql.json({})}, 'wf-sweep')
      returning id`;
    const attached = await file('demo', 'joint.pdf', '25 hours', request!.id);

    // and the hourly schedule an earlier version of the worker left in the cluster
    await parvis.temporal.schedule.create({
      scheduleId: UPLOADS_SWEEP_SCHEDULE_ID,
      spec: { intervals: [{ every: '1 hour' }] },
      action: {
        type: 'startWorkflow',
        workflowType: 'unattachedUploadsSweepWorkflow',
        taskQueue: TASK_QUEUE,
        args: [],
      },
    });

    // when the worker starts, then the schedule runs every ten minutes
    const schedule = await ensureUploadsSweepSchedule(parvis.temporal);
    expect((await schedule.describe()).spec.intervals).toMatchObject([{ every: 600_000 }]);
    // and when it runs a round
    await schedule.trigger();

    // then the forgotten upload is gone, the recent one and the attached one stay
    const left = await eventually(async () => {
      const rows = await parvis.sql<{ id: string }[]>`select id from stored_files
        where id in (${forgotten}, ${recent}, ${attached})`;
      return rows.length === 2 ? rows : undefined;
    });
    expect(left.map((row) => row.id).sort()).toEqual([recent, attached].sort());
    // and a worker starting again keeps the one schedule
    await ensureUploadsSweepSchedule(parvis.temporal);
    const schedules: string[] = [];
    for await (const listed of parvis.temporal.schedule.list()) schedules.push(listed.scheduleId);
    expect(schedules.filter((id) => id === 'sweep-unattached-uploads')).toHaveLength(1);
  });
});

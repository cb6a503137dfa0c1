// The request workflow tested as a workflow: the real workflow code on a real Temporal dev server,
// its activities replaced by stubs that record what they are asked. Temporal's time-skipping test
// server cannot be had here (it is downloaded from outside npm), so alarms ring faster through the
// workflow's tuning memo, as in every other test.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DryRunSession } from '@parvis/designer';
import { compile, type ProcessIR } from '@parvis/engine';
import { provideTemporal, type TemporalService } from '@parvis/scripts';
import {
  completeTaskUpdate,
  type RequestWorkflowInput,
  type StepProjection,
  snapshotQuery,
  tuningInterceptor,
  type WorkflowTuning,
} from '@parvis/workers';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/graphql-client.ts';

const workflowsPath = fileURLToPath(
  import.meta.resolve('@parvis/workers').replace(/index\.ts$/, 'src/workflows/index.ts'),
);
const TASK_QUEUE = 'request-workflow-tests';
const CONTACT = readFileSync(join(import.meta.dirname, '../../processes/contact/contact.bpmn'), 'utf8');
const CALENDAR = { timeZone: 'Europe/Paris', alsaceMoselle: false, closures: [] };
const AGENT = { id: 'agent-1', displayName: 'Agnès Accueil', groups: ['accueil'] };

/** The contact procedure with extra zeebe:properties on its process (an SLA, say). */
async function contact(properties: Record<string, string> = {}): Promise<ProcessIR> {
  const written = Object.entries(properties)
    .map(([name, value]) => `<zeebe:property name="${name}" value="${value}" />`)
    .join('');
  const xml = CONTACT.replace(
    '<bpmn:process id="contact" name="Contacter la mairie" isExecutable="true">',
    `$&<bpmn:extensionElements><zeebe:properties>${written}</zeebe:properties></bpmn:extensionElements>`,
  );
  const compiled = await compile(xml);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
  return compiled.ir;
}

/** What the stub activities were asked, per request. */
interface Recorded {
  steps: StepProjection[];
  notices: { event: string; audience: unknown }[];
}

describe('the request workflow, with stub activities', () => {
  let temporal: TemporalService;
  let worker: Worker;
  let running: Promise<void>;
  let client: Client;
  let tuning: WorkflowTuning = {};
  const recorded = new Map<string, Recorded>();
  const of = (requestId: string) => {
    if (!recorded.has(requestId)) recorded.set(requestId, { steps: [], notices: [] });
    return recorded.get(requestId)!;
  };

  beforeAll(async () => {
    temporal = await provideTemporal();
    const stubs = {
      async recordStep(input: {
        projection?: StepProjection;
        notifications: { requestId: string; event: string; audience: unknown }[];
        told: { requestId: string };
      }) {
        const request = of(input.told.requestId);
        if (input.projection) request.steps.push(input.projection);
        request.notices.push(...input.notifications.map(({ event, audience }) => ({ event, audience })));
      },
      async runJob(job: { jobType: string; variables: Record<string, unknown> }) {
        return { checked: job.jobType === 'check' };
      },
    };
    worker = await Worker.create({
      connection: await NativeConnection.connect({ address: temporal.address }),
      namespace: temporal.namespace,
      taskQueue: TASK_QUEUE,
      workflowsPath,
      activities: stubs,
    });
    running = worker.run();
    client = new Client({
      connection: await Connection.connect({ address: temporal.address }),
      namespace: temporal.namespace,
      interceptors: { workflow: [tuningInterceptor(() => tuning)] },
    });
  }, 120_000);

  afterAll(async () => {
    worker?.shutdown();
    await running;
    await temporal?.stop();
  });

  let count = 0;
  async function startRequest(ir: ProcessIR, submittedAt = new Date().toISOString()) {
    const requestId = `request-${++count}`;
    const input: RequestWorkflowInput = {
      requestId,
      municipalityId: 'town-1',
      trackingCode: `TEST-0000-${String(count).padStart(4, '0')}`,
      submittedAt,
      citizen: { email: 'lea@example.fr' },
      procedureTitle: { fr: 'Contacter la mairie', en: 'Contact the town hall' },
      ir,
      forms: {},
      texts: {},
      calendar: CALENDAR,
      variables: { email: 'lea@example.fr' },
    };
    const handle = await client.workflow.start('requestWorkflow', {
      taskQueue: TASK_QUEUE,
      workflowId: `workflow-test-${requestId}`,
      args: [input],
    });
    return { requestId, handle, submittedAt };
  }
  const timelineOf = (requestId: string) => of(requestId).steps.flatMap((step) => step.timeline.map((e) => e.kind));
  const openTaskOf = (requestId: string) =>
    eventually(async () => of(requestId).steps.flatMap((step) => step.openedTasks)[0]);

  it('routes a request: its task opens for its group, the agent completes it, the request closes', async () => {
    tuning = {};
    const { requestId, handle } = await startRequest(await contact());
    // the first step says it is submitted, acknowledges it and opens the task for the group
    const task = await openTaskOf(requestId);
    expect(task).toMatchObject({ elementId: 'Answer', candidateGroups: ['accueil'] });
    expect(of(requestId).notices.map((n) => n.event)).toEqual(['acknowledgement', 'taskOpened']);
    // when the agent completes it
    await handle.executeUpdate(completeTaskUpdate, {
      args: [{ taskKey: task.taskKey, actor: AGENT, data: { answer: 'Ouvert le samedi.' } }],
    });
    // then the request ends completed with the answer, and the last step closes the task
    expect(await handle.result()).toMatchObject({ status: 'completed', variables: { answer: 'Ouvert le samedi.' } });
    const last = of(requestId).steps.at(-1)!;
    expect(last.closedTasks).toEqual([{ taskKey: task.taskKey, status: 'completed', completedBy: 'Agnès Accueil' }]);
    expect(last.request).toMatchObject({ status: 'closed' });
    expect(timelineOf(requestId)).toEqual(['submitted', 'taskOpened', 'taskCompleted', 'closed']);
  });

  it('refuses a completion of a task that is not open, naming it, and records nothing for it', async () => {
    tuning = {};
    const { requestId, handle } = await startRequest(await contact());
    await openTaskOf(requestId);
    const steps = of(requestId).steps.length;
    await expect(
      handle.executeUpdate(completeTaskUpdate, { args: [{ taskKey: 'Nothing#9', actor: AGENT, data: {} }] }),
    ).rejects.toMatchObject({ cause: { type: 'TASK_NOT_OPEN', message: expect.stringMatching(/Nothing#9/) } });
    expect(of(requestId).steps.length).toBe(steps);
    await handle.terminate('test over');
  });

  it('takes one of two completions of the same task sent at once; the other is refused (issue 18’s open defect)', async () => {
    tuning = {};
    const { requestId, handle } = await startRequest(await contact());
    const task = await openTaskOf(requestId);
    const complete = (answer: string) =>
      handle.executeUpdate(completeTaskUpdate, { args: [{ taskKey: task.taskKey, actor: AGENT, data: { answer } }] });
    const outcomes = await Promise.allSettled([complete('premier'), complete('second')]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ cause: { type: 'TASK_NOT_OPEN' } });
    await handle.result();
    expect(timelineOf(requestId).filter((kind) => kind === 'taskCompleted')).toHaveLength(1);
  });

  it('a request whose first step the engine cannot run is still acknowledged, holds an incident, and answers queries', async () => {
    tuning = {};
    // given a compiled procedure broken after compilation: its start event leads to a flow that does not exist
    const ir = await contact();
    const elements = ir.elements as Record<string, { outgoing?: string[] }>;
    for (const element of Object.values(elements))
      if (element.outgoing?.includes('Flow_ToAnswer')) element.outgoing = ['no-such-flow'];
    const { requestId, handle } = await startRequest(ir);
    // then its first step is recorded: acknowledged, with an incident naming the process
    await eventually(async () => (timelineOf(requestId).includes('incident') ? true : undefined));
    expect(timelineOf(requestId)).toEqual(['submitted', 'incident']);
    expect(of(requestId).notices.map((n) => n.event)).toEqual(['acknowledgement']);
    // and the live query answers with the incident agents see
    const snapshot = await handle.query(snapshotQuery);
    expect(snapshot).toMatchObject({ status: 'active', incidents: [{ code: 'ENGINE_FAILURE', elementId: 'contact' }] });
    await handle.terminate('test over');
  });

  it('rings the SLA clock on its timers, and records the same timeline as the designer’s dry run', async () => {
    // given a 5-business-day SLA and alarms a million times faster (a week in 0.6 s)
    tuning = { clockScale: 1_000_000 };
    const ir = await contact({ 'sla.businessDays': '5' });
    const { requestId, handle, submittedAt } = await startRequest(ir);
    // when nobody acts until the deadline has passed
    await eventually(async () => (timelineOf(requestId).includes('slaBreached') ? true : undefined));
    const task = await openTaskOf(requestId);
    // then the group was reminded and its managers alerted
    expect(of(requestId).notices.map((n) => n.event)).toEqual([
      'acknowledgement',
      'taskOpened',
      'slaReminder',
      'slaBreached',
    ]);
    expect(of(requestId).notices.at(-1)?.audience).toEqual({ managersOf: ['accueil'] });
    // and when the agent then answers, the request closes
    await handle.executeUpdate(completeTaskUpdate, { args: [{ taskKey: task.taskKey, actor: AGENT, data: {} }] });
    await handle.result();

    // and the dry run, given the same events — time passing beyond the deadline, then the answer —
    // records the same timeline
    const dryRun = new DryRunSession(ir, { email: 'lea@example.fr' }, submittedAt);
    dryRun.wait(new Date(Date.parse(submittedAt) + 30 * 86_400_000).toISOString());
    dryRun.answer(dryRun.open[0]!.id);
    expect(timelineOf(requestId)).toEqual(dryRun.timeline.map((entry) => entry.kind));
    expect(timelineOf(requestId)).toEqual([
      'submitted',
      'taskOpened',
      'slaAtRisk',
      'slaBreached',
      'taskCompleted',
      'closed',
    ]);
  });

  it('continues as new past its history limit, keeping its open task, its clocks and its step numbers', async () => {
    // given requests that continue as new past 8 history events, and SLA alarms that ring a million times faster
    tuning = { historyLimit: 8, clockScale: 1_000_000 };
    const { requestId, handle } = await startRequest(await contact({ 'sla.businessDays': '5' }));
    const task = await openTaskOf(requestId);
    const firstRun = (await handle.describe()).runId;
    // when the SLA's alarms have lengthened its history, it continues as new, and its clock keeps ringing there
    await eventually(async () => ((await handle.describe()).runId !== firstRun ? true : undefined));
    await eventually(async () => (timelineOf(requestId).includes('slaBreached') ? true : undefined));
    // then the new run knows the task: the agent completes it and the request closes
    await client.workflow
      .getHandle(handle.workflowId)
      .executeUpdate(completeTaskUpdate, { args: [{ taskKey: task.taskKey, actor: AGENT, data: {} }] });
    expect(await client.workflow.getHandle(handle.workflowId).result()).toMatchObject({ status: 'completed' });
    // with its steps numbered on from the first run's, none twice
    const seqs = of(requestId).steps.map((step) => step.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(timelineOf(requestId)).toEqual([
      'submitted',
      'taskOpened',
      'slaAtRisk',
      'slaBreached',
      'taskCompleted',
      'closed',
    ]);
  });
});

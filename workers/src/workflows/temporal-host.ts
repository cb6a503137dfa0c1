// Sandbox-safe: the lifecycle's host on Temporal — alarms are durable sleeps, jobs activities,
// call activities child workflows. What they answer comes back as wake-ups in the request's inbox.
import type { LifecycleHost, Variables, Wakeup } from '@parvis/engine/runtime';
import { CancellationScope, executeChild, patched, proxyActivities, sleep, workflowInfo } from '@temporalio/workflow';
import type { BufferedMessage } from '../activities/messages/types.ts';
import { BPMN_ERROR } from '../jobs/bpmn-error.ts';
import { EXTERNAL_JOB_ACTIVITY, jobRoute } from '../jobs/external-queue.ts';
import { REQUEST_WORKFLOW_TASK_TIMEOUT, type RequestWorkflowInput, type WorkflowTuning } from '../messages.ts';
import { io } from './request-activities.ts';

/**
 * Requests since this marker take part in their town's messages and signals: their message waits
 * are recorded (and served from the buffer), their throw events publish and broadcast. Before it,
 * the workflow dropped `publishMessage` and `throwSignal`; histories without it replay as they ran.
 */
const MESSAGES_BETWEEN_REQUESTS = 'messages-between-requests';

/**
 * Jobs of a type Parvis does not run go, since this marker, to the task queue named after their type
 * where an external worker takes them; before it they ran as `runJob`, which made them incidents.
 */
const EXTERNAL_JOB_WORKERS = 'external-job-workers';

/**
 * External jobs scheduled since this marker carry an activity id the payload codec knows
 * (EXTERNAL_JOB_ACTIVITY): their input and result go in clear, the external worker having no key.
 */
const EXTERNAL_JOBS_IN_CLEAR = 'external-jobs-in-clear';

export interface TemporalHost extends LifecycleHost {
  /** call activities running: the request continues as new only when none does */
  readonly callsRunning: () => number;
  /** Resolves once the messages and signals it threw are published: a run must not end before. */
  readonly published: () => Promise<unknown>;
}

/**
 * `deliver` queues a wake-up; `now` is the workflow's deterministic clock. `run` is the workflow
 * function itself, which a call activity's child runs.
 */
export function temporalHost(
  input: RequestWorkflowInput,
  tuning: WorkflowTuning,
  deliver: (wakeup: Wakeup) => void,
  now: () => string,
  run: (input: RequestWorkflowInput) => Promise<{ status: string; variables: Variables }>,
  /** a message the town's buffer kept for a wait that just opened */
  buffered: (subscriptionId: string, message: BufferedMessage) => void,
): TemporalHost {
  const alarms = new Map<string, CancellationScope>();
  const jobs = new Map<string, CancellationScope>();
  const calls = new Map<string, CancellationScope>();
  const publications = new Set<Promise<unknown>>();
  /** A publication runs beside the request, retried until Temporal and PostgreSQL take it. */
  const publish = (publication: Promise<unknown>) => {
    const running = publication.catch(ignore).finally(() => publications.delete(running));
    publications.add(running);
  };
  const engineEvent = (event: Extract<Wakeup, { kind: 'engine' }>['event']) => deliver({ kind: 'engine', event });

  const clearAlarm = (id: string) => {
    alarms.get(id)?.cancel();
    alarms.delete(id);
  };

  return {
    callsRunning: () => calls.size,
    published: () => Promise.all(publications),

    setAlarm(id, at, wakeup) {
      alarms.get(id)?.cancel();
      const alarm = new CancellationScope();
      alarms.set(id, alarm);
      alarm
        .run(() => sleep(Math.max(0, Date.parse(at) - Date.now()) / (tuning.clockScale ?? 1)))
        .then(
          () => {
            alarms.delete(id);
            deliver(wakeup);
          },
          () => {}, // cancelled
        );
    },
    clearAlarm,
    clearAlarms() {
      for (const id of [...alarms.keys()]) clearAlarm(id);
    },

    runJob(command) {
      const jobScope = new CancellationScope();
      jobs.set(command.jobId, jobScope);
      const route = jobRoute(command.jobType);
      const external = route.taskQueue !== undefined && patched(EXTERNAL_JOB_WORKERS);
      const inClear = external && patched(EXTERNAL_JOBS_IN_CLEAR);
      const worker = proxyActivities<Record<string, (job: object) => Promise<Variables>>>({
        ...(external ? { taskQueue: route.taskQueue } : {}),
        ...(inClear ? { activityId: `${EXTERNAL_JOB_ACTIVITY}${command.jobId}` } : {}),
        startToCloseTimeout: '5 minutes',
        retry: { maximumAttempts: Math.max(1, command.retries), initialInterval: '1 second' },
      });
      const activity = worker[external ? route.activity : 'runJob']!;
      jobScope
        .run(() => activity({ requestId: input.requestId, municipalityId: input.municipalityId, ...command }))
        .then(
          (variables) => engineEvent({ type: 'jobCompleted', jobId: command.jobId, variables, time: now() }),
          (error: unknown) => {
            if (jobScope.consideredCancelled) return;
            const failure = error as {
              cause?: { type?: string; message?: string; details?: unknown[] };
              message?: string;
            };
            // Only a job that throws a BPMN error on purpose takes the model's error path; any other failure is an incident.
            const bpmnError =
              failure.cause?.type === BPMN_ERROR ? (failure.cause.details?.[0] as { errorCode?: string }) : undefined;
            engineEvent({
              type: 'jobFailed',
              jobId: command.jobId,
              message: failure.cause?.message ?? failure.message ?? String(error),
              errorCode: bpmnError?.errorCode,
              time: now(),
            });
          },
        )
        .finally(() => jobs.delete(command.jobId));
    },
    cancelJob: (jobId) => jobs.get(jobId)?.cancel(),

    /** A call activity runs the called procedure's latest version as a child workflow of this one. */
    startCall(command, scope) {
      const callScope = new CancellationScope();
      calls.set(command.callId, callScope);
      callScope
        .run(async () => {
          const called = await io.loadCalledProcedure({
            municipalityId: input.municipalityId,
            processId: command.processId,
          });
          return executeChild(run, {
            workflowId: `${workflowInfo().workflowId}/${command.callId}`,
            workflowTaskTimeout: REQUEST_WORKFLOW_TASK_TIMEOUT,
            memo: workflowInfo().memo,
            args: [
              {
                ...input,
                ir: called.ir,
                forms: called.forms,
                texts: called.texts,
                procedureTitle: called.title,
                variables: command.variables,
                resume: undefined,
                child: { callId: command.callId, scope },
              },
            ],
          });
        })
        .then(
          (result) =>
            engineEvent({ type: 'callCompleted', callId: command.callId, variables: result.variables, time: now() }),
          (error: unknown) => {
            if (callScope.consideredCancelled) return;
            const failure = error as {
              cause?: { type?: string; details?: unknown[]; message?: string; cause?: { message?: string } };
              message?: string;
            };
            const message = failure.cause?.cause?.message ?? failure.cause?.message ?? failure.message ?? String(error);
            // A BPMN error the called process did not catch goes on in the caller, where a boundary may catch it.
            const bpmnError =
              failure.cause?.type === BPMN_ERROR ? (failure.cause.details?.[0] as { errorCode?: string }) : undefined;
            engineEvent({
              type: 'callFailed',
              callId: command.callId,
              message,
              errorCode: bpmnError?.errorCode,
              time: now(),
            });
          },
        )
        .finally(() => calls.delete(command.callId));
    },
    cancelCall: (callId) => calls.get(callId)?.cancel(),

    // Messages between the requests of a town: what a publication reaches is the other requests' business.
    messageAwaited(wait) {
      if (!patched(MESSAGES_BETWEEN_REQUESTS)) return;
      const { requestId, municipalityId } = input;
      io.openSubscription({ requestId, municipalityId, ...wait }).then((message) => {
        if (message) buffered(wait.subscriptionId, message);
      }, ignore);
    },
    messageNoLongerAwaited(wait) {
      if (patched(MESSAGES_BETWEEN_REQUESTS))
        io.closeSubscription({ subscriptionId: wait.subscriptionId }).catch(ignore);
    },
    publishMessage(command) {
      if (!patched(MESSAGES_BETWEEN_REQUESTS)) return;
      publish(
        io.publishMessage({
          municipalityId: input.municipalityId,
          messageName: command.messageName,
          correlationKey: command.correlationKey,
          variables: command.variables,
          from: input.trackingCode,
          fromRequestId: input.requestId,
        }),
      );
    },
    throwSignal(command) {
      if (!patched(MESSAGES_BETWEEN_REQUESTS)) return;
      publish(
        io.broadcastSignal({
          municipalityId: input.municipalityId,
          signalName: command.signalName,
          variables: command.variables,
          from: input.trackingCode,
          fromRequestId: input.requestId,
        }),
      );
    },
  };
}

/** Activities retried until they succeed fail only when the request ends first (cancelled). */
const ignore = () => {};

// Sandbox-safe: the contact procedure written by hand as a plain Temporal workflow, no engine.
// It runs the very activities the request workflow runs to reach the same point — the request
// recorded, the citizen acknowledged, the group told, the task open — so that the benchmark's
// ratio is the cost of interpreting the procedure, not of the I/O.

import type { createActivities } from '@parvis/workers';
import { condition, defineSignal, proxyLocalActivities, setHandler } from '@temporalio/workflow';

type RequestActivities = ReturnType<typeof createActivities>;
type NotifyInput = Parameters<RequestActivities['recordStep']>[0]['notifications'][number];

// A local activity, as the request workflow records its first step.
const io = proxyLocalActivities<RequestActivities>({
  scheduleToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '10 seconds', backoffCoefficient: 2, maximumAttempts: 8 },
});

export interface BareContactInput {
  requestId: string;
  municipalityId: string;
  trackingCode: string;
  email: string;
  procedureTitle: { fr: string; en: string };
}

export const answeredSignal = defineSignal('answered');

export async function bareContactWorkflow(input: BareContactInput): Promise<void> {
  const at = () => new Date().toISOString();
  const { requestId, municipalityId } = input;
  const facts = { trackingCode: input.trackingCode, procedureTitle: input.procedureTitle, receivedAt: at() };
  let answered = false;
  setHandler(answeredSignal, () => {
    answered = true;
  });
  const task = {
    taskKey: 'Answer#1',
    elementId: 'Answer',
    name: 'Répondre',
    candidateGroups: ['accueil'],
    candidateUsers: [],
    formId: 'contact-answer',
  };
  const notifications: NotifyInput[] = [
    {
      requestId,
      municipalityId,
      key: 'acknowledgement',
      event: 'acknowledgement',
      audience: { citizen: { email: input.email } },
      facts: { ...facts, citizenEmail: input.email },
    },
    {
      requestId,
      municipalityId,
      key: `taskOpened:${task.taskKey}`,
      event: 'taskOpened',
      audience: { groups: task.candidateGroups },
      facts: { ...facts, task: task.name, groups: task.candidateGroups },
    },
  ];
  await io.recordStep({
    projection: {
      requestId,
      municipalityId,
      seq: 1,
      at: at(),
      request: { status: 'inProgress', silenceRegime: 'none' },
      openedTasks: [task],
      closedTasks: [],
      timeline: [
        { kind: 'submitted', payload: { procedure: input.procedureTitle.fr, trackingCode: input.trackingCode } },
        { kind: 'taskOpened', payload: { taskKey: task.taskKey, name: task.name, groups: task.candidateGroups } },
      ],
    },
    notifications,
    told: { requestId, municipalityId, seq: 2, at: at() },
  });
  await condition(() => answered);
}

/** Nothing at all: what Temporal and a worker spend on a workflow before it does anything. */
export async function emptyWorkflow(): Promise<void> {}

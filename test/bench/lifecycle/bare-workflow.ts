// Sandbox-safe: the contact procedure written by hand as a plain Temporal workflow, no engine.
// It runs the very activities the request workflow runs to reach the same point — the request
// recorded, the citizen acknowledged, the group told, the task open — so that the benchmark's
// ratio is the cost of interpreting the procedure, not of the I/O.

import type { createActivities } from '@parvis/workers';
import { condition, defineSignal, proxyActivities, setHandler } from '@temporalio/workflow';

type RequestActivities = ReturnType<typeof createActivities>;
type NotifyInput = Parameters<RequestActivities['notify']>[0];

const io = proxyActivities<RequestActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds', backoffCoefficient: 2 },
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
  const told = (notice: NotifyInput) => io.notify(notice);

  await io.projectStep({
    requestId,
    municipalityId,
    seq: 1,
    at: at(),
    request: { status: 'submitted', silenceRegime: 'none' },
    openedTasks: [],
    closedTasks: [],
    timeline: [
      { kind: 'submitted', payload: { procedure: input.procedureTitle.fr, trackingCode: input.trackingCode } },
    ],
  });
  const acknowledged = await told({
    requestId,
    municipalityId,
    key: 'acknowledgement',
    event: 'acknowledgement',
    audience: { citizen: { email: input.email } },
    facts: { ...facts, citizenEmail: input.email },
  });
  const task = {
    taskKey: 'Answer#1',
    elementId: 'Answer',
    name: 'Répondre',
    candidateGroups: ['accueil'],
    candidateUsers: [],
    formId: 'contact-answer',
  };
  const notified = await told({
    requestId,
    municipalityId,
    key: `taskOpened:${task.taskKey}`,
    event: 'taskOpened',
    audience: { groups: task.candidateGroups },
    facts: { ...facts, task: task.name, groups: task.candidateGroups },
  });
  await io.projectStep({
    requestId,
    municipalityId,
    seq: 2,
    at: at(),
    request: { status: 'inProgress' },
    openedTasks: [task],
    closedTasks: [],
    timeline: [
      { kind: 'acknowledged', payload: { event: 'acknowledgement', ...acknowledged } },
      { kind: 'taskOpened', payload: { taskKey: task.taskKey, name: task.name, groups: task.candidateGroups } },
      { kind: 'notified', payload: { event: 'taskOpened', ...notified } },
    ],
  });
  await condition(() => answered);
}

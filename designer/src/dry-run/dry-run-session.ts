import {
  type Command,
  type EngineEvent,
  handle,
  type ProcessIR,
  type ProcessState,
  procedureSettings,
  type Step,
  start,
  type TraceEntry,
  type Variables,
} from '@parvis/engine';

/** Something the dry run waits for: a task to complete, a job to finish, a timer, a message. */
export interface OpenWork {
  id: string;
  elementId: string;
  kind: 'task' | 'job' | 'call' | 'timer' | 'message';
  name?: string;
  candidateGroups?: string[];
  formId?: string;
  jobType?: string;
  fireAt?: string;
  messageName?: string;
  correlationKey?: string;
}

/** A message Parvis would send at this point of a real request. */
export interface DryRunNotification {
  event: string;
  channel: 'email' | 'sms' | 'webhook' | 'document';
  to: string;
  subject: string;
  elementId?: string;
}

const DEFAULT_TIME = '2026-01-05T09:00:00.000Z';

const asText = (value: unknown, fallback: string) => (typeof value === 'string' && value.trim() ? value : fallback);

/**
 * A dry run of a procedure in the browser: the engine itself, stepped by the analyst. Records the
 * path (elements and flows), the tasks that would open and the notifications that would be sent.
 */
export class DryRunSession {
  state: ProcessState;
  open: OpenWork[] = [];
  /** elements activated, in order */
  path: string[] = [];
  /** every trace entry, for the log */
  trace: TraceEntry[] = [];
  tasksOpened: OpenWork[] = [];
  notifications: DryRunNotification[] = [];
  incidents: { elementId: string; message: string }[] = [];
  now: string;

  constructor(
    private readonly ir: ProcessIR,
    variables: Variables = {},
    time: string = DEFAULT_TIME,
  ) {
    this.now = time;
    const { settings } = procedureSettings(ir.properties ?? {});
    this.notifications.push({
      event: 'acknowledgement',
      channel: 'email',
      to: asText(variables.email, 'demandeur / requester'),
      subject: 'Accusé de réception / Acknowledgement',
    });
    const step = start(ir, { variables, time }, { trace: true });
    this.state = step.state;
    this.record(step);
    if (settings.sla) {
      this.notifications.push({
        event: 'slaReminder',
        channel: 'email',
        to: 'agents',
        subject: `Rappel à ${Math.round(settings.atRiskRatio * 100)} % du délai / Reminder at ${Math.round(settings.atRiskRatio * 100)}%`,
      });
    }
    if (settings.silence !== 'none') {
      this.notifications.push({
        event: 'implicitDecision',
        channel: 'email',
        to: asText(variables.email, 'demandeur / requester'),
        subject: `Décision implicite (${settings.silence}) après ${settings.silenceMonths} mois, sans réponse / after ${settings.silenceMonths} months of silence`,
      });
    }
  }

  get status(): ProcessState['status'] {
    return this.state.status;
  }

  get variables(): Variables {
    return this.state.variables;
  }

  /** An element's name as drawn, else its id. */
  nameOf(elementId: string): string {
    const element = (this.ir.elements as Record<string, { name?: string }> | undefined)?.[elementId];
    return element?.name ? `${element.name} (${elementId})` : elementId;
  }

  /** Flows taken: from an element that completed to one that was activated after it. */
  takenFlows(): string[] {
    const flows = (this.ir.flows ?? {}) as Record<string, { id: string; source: string; target: string }>;
    const activated = new Set(this.path);
    const left = new Set(
      this.trace.filter((t) => t.action === 'completed' || t.action === 'triggered').map((t) => t.elementId),
    );
    return Object.values(flows)
      .filter((flow) => left.has(flow.source) && activated.has(flow.target))
      .map((flow) => flow.id);
  }

  /** Answers one open item: completes a task, job or call with variables, fires a timer, delivers a message. */
  answer(workId: string, variables: Variables = {}): void {
    const work = this.open.find((w) => w.id === workId);
    if (!work) throw new Error(`Nothing open has id ${workId}.`);
    this.open = this.open.filter((w) => w !== work);
    if (work.kind === 'timer' && work.fireAt && work.fireAt > this.now) this.now = work.fireAt;
    const time = this.now;
    const event: EngineEvent =
      work.kind === 'task'
        ? { type: 'taskCompleted', taskId: work.id, variables, time }
        : work.kind === 'job'
          ? { type: 'jobCompleted', jobId: work.id, variables, time }
          : work.kind === 'call'
            ? { type: 'callCompleted', callId: work.id, variables, time }
            : work.kind === 'timer'
              ? { type: 'timerFired', timerId: work.id, time }
              : {
                  type: 'messageReceived',
                  messageName: work.messageName ?? '',
                  ...(work.correlationKey ? { correlationKey: work.correlationKey } : {}),
                  variables,
                  time,
                };
    this.record(handle(this.ir, this.state, event, { trace: true }));
  }

  /** Answers everything open, in order, with no data, until the end or `maxSteps`. */
  runToEnd(maxSteps = 200): void {
    for (let count = 0; count < maxSteps && this.state.status === 'active'; count++) {
      const next = this.open.find((w) => w.kind !== 'timer') ?? this.open[0];
      if (!next || this.incidents.length > 0) return;
      this.answer(next.id);
    }
  }

  private record(step: Step) {
    this.state = step.state;
    for (const entry of step.trace ?? []) {
      this.trace.push(entry);
      if (entry.action === 'activated') this.path.push(entry.elementId);
    }
    for (const command of step.commands) this.apply(command);
  }

  private apply(command: Command) {
    const drop = (id: string) => {
      this.open = this.open.filter((w) => w.id !== id);
    };
    switch (command.type) {
      case 'openTask': {
        const work: OpenWork = {
          id: command.taskId,
          elementId: command.elementId,
          kind: 'task',
          candidateGroups: command.candidateGroups,
          ...(command.name ? { name: command.name } : {}),
          ...((command.formId ?? command.formKey) ? { formId: command.formId ?? command.formKey } : {}),
        };
        this.open.push(work);
        this.tasksOpened.push(work);
        this.notifications.push({
          event: 'taskOpened',
          channel: 'email',
          to: command.candidateGroups.length ? command.candidateGroups.join(', ') : (command.assignee ?? 'agents'),
          subject: `Étape « ${command.name ?? command.elementId} » à traiter / Step to do`,
          elementId: command.elementId,
        });
        break;
      }
      case 'runJob': {
        this.open.push({
          id: command.jobId,
          elementId: command.elementId,
          kind: 'job',
          jobType: command.jobType,
        });
        const v = { ...command.headers, ...command.variables } as Record<string, unknown>;
        if (command.jobType === 'parvis:send-email')
          this.notifications.push({
            event: 'job',
            channel: 'email',
            to: asText(v.to, '?'),
            subject: asText(v.subject, '?'),
            elementId: command.elementId,
          });
        else if (command.jobType === 'parvis:send-sms')
          this.notifications.push({
            event: 'job',
            channel: 'sms',
            to: asText(v.to, '?'),
            subject: asText(v.text, '?'),
            elementId: command.elementId,
          });
        else if (command.jobType === 'parvis:webhook')
          this.notifications.push({
            event: 'job',
            channel: 'webhook',
            to: asText(v.url, '?'),
            subject: 'POST',
            elementId: command.elementId,
          });
        else if (command.jobType === 'parvis:document')
          this.notifications.push({
            event: 'job',
            channel: 'document',
            to: 'demande / request',
            subject: asText(v.template, '?'),
            elementId: command.elementId,
          });
        break;
      }
      case 'startCall':
        this.open.push({ id: command.callId, elementId: command.elementId, kind: 'call' });
        break;
      case 'startTimer':
        drop(command.timerId);
        this.open.push({ id: command.timerId, elementId: command.elementId, kind: 'timer', fireAt: command.fireAt });
        break;
      case 'waitMessage':
        this.open.push({
          id: command.subscriptionId,
          elementId: command.elementId,
          kind: 'message',
          messageName: command.messageName,
          ...(command.correlationKey ? { correlationKey: command.correlationKey } : {}),
        });
        break;
      case 'cancelTask':
        drop(command.taskId);
        break;
      case 'cancelJob':
        drop(command.jobId);
        break;
      case 'cancelCall':
        drop(command.callId);
        break;
      case 'cancelTimer':
        drop(command.timerId);
        break;
      case 'cancelMessageWait':
        drop(command.subscriptionId);
        break;
      case 'incident':
        this.incidents.push({ elementId: command.elementId, message: command.message });
        break;
      case 'fail':
        this.incidents.push({ elementId: command.elementId, message: command.message });
        break;
      default:
        break;
    }
  }
}

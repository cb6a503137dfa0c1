import {
  addBusinessTime,
  type BusinessCalendar,
  type Command,
  DEFAULT_BUSINESS_CALENDAR,
  describeNotification,
  type EngineEvent,
  handle,
  implicitDecisionDate,
  type MessageText,
  type NotificationEvent,
  type NotificationFacts,
  type ProcedureTexts,
  type ProcessIR,
  type ProcessState,
  procedureSettings,
  readSla,
  renderTexts,
  type Step,
  slaReminderAt,
  start,
  startOfLocalDay,
  type Town,
  type TraceEntry,
  type Variables,
} from '@parvis/engine';
import { textsFromProperties } from '../texts/texts-properties.ts';

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

/** A message Parvis would send in a real request, in French and English as the recipient reads it. */
export interface DryRunNotification {
  event: NotificationEvent | 'job';
  channel: 'email' | 'sms' | 'webhook' | 'document';
  to: string;
  /** when it goes out: at once for what a step sends, later for SLA reminders and implicit decisions */
  at: string;
  fr: MessageText;
  en: MessageText;
  elementId?: string;
}

/** What a real request knows and a dry run makes up: the town, its calendar, the procedure's title. */
export interface DryRunContext {
  title?: { fr: string; en: string };
  town?: Town;
  calendar?: BusinessCalendar;
  /** where the portal is, for the links in the messages */
  publicUrl?: string;
}

const DEFAULT_TIME = '2026-01-05T09:00:00.000Z';
/** Stands for the code a real request draws at random. */
export const SAMPLE_TRACKING_CODE = 'XXXX-XXXX-XXXX';
const SAMPLE_TOWN: Town = { name: 'Commune d’essai', contact_email: 'mairie@example.fr', time_zone: 'Europe/Paris' };
const REQUESTER = 'demandeur / requester';

/** A notice the request's clocks send later: the SLA reminder and breach, the implicit decision. */
interface ClockNotice {
  event: 'slaReminder' | 'slaBreached' | 'implicitDecision';
  at: string;
}

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

  private readonly texts: ProcedureTexts;
  private readonly facts: NotificationFacts;
  private readonly town: Town;
  private readonly calendar: BusinessCalendar;
  private readonly publicUrl: string;
  /** the clocks' notices not yet due, in time order */
  private clockNotices: ClockNotice[] = [];

  constructor(
    private readonly ir: ProcessIR,
    private readonly sample: Variables = {},
    time: string = DEFAULT_TIME,
    context: DryRunContext = {},
  ) {
    this.now = time;
    this.calendar = context.calendar ?? DEFAULT_BUSINESS_CALENDAR;
    this.town = context.town ?? { ...SAMPLE_TOWN, time_zone: this.calendar.timeZone };
    this.publicUrl = context.publicUrl ?? 'https://parvis.example';
    this.texts = textsFromProperties(ir.properties ?? {});
    // The request's facts as the workflow gives them to every notice (workers/src/workflows/request.ts).
    const { settings } = procedureSettings(ir.properties ?? {});
    const name = ir.name ?? ir.processId;
    const dueAt = settings.sla ? addBusinessTime(time, settings.sla, this.calendar) : undefined;
    const implicitDate =
      settings.silence === 'none'
        ? undefined
        : implicitDecisionDate(time, { months: settings.silenceMonths }, this.calendar.timeZone);
    this.facts = {
      trackingCode: SAMPLE_TRACKING_CODE,
      procedureTitle: context.title ?? { fr: name, en: name },
      receivedAt: time,
      ...(dueAt ? { dueAt } : {}),
      silence: settings.silence,
      ...(implicitDate ? { implicitDecisionDate: implicitDate } : {}),
      ...(typeof sample.email === 'string' ? { citizenEmail: sample.email } : {}),
    };
    if (dueAt)
      this.clockNotices.push(
        { event: 'slaReminder', at: slaReminderAt(time, dueAt, settings.atRiskRatio) },
        { event: 'slaBreached', at: dueAt },
      );
    if (implicitDate)
      this.clockNotices.push({ event: 'implicitDecision', at: startOfLocalDay(implicitDate, this.calendar.timeZone) });
    this.clockNotices.sort((a, b) => a.at.localeCompare(b.at));
    // The acknowledgement is the first message a request sends.
    this.notifications.push(this.notice('acknowledgement', this.citizen(), time));
    const step = start(ir, { variables: sample, time }, { trace: true });
    this.state = step.state;
    this.record(step);
  }

  /** Notices the request's clocks would send later if it were still open then, with when. */
  get scheduled(): DryRunNotification[] {
    if (this.state.status !== 'active') return [];
    return this.clockNotices.map(({ event, at }) => this.clockNotice(event, at));
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
    if (work.kind === 'timer' && work.fireAt && work.fireAt > this.now) this.passTime(work.fireAt);
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

  /** Moves the clock on; the clocks' notices due by then are sent, in order. */
  private passTime(to: string) {
    while (this.clockNotices[0] && this.clockNotices[0].at <= to) {
      const { event, at } = this.clockNotices.shift()!;
      this.notifications.push(this.clockNotice(event, at));
    }
    this.now = to;
  }

  private citizen(): string {
    return asText(this.sample.email, REQUESTER);
  }

  /** A clock's notice: reminders go to the open tasks' groups, a breach to their managers. */
  private clockNotice(event: ClockNotice['event'], at: string): DryRunNotification {
    const tasks = this.open.filter((w) => w.kind === 'task');
    const groups = [...new Set(tasks.flatMap((t) => t.candidateGroups ?? []))].join(', ') || 'agents';
    const to =
      event === 'implicitDecision'
        ? this.citizen()
        : event === 'slaReminder'
          ? groups
          : `responsables de / managers of ${groups}`;
    return this.notice(event, to, at, { tasks: tasks.map((t) => t.name ?? t.elementId) });
  }

  /** One of Parvis's own notices, in the procedure's texts filled as the notify activity fills them. */
  private notice(
    event: NotificationEvent,
    to: string,
    at: string,
    facts: Partial<NotificationFacts> = {},
    elementId?: string,
  ): DryRunNotification {
    const all = { ...this.facts, ...facts };
    // English texts get English dates, as the notify activity writes them.
    const vars = describeNotification(all, this.town, this.publicUrl);
    const varsEn = describeNotification(all, this.town, this.publicUrl, 'en');
    return {
      event,
      channel: 'email',
      to,
      at,
      ...renderTexts(event, vars, this.texts, varsEn),
      ...(elementId ? { elementId } : {}),
    };
  }

  /** A message a service task sends: its own words, the same in both languages. */
  private job(channel: DryRunNotification['channel'], to: string, subject: string, elementId: string, body = '') {
    const text = { subject, body };
    this.notifications.push({ event: 'job', channel, to, at: this.now, fr: text, en: text, elementId });
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
        // As the workflow: a task for groups tells them, due by its own SLA or due date.
        if (command.candidateGroups.length > 0) {
          const sla = readSla(command.properties, []);
          const dueAt = sla ? addBusinessTime(this.now, sla, this.calendar) : command.dueDate;
          this.notifications.push(
            this.notice(
              'taskOpened',
              command.candidateGroups.join(', '),
              this.now,
              { task: command.name ?? command.elementId, groups: command.candidateGroups, ...(dueAt ? { dueAt } : {}) },
              command.elementId,
            ),
          );
        }
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
          this.job('email', asText(v.to, '?'), asText(v.subject, '?'), command.elementId, asText(v.body, ''));
        else if (command.jobType === 'parvis:send-sms')
          this.job('sms', asText(v.to, '?'), asText(v.text, '?'), command.elementId);
        else if (command.jobType === 'parvis:webhook')
          this.job('webhook', asText(v.url, '?'), 'POST', command.elementId);
        else if (command.jobType === 'parvis:document')
          this.job('document', 'demande / request', asText(v.template, '?'), command.elementId);
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

import {
  type BusinessCalendar,
  DEFAULT_BUSINESS_CALENDAR,
  describeNotification,
  type EngineEvent,
  type LifecycleHost,
  type MessageText,
  type Notice,
  type NoticeAudience,
  type NotificationEvent,
  type ProcedureTexts,
  type ProcessIR,
  type ProcessState,
  RequestLifecycle,
  renderTexts,
  type Town,
  type TraceEntry,
  type Variables,
  type Wakeup,
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

const asText = (value: unknown, fallback: string) => (typeof value === 'string' && value.trim() ? value : fallback);

/**
 * A dry run of a procedure in the browser: the request's lifecycle itself (engine/src/lifecycle, as
 * the Temporal workflow runs it), stepped by the analyst; time passes only when a timer is answered,
 * and the clocks' alarms due by then ring in order. Records the path (elements and flows), the tasks
 * that would open and the notifications that would be sent.
 */
export class DryRunSession {
  open: OpenWork[] = [];
  /** elements activated, in order */
  path: string[] = [];
  /** every trace entry, for the log */
  trace: TraceEntry[] = [];
  tasksOpened: OpenWork[] = [];
  notifications: DryRunNotification[] = [];
  /** the request's timeline as PostgreSQL would record it, step by step */
  timeline: { at: string; kind: string }[] = [];
  now: string;

  private readonly lifecycle: RequestLifecycle;
  private readonly texts: ProcedureTexts;
  private readonly town: Town;
  private readonly publicUrl: string;
  /** the clocks' alarms (SLA, implicit decision) not yet rung */
  private readonly alarms = new Map<string, { at: string; wakeup: Wakeup }>();

  constructor(
    private readonly ir: ProcessIR,
    private readonly sample: Variables = {},
    time: string = DEFAULT_TIME,
    context: DryRunContext = {},
  ) {
    this.now = time;
    const calendar = context.calendar ?? DEFAULT_BUSINESS_CALENDAR;
    this.town = context.town ?? { ...SAMPLE_TOWN, time_zone: calendar.timeZone };
    this.publicUrl = context.publicUrl ?? 'https://parvis.example';
    this.texts = textsFromProperties(ir.properties ?? {});
    const name = ir.name ?? ir.processId;
    this.lifecycle = new RequestLifecycle(
      {
        ir,
        calendar,
        requestId: 'dry-run',
        trackingCode: SAMPLE_TRACKING_CODE,
        submittedAt: time,
        citizen: typeof sample.email === 'string' ? { email: sample.email } : {},
        procedureTitle: context.title ?? { fr: name, en: name },
        start: { variables: sample, time },
        trace: true,
      },
      this.host(),
    );
    this.lifecycle.begin();
    this.settle();
  }

  /** Notices the request's clocks would send later if it were still open then, with when. */
  get scheduled(): DryRunNotification[] {
    return this.lifecycle.upcomingNotices().map(({ at, notice }) => this.render(notice, at));
  }

  get state(): ProcessState {
    return this.lifecycle.step.state;
  }

  get status(): ProcessState['status'] {
    return this.lifecycle.status;
  }

  get variables(): Variables {
    return this.lifecycle.variables;
  }

  /** What stops the request: incidents, and the failure that ended it. */
  get incidents(): { elementId: string; message: string }[] {
    const failure = this.lifecycle.step.commands.find((c) => c.type === 'fail');
    return [
      ...[...this.lifecycle.incidents.values()].map(({ elementId, message }) => ({ elementId, message })),
      ...(failure?.type === 'fail' ? [{ elementId: failure.elementId, message: failure.message }] : []),
    ];
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
    if (work.kind === 'timer' && work.fireAt && work.fireAt > this.now) this.passTime(work.fireAt);
    const time = this.now;
    const event: EngineEvent =
      work.kind === 'task'
        ? { type: 'taskCompleted', taskId: this.lifecycle.engineTaskIdOf(work.id), variables, time }
        : work.kind === 'job'
          ? { type: 'jobCompleted', jobId: work.id, variables, time }
          : work.kind === 'call'
            ? { type: 'callCompleted', callId: work.id, variables, time }
            : work.kind === 'timer'
              ? { type: 'timerFired', timerId: work.id, time }
              : { type: 'messageReceived', messageName: work.messageName ?? '', variables, time };
    this.drop(work.id);
    if (work.kind === 'task') this.lifecycle.completing(this.lifecycle.openTasks.get(work.id)!, 'analyste / analyst');
    if (work.kind === 'message') this.lifecycle.receiving(work.messageName ?? '', 'dry run');
    this.lifecycle.wake({ kind: 'engine', event }, time);
    this.settle();
  }

  /** Answers everything open, in order, with no data, until the end or `maxSteps`. */
  runToEnd(maxSteps = 200): void {
    for (let count = 0; count < maxSteps && this.status === 'active'; count++) {
      const next = this.open.find((w) => w.kind !== 'timer') ?? this.open[0];
      if (!next || this.incidents.length > 0) return;
      this.answer(next.id);
    }
  }

  /** Moves the clock on; the clocks' alarms due by then ring, in order. */
  private passTime(to: string) {
    for (;;) {
      const due = [...this.alarms.entries()]
        .filter(([, alarm]) => alarm.at <= to)
        .sort(([, a], [, b]) => a.at.localeCompare(b.at))[0];
      if (!due) break;
      const [id, { at, wakeup }] = due;
      this.alarms.delete(id);
      this.now = at;
      this.lifecycle.wake(wakeup, at);
      this.settle();
    }
    this.now = to;
  }

  /** After each wake-up, as the workflow after each step: commands carried out, the step recorded, notices sent. */
  private settle() {
    const step = this.lifecycle.step;
    for (const entry of step.trace ?? []) {
      this.trace.push(entry);
      if (entry.action === 'activated') this.path.push(entry.elementId);
    }
    this.lifecycle.settle(this.now);
    for (const entry of this.lifecycle.takeRecord()?.timeline ?? [])
      this.timeline.push({ at: this.now, kind: entry.kind });
    for (const notice of this.lifecycle.takeNotices()) this.notifications.push(this.render(notice, this.now));
  }

  private drop(id: string) {
    this.open = this.open.filter((w) => w.id !== id);
  }

  /** The dry run's side of the lifecycle: what it would start shows as open work to answer. */
  private host(): LifecycleHost {
    return {
      // Engine timers are open work, answered by the analyst; the clocks' alarms ring as time passes.
      setAlarm: (id, at, wakeup) => {
        if (!id.startsWith('timer:')) this.alarms.set(id, { at, wakeup });
      },
      clearAlarm: (id) => this.alarms.delete(id),
      timerStarted: (timer) => {
        this.drop(timer.timerId);
        this.open.push({ id: timer.timerId, elementId: timer.elementId, kind: 'timer', fireAt: timer.fireAt });
      },
      timerStopped: (timerId) => this.drop(timerId),
      clearAlarms: () => this.alarms.clear(),
      runJob: (command) => {
        this.open.push({ id: command.jobId, elementId: command.elementId, kind: 'job', jobType: command.jobType });
        this.jobMessage(command.jobType, { ...command.headers, ...command.variables }, command.elementId);
      },
      cancelJob: (jobId) => this.drop(jobId),
      startCall: (command) => this.open.push({ id: command.callId, elementId: command.elementId, kind: 'call' }),
      cancelCall: (callId) => this.drop(callId),
      taskOpened: (task) => {
        const work: OpenWork = {
          id: task.taskKey,
          elementId: task.elementId,
          kind: 'task',
          candidateGroups: task.candidateGroups,
          ...(task.name ? { name: task.name } : {}),
          ...(task.formId ? { formId: task.formId } : {}),
        };
        this.open.push(work);
        this.tasksOpened.push(work);
      },
      taskClosed: (taskKey) => this.drop(taskKey),
      messageAwaited: (wait) =>
        this.open.push({
          id: wait.subscriptionId,
          elementId: wait.elementId,
          kind: 'message',
          messageName: wait.messageName,
          ...(wait.correlationKey ? { correlationKey: wait.correlationKey } : {}),
        }),
      messageNoLongerAwaited: (wait) => this.drop(wait.subscriptionId),
    };
  }

  /** A message a service task sends: its own words, the same in both languages. */
  private jobMessage(jobType: string, values: Record<string, unknown>, elementId: string) {
    const push = (channel: DryRunNotification['channel'], to: string, subject: string, body = '') => {
      const text = { subject, body };
      this.notifications.push({ event: 'job', channel, to, at: this.now, fr: text, en: text, elementId });
    };
    if (jobType === 'parvis:send-email')
      push('email', asText(values.to, '?'), asText(values.subject, '?'), asText(values.body, ''));
    else if (jobType === 'parvis:send-sms') push('sms', asText(values.to, '?'), asText(values.text, '?'));
    else if (jobType === 'parvis:webhook') push('webhook', asText(values.url, '?'), 'POST');
    else if (jobType === 'parvis:document') push('document', 'demande / request', asText(values.template, '?'));
  }

  /** One of Parvis's own notices, in the procedure's texts filled as the notify activity fills them. */
  private render(notice: Notice, at: string): DryRunNotification {
    // English texts get English dates, as the notify activity writes them.
    const vars = describeNotification(notice.facts, this.town, this.publicUrl);
    const varsEn = describeNotification(notice.facts, this.town, this.publicUrl, 'en');
    const elementId = notice.event === 'taskOpened' ? this.taskElement(notice.key) : undefined;
    return {
      event: notice.event,
      channel: 'email',
      to: this.recipients(notice.audience),
      at,
      ...renderTexts(notice.event, vars, this.texts, varsEn),
      ...(elementId ? { elementId } : {}),
    };
  }

  private taskElement(key: string): string | undefined {
    return this.tasksOpened.find((task) => `taskOpened:${task.id}` === key)?.elementId;
  }

  private recipients(audience: NoticeAudience): string {
    if (audience.citizen) return asText(audience.citizen.email ?? this.sample.email, REQUESTER);
    if (audience.groups) return audience.groups.join(', ') || 'agents';
    if (audience.managersOf) return `responsables de / managers of ${audience.managersOf.join(', ') || 'agents'}`;
    return 'abonnés / followers';
  }
}

import {
  type BusinessCalendar,
  DEFAULT_BUSINESS_CALENDAR,
  type EngineEvent,
  type LifecycleHost,
  type Notice,
  PendingAlarms,
  type ProcessIR,
  type ProcessState,
  RequestLifecycle,
  type Town,
  type TraceEntry,
  type Variables,
} from '@parvis/engine';
import { textsFromProperties } from '../texts/texts-properties.ts';
import { DryRunMessages, type DryRunNotification } from './dry-run-messages.ts';
import { type OpenWork, openWorkHost } from './open-work.ts';

export type { DryRunNotification, OpenWork };

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

/**
 * A dry run of a procedure in the browser: the request's lifecycle itself (engine/src/lifecycle, as
 * the Temporal workflow runs it), stepped by the analyst; time passes only when a timer is answered,
 * and the clocks' alarms due by then ring in order. Records the path (elements and flows), the tasks
 * that would open and the notifications that would be sent.
 */
export class DryRunSession {
  readonly open: OpenWork[] = [];
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
  private readonly messages: DryRunMessages;
  /** the clocks' alarms (SLA, implicit decision) not yet rung */
  private readonly alarms = new PendingAlarms();

  constructor(
    private readonly ir: ProcessIR,
    sample: Variables = {},
    time: string = DEFAULT_TIME,
    context: DryRunContext = {},
  ) {
    this.now = time;
    const calendar = context.calendar ?? DEFAULT_BUSINESS_CALENDAR;
    this.messages = new DryRunMessages(
      textsFromProperties(ir.properties ?? {}),
      context.town ?? { ...SAMPLE_TOWN, time_zone: calendar.timeZone },
      context.publicUrl ?? 'https://parvis.example',
      typeof sample.email === 'string' ? sample.email : undefined,
    );
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
    if (work.kind === 'timer' && work.fireAt && work.fireAt > this.now) this.wait(work.fireAt);
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

  /** Lets time pass to `to` with nobody acting: the clocks' alarms due by then ring, in order. */
  wait(to: string): void {
    for (let due = this.alarms.takeDue(to); due; due = this.alarms.takeDue(to)) {
      this.now = due.at;
      this.lifecycle.wake(due.wakeup, due.at);
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
    const at = this.open.findIndex((w) => w.id === id);
    if (at >= 0) this.open.splice(at, 1);
  }

  /** The dry run's side of the lifecycle: what it would start shows as open work to answer. */
  private host(): LifecycleHost {
    return openWorkHost(this.open, this.alarms, {
      taskOpened: (work) => this.tasksOpened.push(work),
      jobStarted: (command) => {
        const message = this.messages.job(command.jobType, { ...command.headers, ...command.variables });
        if (message) this.notifications.push({ ...message, at: this.now, elementId: command.elementId });
      },
    });
  }

  /** A notice as its recipients read it; a task's opening names the task's element. */
  private render(notice: Notice, at: string): DryRunNotification {
    const task = this.tasksOpened.find((work) => notice.key === `taskOpened:${work.id}`);
    return this.messages.notice(notice, at, notice.event === 'taskOpened' ? task?.elementId : undefined);
  }
}

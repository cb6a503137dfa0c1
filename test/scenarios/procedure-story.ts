// What every procedure scenario does through the API: file a request, sign agents in, work their
// tasks, follow the request, read the mail the SMTP sink caught.
import { deliverMessageUpdate } from '@parvis/workers';
import { afterAll, beforeAll, expect } from 'vitest';
import { eventually, type GraphqlClient } from '../support/graphql-client.ts';
import { type RunningParvis, startParvis } from '../support/parvis.ts';

const SUBMIT = `mutation ($procedure: String!, $data: JSON!) {
  submitRequest(municipality: "demo", procedure: $procedure, data: $data) { trackingCode } }`;
const SIGN_IN = `mutation ($email: String!, $password: String!) {
  signIn(municipality: "demo", email: $email, password: $password) { displayName } }`;
const INBOX = `{ inbox: workQueue(filter: { scope: AVAILABLE }, first: 200) { id name status candidateGroups request { trackingCode } } }`;
const COMPLETE = `mutation ($id: ID!, $data: JSON) { completeTask(taskId: $id, data: $data) { status completedBy } }`;
const DOCUMENTS = `query ($code: String!, $email: String) {
  request(trackingCode: $code, email: $email) { documents { kind title url } } }`;
const TRACK = `query ($code: String!, $email: String) {
  request(trackingCode: $code, email: $email) { status closedAt timeline { kind payload } } }`;

/** A one-page PDF, as a scanned document a citizen attaches. */
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

export interface InboxTask {
  id: string;
  name: string;
  status: string;
  candidateGroups: string[];
  request: { trackingCode: string };
}

export interface Tracked {
  status: string;
  closedAt: string | null;
  timeline: { kind: string; payload: Record<string, unknown> }[];
}

/** The demo agents of scripts/src/seed.ts the scenarios sign in as. */
export const AGENTS = {
  accueil: ['accueil@demoville.fr', 'demo-accueil'],
  voirie: ['voirie@demoville.fr', 'demo-voirie'],
  proprete: ['proprete@demoville.fr', 'demo-proprete'],
  eclairage: ['eclairage@demoville.fr', 'demo-eclairage'],
  police: ['police@demoville.fr', 'demo-police'],
  etatCivil: ['etat-civil@demoville.fr', 'demo-etat-civil'],
  petiteEnfance: ['petite-enfance@demoville.fr', 'demo-petite-enfance'],
  vieAssociative: ['vie-associative@demoville.fr', 'demo-vie-associative'],
  adjointe: ['adjointe@demoville.fr', 'demo-adjointe'],
  dgs: ['dgs@demoville.fr', 'demo-dgs'],
} as const;

/** Sets how much faster than real time the next requests' alarms ring (read at submission). */
function clockScale(scale: number): void {
  process.env.PARVIS_CLOCK_SCALE = String(scale);
}

/**
 * The story of one procedure in a describe block: Parvis starts before its tests, alarms ringing
 * in real time, and stops after them.
 */
export function procedureScenario(procedure: string): ProcedureStory {
  const story = new ProcedureStory(procedure);
  beforeAll(async () => {
    clockScale(1);
    story.parvis = await startParvis();
  });
  afterAll(async () => {
    delete process.env.PARVIS_CLOCK_SCALE;
    await story.parvis?.stop();
  });
  return story;
}

export class ProcedureStory {
  private readonly agents = new Map<string, GraphqlClient>();
  /** Set by procedureScenario before the tests run. */
  parvis!: RunningParvis;

  constructor(readonly procedure: string) {}

  /** Files a request as a citizen on the web; returns its tracking code. */
  async submit(data: Record<string, unknown>): Promise<string> {
    const { submitRequest } = await this.parvis
      .client()
      .data<{ submitRequest: { trackingCode: string } }>(SUBMIT, { procedure: this.procedure, data });
    return submitRequest.trackingCode;
  }

  /**
   * Uploads a document the citizen attaches to one of the form's file fields, as the portal does;
   * returns the field's value: the stored file's id.
   */
  async attach(field: string, name: string): Promise<string[]> {
    const body = new FormData();
    body.append('file', new Blob([PDF], { type: 'application/pdf' }), name);
    const response = await fetch(`${this.parvis.url}/files/demo/${this.procedure}?field=${encodeURIComponent(field)}`, {
      method: 'POST',
      body,
    });
    const stored = (await response.json()) as { id?: string; message?: string };
    if (!stored.id) throw new Error(`${name} refused for ${field}: ${stored.message}`);
    return [stored.id];
  }

  /** Files a request whose days pass in a blink: its alarms ring a million times faster than real time. */
  async submitInFastTime(data: Record<string, unknown>): Promise<string> {
    clockScale(1_000_000);
    try {
      return await this.submit(data);
    } finally {
      clockScale(1);
    }
  }

  /** The signed-in client of a demo agent. */
  async agent(who: keyof typeof AGENTS): Promise<GraphqlClient> {
    const known = this.agents.get(who);
    if (known) return known;
    const client = this.parvis.client();
    const [email, password] = AGENTS[who];
    await client.data(SIGN_IN, { email, password });
    this.agents.set(who, client);
    return client;
  }

  /** Waits for the request's open task of that name in the agent's inbox. */
  async task(who: keyof typeof AGENTS, code: string, name: string, timeoutMs?: number): Promise<InboxTask> {
    const agent = await this.agent(who);
    return eventually(async () => {
      const { inbox } = await agent.data<{ inbox: InboxTask[] }>(INBOX);
      return inbox.find((t) => t.request.trackingCode === code && t.name === name);
    }, timeoutMs);
  }

  /** Whether the agent's inbox holds an open task of that name for the request. */
  async hasTask(who: keyof typeof AGENTS, code: string, name: string): Promise<boolean> {
    const { inbox } = await (await this.agent(who)).data<{ inbox: InboxTask[] }>(INBOX);
    return inbox.some((t) => t.request.trackingCode === code && t.name === name);
  }

  /** Waits for the task, completes it with its form's data and checks it was recorded. */
  async complete(who: keyof typeof AGENTS, code: string, name: string, data: Record<string, unknown>): Promise<void> {
    const task = await this.task(who, code, name);
    const { completeTask } = await (await this.agent(who)).data<{ completeTask: { status: string } }>(COMPLETE, {
      id: task.id,
      data,
    });
    expect(completeTask.status).toBe('completed');
  }

  /** The request as the citizen follows it with its code and e-mail. */
  async track(code: string, email: string): Promise<Tracked> {
    const { request } = await this.parvis.client().data<{ request: Tracked }>(TRACK, { code, email });
    return request;
  }

  /** Waits until the citizen sees the request closed. */
  async closed(code: string, email: string, timeoutMs?: number): Promise<Tracked> {
    return eventually(async () => {
      const request = await this.track(code, email);
      return request.status === 'closed' ? request : undefined;
    }, timeoutMs);
  }

  /** Waits for a mail to that address whose subject contains the text. */
  mail(to: string, subject: string, timeoutMs?: number) {
    return eventually(
      async () => this.parvis.smtp.messages().find((m) => m.to.includes(to) && m.subject.includes(subject)),
      timeoutMs,
    );
  }

  /** Every mail to that address so far. */
  mailsTo(to: string) {
    return this.parvis.smtp.messages().filter((m) => m.to.includes(to));
  }

  /** The timeline's kinds, in order, as PostgreSQL holds them. */
  async timeline(code: string): Promise<{ kind: string; payload: Record<string, unknown> }[]> {
    return this.parvis.sql<{ kind: string; payload: Record<string, unknown> }[]>`
      select e.kind, e.payload from timeline_events e join requests r on r.id = e.request_id
      where r.tracking_code = ${code} order by e.position`;
  }

  /** Waits until the timeline holds an event of that kind (matching the payload, if given). */
  async timelineEvent(code: string, kind: string, payload: Record<string, unknown> = {}, timeoutMs?: number) {
    return eventually(async () => {
      const events = await this.timeline(code);
      return events.find(
        (e) => e.kind === kind && Object.entries(payload).every(([key, value]) => e.payload[key] === value),
      );
    }, timeoutMs);
  }

  /** The citizen's message the request waits for (their answer, their missing documents). */
  async deliver(code: string, messageName: string, variables: Record<string, unknown>, from: string): Promise<void> {
    const handle = this.parvis.temporal.workflow.getHandle(`request-${code}`);
    await eventually(async () => {
      try {
        await handle.executeUpdate(deliverMessageUpdate, { args: [{ messageName, variables, from }] });
        return true;
      } catch (error) {
        if (String(error).includes('NOT_WAITING') || String(error).includes("n'attend pas")) return undefined;
        throw error;
      }
    });
  }

  /** The request's documents as the citizen sees them: acknowledgement, then what its tasks issued. */
  async documents(code: string, email: string): Promise<{ kind: string; title: string; url: string }[]> {
    const { request } = await this.parvis.client().data<{
      request: { documents: { kind: string; title: string; url: string }[] };
    }>(DOCUMENTS, { code, email });
    return request.documents;
  }

  /** Downloads a document as the citizen would (its URL carries their e-mail); returns its bytes. */
  async download(url: string): Promise<Buffer> {
    const address = new URL(url);
    const response = await fetch(`${this.parvis.url}${address.pathname}${address.search}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/pdf');
    return Buffer.from(await response.arrayBuffer());
  }

  /** The request's row: SLA state and implicit decision. */
  async row(code: string) {
    const [row] = await this.parvis.sql<
      { id: string; status: string; sla_state: string | null; implicit_decision: string | null }[]
    >`select id, status, sla_state, implicit_decision from requests where tracking_code = ${code}`;
    return row!;
  }
}

import type { SmtpService } from '@parvis/scripts';
import { verifyTimeline } from '@parvis/workers';
import type { Sql } from 'postgres';
import { eventually, type GraphqlClient } from './graphql-client.ts';

// What citizens and agents do with the `contact` procedure of the demo municipality, through
// GraphQL, and what they should see afterwards: the vocabulary of the fault tests.

const SUBMIT = `mutation ($data: JSON!) { submitRequest(municipality: "demo", procedure: "contact", data: $data) { trackingCode } }`;
const SIGN_IN = `mutation ($email: String!, $password: String!) { signIn(municipality: "demo", email: $email, password: $password) { displayName } }`;
const INBOX = `{ inbox: workQueue(filter: { scope: AVAILABLE }, first: 200) { id request { trackingCode } } }`;
const COMPLETE = `mutation ($id: ID!, $data: JSON) { completeTask(taskId: $id, data: $data) { status } }`;

export interface FiledRequest {
  trackingCode: string;
  email: string;
}

/** The contact request a citizen files; each citizen has an address of their own. */
export async function fileContactRequest(citizen: GraphqlClient, label: string): Promise<FiledRequest> {
  const email = `${label}@example.fr`;
  const { submitRequest } = await citizen.data<{ submitRequest: { trackingCode: string } }>(SUBMIT, {
    data: { subject: `Question ${label}`, message: 'Bonjour, à quelle heure ouvre la mairie ?', email },
  });
  return { trackingCode: submitRequest.trackingCode, email };
}

/** `count` citizens file a request each, `concurrency` at a time. */
export function fileContactRequests(
  citizen: GraphqlClient,
  count: number,
  label: string,
  concurrency = 10,
): Promise<FiledRequest[]> {
  return mapLimit(
    Array.from({ length: count }, (_, i) => `${label}-${i}`),
    concurrency,
    (name) => fileContactRequest(citizen, name),
  );
}

export async function signInAccueil(agent: GraphqlClient): Promise<void> {
  await agent.data(SIGN_IN, { email: 'accueil@demoville.fr', password: 'demo-accueil' });
}

/** Waits until the agent's inbox shows a task for each request; returns task ids by tracking code. */
export async function tasksInInbox(
  agent: GraphqlClient,
  requests: FiledRequest[],
  timeoutMs = 60_000,
): Promise<Map<string, string>> {
  const wanted = new Set(requests.map((r) => r.trackingCode));
  return eventually(async () => {
    const { inbox } = await agent.data<{ inbox: { id: string; request: { trackingCode: string } }[] }>(INBOX);
    const found = new Map(
      inbox.filter((t) => wanted.has(t.request.trackingCode)).map((t) => [t.request.trackingCode, t.id]),
    );
    return found.size === wanted.size ? found : undefined;
  }, timeoutMs);
}

/**
 * The agent answers a task as a person would: when the answer fails for a reason that is not
 * theirs (a server restarting), they try again; when the task shows as already answered, they stop.
 */
export async function answerTask(agent: GraphqlClient, taskId: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await agent
      .request<{ completeTask: { status: string } }>(COMPLETE, { id: taskId, data: { answer: 'De 9 h à 12 h.' } })
      .catch((error: Error) => ({
        data: undefined,
        errors: [{ message: error.message, extensions: { code: 'NETWORK' } }],
      }));
    if (result.data?.completeTask) return;
    const code = result.errors?.[0]?.extensions?.code;
    if (code === 'TASK_NOT_OPEN') return;
    if (Date.now() > deadline)
      throw new Error(`task ${taskId} could not be answered: ${JSON.stringify(result.errors)}`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

export async function answerTasks(agent: GraphqlClient, taskIds: Iterable<string>, concurrency = 10): Promise<void> {
  await mapLimit([...taskIds], concurrency, (id) => answerTask(agent, id));
}

/** Waits until PostgreSQL shows every request closed. */
export async function allClosed(sql: Sql, requests: FiledRequest[], timeoutMs = 60_000): Promise<void> {
  const codes = requests.map((r) => r.trackingCode);
  await eventually(async () => {
    const [row] = await sql<{ open: number }[]>`
      select count(*)::int as open from requests where tracking_code = any(${codes}) and status <> 'closed'`;
    return row?.open === 0 ? true : undefined;
  }, timeoutMs);
}

/** Timeline events a contact request has exactly once. */
const ONCE_PER_REQUEST = ['submitted', 'acknowledged', 'taskOpened', 'taskCompleted', 'closed'];

/**
 * What a citizen, an agent and an auditor would notice went wrong with each request: anything
 * but closed; not exactly one acknowledgement; a notification recorded but not delivered, or
 * delivered twice under two Message-IDs; not one completed task; a timeline event missing or repeated, a broken hash
 * chain, or workflow steps with a gap. Empty when every request ran exactly once.
 */
export async function exactlyOnceProblems(sql: Sql, smtp: SmtpService, requests: FiledRequest[]): Promise<string[]> {
  const problems: string[] = [];
  // An e-mail resent after a worker died between the SMTP reply and the record carries the same
  // Message-ID, and mail clients show it once; the reader sees two only under two Message-IDs.
  const delivered = new Map<string, Set<string>>();
  for (const mail of smtp.messages())
    for (const to of mail.to) {
      const key = `${to} ${mail.subject}`;
      delivered.set(key, (delivered.get(key) ?? new Set()).add(mail.messageId));
    }
  const codes = requests.map((r) => r.trackingCode);
  const rows = await sql<
    {
      id: string;
      tracking_code: string;
      status: string;
      notifications: { key: string; channel: string; recipient: string; subject: string; status: string }[];
      tasks: string[];
      events: { kind: string; payload: unknown }[];
      seqs: number[];
    }[]
  >`
    select r.id, r.tracking_code, r.status,
      coalesce((select json_agg(json_build_object('key', n.key, 'channel', n.channel, 'recipient', n.recipient,
        'subject', n.subject, 'status', n.status)) from notifications n where n.request_id = r.id), '[]') as notifications,
      array(select t.status from tasks t where t.request_id = r.id) as tasks,
      coalesce((select json_agg(json_build_object('kind', e.kind, 'payload', e.payload) order by e.position)
        from timeline_events e where e.request_id = r.id), '[]') as events,
      array(select s.seq from request_steps s where s.request_id = r.id order by s.seq) as seqs
    from requests r where r.tracking_code = any(${codes})`;
  const byCode = new Map(rows.map((row) => [row.tracking_code, row]));
  let emailRows = 0;
  for (const request of requests) {
    const row = byCode.get(request.trackingCode);
    const say = (what: string) => problems.push(`${request.trackingCode}: ${what}`);
    if (!row) {
      say('not stored');
      continue;
    }
    if (row.status !== 'closed') say(`status ${row.status}`);
    const acknowledgements = row.notifications.filter((n) => n.key.startsWith('acknowledgement'));
    if (acknowledgements.length !== 1 || acknowledgements[0]?.recipient !== request.email)
      say(`acknowledgements ${JSON.stringify(acknowledgements)}`);
    for (const notification of row.notifications) {
      if (notification.status !== 'sent') say(`notification ${notification.key} ${notification.status}`);
      if (notification.channel !== 'email') continue;
      emailRows++;
      const copies = delivered.get(`${notification.recipient} ${notification.subject}`)?.size ?? 0;
      if (copies !== 1) say(`${copies} distinct e-mails for notification ${notification.key}`);
    }
    if (row.tasks.join() !== 'completed') say(`tasks ${JSON.stringify(row.tasks)}`);
    for (const kind of ONCE_PER_REQUEST) {
      const count = row.events.filter((e) => e.kind === kind).length;
      if (count !== 1) say(`${count} '${kind}' timeline events`);
    }
    const distinct = new Set(row.events.map((e) => JSON.stringify(e)));
    if (distinct.size !== row.events.length) say(`a timeline event repeated: ${row.events.map((e) => e.kind).join()}`);
    if (row.seqs.some((seq, i) => seq !== i + 1)) say(`workflow steps ${row.seqs.join()}`);
    const chain = await verifyTimeline(sql, row.id);
    if (!chain.ok) say(`timeline chain broken at ${chain.position}: ${chain.problem}`);
  }
  const sunk = [...delivered.values()].reduce((sum, ids) => sum + ids.size, 0);
  if (sunk !== emailRows)
    problems.push(`${sunk} distinct e-mails delivered for ${emailRows} e-mail notifications recorded`);
  return problems;
}

/** Runs `fn` over `items` with at most `limit` calls in flight; results in order. */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!);
    }
  });
  await Promise.all(lanes);
  return results;
}

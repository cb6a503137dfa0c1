// Records a history the replay test replays: `npx tsx test/support/record-histories.ts <name>`
// writes test/fixtures/histories/<name>.json (default contact-answered): a contact request answered.
// `npx tsx test/support/record-histories.ts <name> messages` records instead the two requests of a
// payment notice (its message throw and signal end: <name>-published.json) and of the order that
// waited for it (until the message opens its task: <name>-received.json); `<name> completeness` a
// contact request declared incomplete then complete before it is answered; `<name> migration` a request
// moved to a new version of its procedure at its task, then answered on it (its first run, which took
// the move: <name>-moved.json; its run on the new version: <name>-continued.json). Record under a new name
// after a versioned workflow change (patched), so the histories of earlier code still replay too.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deployProcedure } from '@parvis/graphql';
import { declareFileCompleteUpdate, declareFileIncompleteUpdate } from '@parvis/workers/messages';
import proto from '@temporalio/proto';
import { eventually } from './graphql-client.ts';
import { type RunningParvis, startParvis } from './parvis.ts';
import type { RecordedKey } from './recorded-keys.ts';

/**
 * Writes a request's workflow history, as it stands (its payloads encrypted), under
 * test/fixtures/histories, and its data key, wrapped by the tests' master key, under keys/.
 */
async function writeHistory(parvis: RunningParvis, code: string, file: string, runId?: string): Promise<void> {
  const { History } = proto.temporal.api.history.v1;
  const history = History.fromObject(await parvis.temporal.workflow.getHandle(`request-${code}`, runId).fetchHistory());
  const json = History.toObject(history, { longs: String, enums: String, bytes: String });
  const dir = join(import.meta.dirname, '../fixtures/histories');
  await writeFile(join(dir, `${file}.json`), `${JSON.stringify(json, null, 1)}\n`);
  const keys = await parvis.sql<RecordedKey[]>`select key_id as "keyId", encode(wrapped_key, 'base64') as "wrappedKey",
    master_key_id as "masterKeyId" from workflow_data_keys where key_id = ${`request-${code}`}`;
  await writeFile(join(dir, 'keys', `${file}.json`), `${JSON.stringify(keys, null, 1)}\n`);
  console.log(`recorded ${history.events?.length} events of request ${code} in ${file}.json, its key in keys/`);
}

/** An order waits for its payment's message; a payment notice publishes it and broadcasts a signal. */
async function recordMessages(parvis: RunningParvis, name: string): Promise<void> {
  const deploy = async (key: string, file: string) => {
    const bpmn = await readFile(join(import.meta.dirname, `../fixtures/${file}`), 'utf8');
    await deployProcedure(parvis.sql, 'demo', { key, title: { fr: key, en: key }, bpmn, forms: {} }, 'test');
  };
  await deploy('attente-paiement', 'payment-wait-procedure.bpmn');
  await deploy('avis-paiement', 'payment-notice-procedure.bpmn');
  const submit = async (procedure: string) => {
    const { submitRequest } = await parvis
      .client()
      .data<{ submitRequest: { trackingCode: string } }>(
        'mutation ($procedure: String!, $data: JSON!) { submitRequest(municipality: "demo", procedure: $procedure, data: $data) { trackingCode } }',
        { procedure, data: { orderId: 'CMD-REPLAY' } },
      );
    return submitRequest.trackingCode;
  };
  const order = await submit('attente-paiement');
  await eventually(async () => {
    const rows = await parvis.sql`select 1 from message_subscriptions s join requests r on r.id = s.request_id
      where r.tracking_code = ${order}`;
    return rows.length > 0 ? true : undefined;
  });
  const notice = await submit('avis-paiement');
  await parvis.temporal.workflow.getHandle(`request-${notice}`).result();
  await eventually(async () => {
    const rows = await parvis.sql`select 1 from tasks t join requests r on r.id = t.request_id
      where r.tracking_code = ${order} and t.status = 'open'`;
    return rows.length > 0 ? true : undefined;
  });
  await writeHistory(parvis, notice, `${name}-published`);
  await writeHistory(parvis, order, `${name}-received`);
}

/** A request at v1's review moved to v2 (the review renamed, a check after it), then answered on v2. */
async function recordMigration(parvis: RunningParvis, name: string): Promise<void> {
  const deploy = async (file: string) => {
    const bpmn = await readFile(join(import.meta.dirname, `../fixtures/${file}`), 'utf8');
    const source = { key: 'terrace-permit', title: { fr: 'Terrasse', en: 'Terrace' }, bpmn, forms: {} };
    return (await deployProcedure(parvis.sql, 'demo', { ...source, bpmn: bpmn.replace('>COOLING<', '>P1D<') }, 'test'))
      .version;
  };
  const from = await deploy('migration-v1.bpmn');
  const { submitRequest } = await parvis
    .client()
    .data<{ submitRequest: { trackingCode: string } }>(
      'mutation { submitRequest(municipality: "demo", procedure: "terrace-permit", data: { fast: true }) { trackingCode } }',
    );
  const code = submitRequest.trackingCode;
  const openTask = (elementId: string) =>
    eventually(async () => {
      const [task] = await parvis.sql<{ id: string }[]>`select t.id from tasks t join requests r on r.id = t.request_id
        where r.tracking_code = ${code} and t.status = 'open' and t.element_id = ${elementId}`;
      return task;
    });
  await openTask('Review');
  const to = await deploy('migration-v2.bpmn');
  const analyst = parvis.client();
  await analyst.data(
    'mutation { signIn(municipality: "demo", email: "analyste@demoville.fr", password: "demo-analyste") { id } }',
  );
  await analyst.data(
    `mutation ($from: Int!, $to: Int!) { migrateRequests(procedureKey: "terrace-permit", fromVersion: $from, toVersion: $to,
      mapping: [{ from: "Review", to: "Examine" }]) { outcome } }`,
    { from, to },
  );
  const agent = parvis.client();
  await agent.data(
    `mutation { signIn(municipality: "demo", email: "accueil@demoville.fr", password: "demo-accueil") { id } }`,
  );
  for (const elementId of ['Examine', 'Check']) {
    const task = await openTask(elementId);
    await agent.data('mutation ($id: ID!) { completeTask(taskId: $id, data: {}) { status } }', { id: task.id });
  }
  const handle = parvis.temporal.workflow.getHandle(`request-${code}`);
  await handle.result();
  // The run on the new version starts from the one that took the move.
  const [started] = (await handle.fetchHistory()).events ?? [];
  const movedRun = started?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId ?? undefined;
  await writeHistory(parvis, code, `${name}-moved`, movedRun);
  await writeHistory(parvis, code, `${name}-continued`);
}

const SUBMIT = `mutation ($data: JSON!) { submitRequest(municipality: "demo", procedure: "contact", data: $data) { trackingCode } }`;

/** A contact request answered by the front desk; `completeness`: its file declared incomplete, then complete, first. */
async function recordContactAnswered(parvis: RunningParvis, name: string, completeness = false): Promise<void> {
  const citizen = parvis.client();
  const agent = parvis.client();
  await agent.data(
    `mutation { signIn(municipality: "demo", email: "accueil@demoville.fr", password: "demo-accueil") { id } }`,
  );
  const { submitRequest } = await citizen.data<{ submitRequest: { trackingCode: string } }>(SUBMIT, {
    data: { subject: 'Horaires', message: 'Êtes-vous ouverts le samedi ?', email: 'replay@example.fr' },
  });
  const code = submitRequest.trackingCode;
  if (completeness) {
    const handle = parvis.temporal.workflow.getHandle(`request-${code}`);
    const actor = { id: 'replay', displayName: 'Camille Accueil', groups: ['accueil'] };
    const pieces = [{ id: 'justificatif', fr: 'Justificatif de domicile', en: 'Proof of address' }];
    await handle.executeUpdate(declareFileIncompleteUpdate, { args: [{ pieces, actor }] });
    await handle.executeUpdate(declareFileCompleteUpdate, { args: [{ actor }] });
  }
  const task = await eventually(async () => {
    const { inbox } = await agent.data<{ inbox: { id: string; request: { trackingCode: string } }[] }>(
      '{ inbox: workQueue(filter: { scope: AVAILABLE }, first: 200) { id request { trackingCode } } }',
    );
    return inbox.find((t) => t.request.trackingCode === code);
  });
  await agent.data(
    `mutation ($id: ID!) { completeTask(taskId: $id, data: { answer: "Oui, de 9 h à 12 h." }) { status } }`,
    { id: task.id },
  );
  await parvis.temporal.workflow.getHandle(`request-${code}`).result();
  await writeHistory(parvis, code, name);
}

const name = process.argv[2] ?? 'contact-answered';
const parvis = await startParvis();
try {
  if (process.argv[3] === 'messages') await recordMessages(parvis, name);
  else if (process.argv[3] === 'migration') await recordMigration(parvis, name);
  else await recordContactAnswered(parvis, name, process.argv[3] === 'completeness');
} finally {
  await parvis.stop();
}

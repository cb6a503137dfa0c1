// Records a history the replay test replays: `npx tsx test/support/record-histories.ts <name>`
// writes test/fixtures/histories/<name>.json (default contact-answered): a contact request answered.
// `npx tsx test/support/record-histories.ts <name> messages` records instead the two requests of a
// payment notice (its message throw and signal end: <name>-published.json) and of the order that
// waited for it (until the message opens its task: <name>-received.json). Record under a new name
// after a versioned workflow change (patched), so the histories of earlier code still replay too.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deployProcedure } from '@parvis/graphql';
import type { Client } from '@temporalio/client';
import proto from '@temporalio/proto';
import { eventually } from './graphql-client.ts';
import { type RunningParvis, startParvis } from './parvis.ts';

/** Writes a request's workflow history, as it stands, under test/fixtures/histories. */
async function writeHistory(temporal: Client, code: string, file: string): Promise<void> {
  const { History } = proto.temporal.api.history.v1;
  const history = History.fromObject(await temporal.workflow.getHandle(`request-${code}`).fetchHistory());
  const json = History.toObject(history, { longs: String, enums: String, bytes: String });
  await writeFile(
    join(import.meta.dirname, `../fixtures/histories/${file}.json`),
    `${JSON.stringify(json, null, 1)}\n`,
  );
  console.log(`recorded ${history.events?.length} events of request ${code} in ${file}.json`);
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
  await writeHistory(parvis.temporal, notice, `${name}-published`);
  await writeHistory(parvis.temporal, order, `${name}-received`);
}

const SUBMIT = `mutation ($data: JSON!) { submitRequest(municipality: "demo", procedure: "contact", data: $data) { trackingCode } }`;

/** A contact request answered by the front desk. */
async function recordContactAnswered(parvis: RunningParvis, name: string): Promise<void> {
  const citizen = parvis.client();
  const agent = parvis.client();
  await agent.data(
    `mutation { signIn(municipality: "demo", email: "accueil@demoville.fr", password: "demo-accueil") { id } }`,
  );
  const { submitRequest } = await citizen.data<{ submitRequest: { trackingCode: string } }>(SUBMIT, {
    data: { subject: 'Horaires', message: 'Êtes-vous ouverts le samedi ?', email: 'replay@example.fr' },
  });
  const code = submitRequest.trackingCode;
  const task = await eventually(async () => {
    const { inbox } = await agent.data<{ inbox: { id: string; request: { trackingCode: string } }[] }>(
      '{ inbox: workQueue(filter: { scope: available }, first: 200) { id request { trackingCode } } }',
    );
    return inbox.find((t) => t.request.trackingCode === code);
  });
  await agent.data(
    `mutation ($id: ID!) { completeTask(taskId: $id, data: { answer: "Oui, de 9 h à 12 h." }) { status } }`,
    { id: task.id },
  );
  await parvis.temporal.workflow.getHandle(`request-${code}`).result();
  await writeHistory(parvis.temporal, code, name);
}

const name = process.argv[2] ?? 'contact-answered';
const parvis = await startParvis();
try {
  if (process.argv[3] === 'messages') await recordMessages(parvis, name);
  else await recordContactAnswered(parvis, name);
} finally {
  await parvis.stop();
}

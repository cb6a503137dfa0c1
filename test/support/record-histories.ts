// Records the histories the replay test replays: `npx tsx test/support/record-histories.ts`.
// Re-record only on purpose: a workflow change that fails replay would break requests in flight,
// and needs Temporal's versioning (patched) instead.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import proto from '@temporalio/proto';
import { eventually } from './graphql-client.ts';
import { startParvis } from './parvis.ts';

const SUBMIT = `mutation ($data: JSON!) { submitRequest(municipality: "demo", procedure: "contact", data: $data) { trackingCode } }`;

const parvis = await startParvis();
try {
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
      '{ inbox { id request { trackingCode } } }',
    );
    return inbox.find((t) => t.request.trackingCode === code);
  });
  await agent.data(
    `mutation ($id: ID!) { completeTask(taskId: $id, data: { answer: "Oui, de 9 h à 12 h." }) { status } }`,
    { id: task.id },
  );
  const handle = parvis.temporal.workflow.getHandle(`request-${code}`);
  await handle.result();
  const { History } = proto.temporal.api.history.v1;
  const history = History.fromObject(await handle.fetchHistory());
  const json = History.toObject(history, { longs: String, enums: String, bytes: String });
  await writeFile(
    join(import.meta.dirname, '../fixtures/histories/contact-answered.json'),
    `${JSON.stringify(json, null, 1)}\n`,
  );
  console.log(`recorded ${history.events?.length} events of request ${code}`);
} finally {
  await parvis.stop();
}

// Records a history the replay test replays: `npx tsx test/support/record-histories.ts <name>`
// writes test/fixtures/histories/<name>.json (default contact-answered). Record under a new name
// after a versioned workflow change (patched), so the histories of earlier code still replay too.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import proto from '@temporalio/proto';
import { eventually } from './graphql-client.ts';
import { startParvis } from './parvis.ts';

const SUBMIT = `mutation ($data: JSON!) { submitRequest(municipality: "demo", procedure: "contact", data: $data) { trackingCode } }`;

const name = process.argv[2] ?? 'contact-answered';
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
      '{ inbox: workQueue(filter: { scope: available }, first: 200) { id request { trackingCode } } }',
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
    join(import.meta.dirname, `../fixtures/histories/${name}.json`),
    `${JSON.stringify(json, null, 1)}\n`,
  );
  console.log(`recorded ${history.events?.length} events of request ${code}`);
} finally {
  await parvis.stop();
}

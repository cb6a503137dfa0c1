import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployDocumentsProcedure } from '../support/documents-procedure.ts';
import { eventually, type GraphqlClient } from '../support/graphql-client.ts';
import { type RunningParvis, startParvis } from '../support/parvis.ts';

const EMAIL = 'nora@example.fr';
const SUBMIT = `mutation ($data: JSON!) {
  submitRequest(municipality: "demo", procedure: "pieces", data: $data) { trackingCode } }`;
const ANSWER = `mutation ($code: String!, $email: String!, $files: [AnsweredFiles!]) {
  answerRequest(trackingCode: $code, email: $email, answer: "Voici le justificatif.", files: $files) { trackingCode } }`;
const PDF = Buffer.from('%PDF-1.4\n%justificatif\n%%EOF\n');

describe('a citizen sends the missing documents with their answer', () => {
  let parvis: RunningParvis;
  let citizen: GraphqlClient;

  beforeAll(async () => {
    parvis = await startParvis();
    citizen = parvis.client();
    await deployDocumentsProcedure(parvis.sql);
  });
  afterAll(async () => {
    await parvis?.stop();
  });

  const upload = async () => {
    const body = new FormData();
    body.append('file', new Blob([new Uint8Array(PDF)], { type: 'application/pdf' }), 'justificatif.pdf');
    const response = await fetch(`${parvis.url}/files/demo/pieces?field=justificatif`, { method: 'POST', body });
    expect(response.status).toBe(201);
    return ((await response.json()) as { id: string }).id;
  };
  const filesOf = (code: string) =>
    parvis.sql<{ name: string }[]>`select f.name from stored_files f join requests r on r.id = f.request_id
      where r.tracking_code = ${code}`;
  const submit = async () =>
    (await citizen.data<{ submitRequest: { trackingCode: string } }>(SUBMIT, { data: { email: EMAIL } })).submitRequest
      .trackingCode;
  /** Answers once the request waits for the citizen (before, the answer is refused as NOT_WAITING). */
  const answer = (code: string, files: { field: string; ids: string[] }[]) =>
    eventually(async () => {
      const result = await citizen.request(ANSWER, { code, email: EMAIL, files });
      return result.errors?.[0]?.extensions?.code === 'NOT_WAITING' ? undefined : result;
    }, 60_000);

  it('attaches the files to the request and moves it on', { timeout: 120_000 }, async () => {
    // given a request waiting for the citizen's documents, and a document they uploaded
    const code = await submit();
    const id = await upload();

    // when they answer with it
    const answered = await answer(code, [{ field: 'justificatif', ids: [id] }]);
    expect(answered.errors).toBeUndefined();

    // then the document is the request's, listed for the agent and the citizen
    expect(await filesOf(code)).toEqual([{ name: 'justificatif.pdf' }]);
    // and the request went on to the agent's review
    await eventually(async () => {
      const [task] = await parvis.sql<
        { name: string }[]
      >`select t.name from tasks t join requests r on r.id = t.request_id
        where r.tracking_code = ${code}`;
      return task;
    });
  });

  it('refuses the answer whole when a file is not an upload for this form, attaching nothing', {
    timeout: 120_000,
  }, async () => {
    const code = await submit();
    const id = await upload();
    // a file uploaded for another field (or another procedure) is refused beside that field
    const refused = await answer(code, [{ field: 'photos', ids: [id] }]);
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'FORM_INVALID',
      fields: [{ field: 'photos', code: 'fileNotFound' }],
    });
    expect(await filesOf(code)).toEqual([]);
    // and the request still waits: the same file, for its own field, is then accepted
    expect((await answer(code, [{ field: 'justificatif', ids: [id] }])).errors).toBeUndefined();
    expect(await filesOf(code)).toEqual([{ name: 'justificatif.pdf' }]);
  });
});

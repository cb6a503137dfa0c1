import { openPayloadEncryption, SEARCH_ATTRIBUTES } from '@parvis/workers';
import { Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closedWith,
  completePrepare,
  fileApprovalRequest,
  openTaskFor,
  requestStatus,
} from '../support/approval-requests.ts';
import { signInByLink } from '../support/citizen-links.ts';
import { eventually, type GraphqlClient } from '../support/graphql-client.ts';
import { testMasterKeys } from '../support/master-key.ts';
import type { RunningParvis } from '../support/parvis.ts';
import { dumpHits, exportHistories, historyHits, pgDump } from '../support/personal-data-search.ts';
import { type Signatory, startSignatureBook } from '../support/signatory.ts';

const EMAIL = 'camille.erasmus@example.fr';
const PHONE = '06 47 12 58 39';
const FIRST = 'Camille';
const LAST = 'Erasmus-Quintal';
/** what is searched: the e-mail, the phone as typed and as digits, the name */
const WORDS = [EMAIL, PHONE, '0647125839', LAST, `${FIRST} ${LAST}`];

const VERIFY = `query ($code: String!) { verifySignatures(trackingCode: $code) {
  valid dataErasedAt chain { valid problems { position problem } } signatures { signer valid problems notes } } }`;

describe('erasing a person erases them everywhere: PostgreSQL, Temporal, its backups', () => {
  let parvis: RunningParvis;
  let citizen: GraphqlClient;
  let accueil: GraphqlClient;
  let service: Signatory;
  let chef: Signatory;
  let signed: string;
  let inSignature: string;

  beforeAll(async () => {
    ({ parvis, citizen, accueil, service, chef } = await startSignatureBook());
    await signInByLink(parvis, citizen, 'demo', EMAIL);
    await citizen.data('mutation ($p: ProfileInput!) { updateMyProfile(profile: $p) { id } }', {
      p: { firstName: FIRST, lastName: LAST, phone: PHONE },
    });
    const data = { email: EMAIL, phone: PHONE, nom: `${FIRST} ${LAST}`, amount: 1200 };
    // a request signed to its end, and one waiting for its first signature
    signed = await fileApprovalRequest(citizen, 'approval-chain', data);
    inSignature = await fileApprovalRequest(citizen, 'approval-chain', { ...data, amount: 300 });
    await completePrepare(parvis, accueil, signed);
    await service.sign((await openTaskFor(parvis, signed, 'service')).id, 'APPROVE');
    await chef.sign((await openTaskFor(parvis, signed, 'chef')).id, 'APPROVE', 'Vu.');
    await closedWith(parvis, signed);
    await completePrepare(parvis, accueil, inSignature);
    await openTaskFor(parvis, inSignature, 'service');
  }, 240_000);
  afterAll(async () => {
    await parvis?.stop();
  });

  const verify = async (code: string) =>
    (await accueil.data<{ verifySignatures: { valid: boolean; dataErasedAt: string | null } }>(VERIFY, { code }))
      .verifySignatures;

  it('keeps them out of Temporal from the start: its histories hold only ciphertext', async () => {
    // given the person's two requests, in PostgreSQL where the town needs them
    expect(dumpHits(await pgDump(parvis.databaseUrl), WORDS)).toEqual(
      expect.arrayContaining([`${EMAIL} in public.citizens`, `${LAST} in public.citizens`]),
    );
    // when every history is exported as Temporal stores it
    const histories = await exportHistories(parvis.temporal);
    const requestHistories = [...histories.keys()].filter((key) => key.startsWith('request-'));
    expect(requestHistories.length).toBeGreaterThanOrEqual(2);
    // then none of their words is there, while what is not personal (activity names) reads in clear
    expect(historyHits(histories, WORDS)).toEqual([]);
    expect(historyHits(histories, ['recordStep', 'binary/encrypted']).length).toBeGreaterThan(0);
    // and the workflows themselves see clear data
    expect(await closedWith(parvis, signed)).toMatchObject({ email: EMAIL, phone: PHONE });
    // and operators still find the request, by search attributes that hold nothing personal
    const found = await eventually(async () => {
      const listed = [];
      for await (const execution of parvis.temporal.workflow.list({ query: `ParvisTrackingCode = '${signed}'` }))
        listed.push(execution);
      return listed.length === 1 && listed[0]!.typedSearchAttributes.get(SEARCH_ATTRIBUTES.status) === 'closed'
        ? listed[0]
        : undefined;
    });
    expect(found.workflowId).toBe(`request-${signed}`);
    expect(found.typedSearchAttributes.get(SEARCH_ATTRIBUTES.town)).toBe('demo');
    expect(found.typedSearchAttributes.get(SEARCH_ATTRIBUTES.procedure)).toBe('approval-chain');
  });

  it('erases them everywhere, with signatures still verifying and the request in signature going on', async () => {
    // when the person erases their account while a request of theirs waits for a signature
    expect((await citizen.data<{ deleteMyAccount: boolean }>('mutation { deleteMyAccount }')).deleteMyAccount).toBe(
      true,
    );

    // then the signed request still verifies, saying its data were erased
    expect(await verify(signed)).toMatchObject({ valid: true });
    expect((await verify(signed)).dataErasedAt).not.toBeNull();
    // and the request in signature, which two neighbours follow (its close mails both), is signed to its end, nothing lost
    await parvis.sql`insert into request_followers (municipality_id, request_id, email, reason)
      select municipality_id, id, unnest(array['voisin.un@example.fr', 'voisin.deux@example.fr']), 'follow'
      from requests where tracking_code = ${inSignature}`;
    await service.sign((await openTaskFor(parvis, inSignature, 'service')).id, 'APPROVE');
    await chef.sign((await openTaskFor(parvis, inSignature, 'chef')).id, 'APPROVE');
    await eventually(async () => ((await requestStatus(parvis, inSignature)).status === 'closed' ? true : undefined));
    expect(await verify(inSignature)).toMatchObject({ valid: true });

    // and once it has closed, both requests' data keys are destroyed
    await eventually(async () => {
      const rows = await parvis.sql<{ destroyed: boolean }[]>`select k.wrapped_key is null as destroyed
        from workflow_data_keys k join requests r on r.workflow_id = k.key_id
        where r.tracking_code in (${signed}, ${inSignature})`;
      return rows.length === 2 && rows.every((row) => row.destroyed) ? true : undefined;
    }, 60_000);

    // and a dump of the whole database and every history hold none of their words
    expect(dumpHits(await pgDump(parvis.databaseUrl), WORDS)).toEqual([]);
    expect(historyHits(await exportHistories(parvis.temporal), WORDS)).toEqual([]);

    // and what Temporal keeps of their requests cannot be read any more, by any process
    const fresh = await openPayloadEncryption(parvis.databaseUrl, testMasterKeys());
    try {
      const reader = new Client({
        connection: parvis.temporal.connection,
        namespace: parvis.temporal.options.namespace,
        dataConverter: { payloadCodecs: [fresh.codec] },
      });
      const { workflow_id } = await requestStatus(parvis, signed);
      await expect(reader.workflow.getHandle(workflow_id).result()).rejects.toThrow(
        /données effacées le .* \/ data erased on/,
      );
    } finally {
      await fresh.close();
    }
  }, 240_000);
});

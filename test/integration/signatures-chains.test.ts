import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closedWith,
  completePrepare,
  fileApprovalRequest,
  openTaskFor,
  openTasks,
  signedEvents,
} from '../support/approval-requests.ts';
import type { GraphqlClient } from '../support/graphql-client.ts';
import type { RunningParvis } from '../support/parvis.ts';
import { pdfText } from '../support/pdf.ts';
import { Signatory, startSignatureBook } from '../support/signatory.ts';

const VERIFY = `query ($code: String!) { verifySignatures(trackingCode: $code) {
  valid chain { valid events problems { position problem } }
  signatures { position step groups decision comment signer onBehalfOf keyFingerprint valid problems } } }`;

interface Verification {
  valid: boolean;
  chain: { valid: boolean; events: number; problems: unknown[] };
  signatures: {
    step: string;
    groups: string[];
    decision: string;
    comment: string;
    signer: string;
    onBehalfOf: string | null;
    keyFingerprint: string;
    valid: boolean;
    problems: string[];
  }[];
}

describe('approval chains signed in the signature book, on real Temporal and PostgreSQL', () => {
  let parvis: RunningParvis;
  let citizen: GraphqlClient;
  let accueil: GraphqlClient;
  let service: Signatory;
  let chef: Signatory;
  let elue: Signatory;
  let adjoint: Signatory;

  beforeAll(async () => {
    ({ parvis, citizen, accueil, service, chef } = await startSignatureBook());
    elue = await Signatory.create(parvis, 'Élodie Élue', ['elus']);
    adjoint = await Signatory.create(parvis, 'Denis Adjoint', ['adjoints']);
  });
  afterAll(async () => {
    await parvis?.stop();
  });

  it('climbs three levels above 5,000 €: a return for changes, a second pass, and a refusal that ends it', async () => {
    // given a grant request of 8,000 €, instructed by the front desk
    const code = await fileApprovalRequest(citizen, 'approval-chain', { amount: 8000 });
    await completePrepare(parvis, accueil, code);

    // when the department approves and its head sends it back for changes
    await service.sign((await openTaskFor(parvis, code, 'service')).id, 'APPROVE', 'Dossier complet.');
    await chef.sign((await openTaskFor(parvis, code, 'chef')).id, 'RETURN', 'Il manque le budget prévisionnel.');

    // then it is back with the instructing agent, and climbs again from the start
    await completePrepare(parvis, accueil, code);
    await service.sign((await openTaskFor(parvis, code, 'service')).id, 'APPROVE', 'Budget joint.');
    await chef.sign((await openTaskFor(parvis, code, 'chef')).id, 'APPROVE');
    // and above 5,000 € the elected officials sign last: here they refuse
    await elue.sign((await openTaskFor(parvis, code, 'elus')).id, 'REFUSE', 'Enveloppe annuelle épuisée.');

    // then the request ends refused, after the three levels of the second pass
    const variables = await closedWith(parvis, code);
    expect(variables.decision).toBe('refuse');
    expect(variables.decisions).toEqual(['approve', 'approve', 'refuse']);

    // and each decision is a signed event of the timeline, in order
    const signed = await signedEvents(parvis, code);
    expect(signed.map((e) => [e.payload.signer.name, e.payload.decision])).toEqual([
      ['Sophie Service', 'approve'],
      ['Charles Chef', 'return'],
      ['Sophie Service', 'approve'],
      ['Charles Chef', 'approve'],
      ['Élodie Élue', 'refuse'],
    ]);
    expect(signed[4]!.payload.keyFingerprint).toBe(elue.key.fingerprint);
    expect(JSON.parse(signed[1]!.payload.signedPayload)).toMatchObject({
      purpose: 'parvis.decision.v1',
      tenant: 'demo',
      decision: 'return',
      comment: 'Il manque le budget prévisionnel.',
      request: { trackingCode: code },
      task: { elementId: 'Sign', groups: ['chef'] },
    });

    // and anyone of the town hall can verify every signature and the hash chain
    const { verifySignatures } = await accueil.data<{ verifySignatures: Verification }>(VERIFY, { code });
    expect(verifySignatures.valid).toBe(true);
    expect(verifySignatures.chain.problems).toEqual([]);
    expect(verifySignatures.signatures.map((s) => [s.signer, s.groups, s.decision, s.valid])).toEqual([
      ['Sophie Service', ['service'], 'approve', true],
      ['Charles Chef', ['chef'], 'return', true],
      ['Sophie Service', ['service'], 'approve', true],
      ['Charles Chef', ['chef'], 'approve', true],
      ['Élodie Élue', ['elus'], 'refuse', true],
    ]);

    // and so can the applicant, with the e-mail the request was filed with
    const asApplicant = await parvis
      .client()
      .data<{ verifySignatures: { valid: boolean; signatures: unknown[] } }>(
        'query ($code: String!) { verifySignatures(trackingCode: $code, email: "asso@example.fr") { valid signatures { signer } } }',
        { code },
      );
    expect(asApplicant.verifySignatures).toMatchObject({ valid: true, signatures: { length: 5 } });
    const stranger = await parvis
      .client()
      .request(
        'query ($code: String!) { verifySignatures(trackingCode: $code, email: "intrus@example.fr") { valid } }',
        { code },
      );
    expect(stranger.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    // and the decision document lists them, for an agent signed in
    const pdf = await fetch(`${parvis.url}/documents/${code}/decision.pdf`, {
      headers: { cookie: (accueil as unknown as { cookie: string }).cookie },
    });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const { request } = await accueil.data<{ request: { documents: { kind: string }[] } }>(
      'query ($code: String!) { request(trackingCode: $code) { documents { kind } } }',
      { code },
    );
    expect(request.documents.map((d) => d.kind)).toContain('signedDecision');
    const text = await pdfText(new Uint8Array(await pdf.arrayBuffer()));
    expect(text).toContain('DÉCISION ET SIGNATURES');
    expect(text).toContain('Élodie Élue');
    expect(text).toContain('Enveloppe annuelle épuisée.');
    expect(text).toContain('Renvoyé pour modification');
    expect(text).toContain(elue.key.fingerprint.slice(0, 4));
    expect(text).toContain('Toutes les signatures et la chaîne');
  });

  it('needs only two levels up to 5,000 €', async () => {
    // given
    const code = await fileApprovalRequest(citizen, 'approval-chain', { amount: 1200 });
    await completePrepare(parvis, accueil, code);
    // when
    await service.sign((await openTaskFor(parvis, code, 'service')).id, 'APPROVE');
    await chef.sign((await openTaskFor(parvis, code, 'chef')).id, 'APPROVE');
    // then
    const variables = await closedWith(parvis, code);
    expect(variables.decisions).toEqual(['approve', 'approve']);
  });

  it('parallel, all must approve: every signatory signs, and one refusal refuses', async () => {
    // given the three opinions asked at once
    const code = await fileApprovalRequest(citizen, 'approval-parallel', {
      rule: 'all',
      signatories: ['service', 'chef', 'elus'],
    });
    const tasks = await openTasks(parvis, code, 3);
    expect(tasks.map((t) => t.candidate_groups[0])).toEqual(['service', 'chef', 'elus']);
    // when they sign in any order, one refusing
    await chef.sign((await openTaskFor(parvis, code, 'chef')).id, 'REFUSE', 'Avis défavorable.');
    await elue.sign((await openTaskFor(parvis, code, 'elus')).id, 'APPROVE');
    await service.sign((await openTaskFor(parvis, code, 'service')).id, 'APPROVE');
    // then all three signed, and the outcome is a refusal
    const variables = await closedWith(parvis, code);
    expect(variables.decisions).toEqual(['approve', 'refuse', 'approve']);
    expect((await signedEvents(parvis, code)).length).toBe(3);
  });

  it('parallel, the first refusal ends it: the signatures still awaited are withdrawn', async () => {
    // given
    const code = await fileApprovalRequest(citizen, 'approval-parallel', {
      rule: 'firstRefusal',
      signatories: ['service', 'chef', 'elus'],
    });
    await openTasks(parvis, code, 3);
    // when the department approves and the head refuses
    await service.sign((await openTaskFor(parvis, code, 'service')).id, 'APPROVE');
    await chef.sign((await openTaskFor(parvis, code, 'chef')).id, 'REFUSE');
    // then the elected officials' step is cancelled and the request refused
    const variables = await closedWith(parvis, code);
    expect(variables.decisions).toEqual(['approve', 'refuse', null]);
    const [cancelled] = await parvis.sql<{ status: string }[]>`select t.status from tasks t
      join requests r on r.id = t.request_id where r.tracking_code = ${code} and 'elus' = any(t.candidate_groups)`;
    expect(cancelled!.status).toBe('cancelled');
    expect((await signedEvents(parvis, code)).length).toBe(2);
  });

  it('a delegation lets a deputy sign for an absent official, "on behalf of", and is in the audit trail', async () => {
    // given the elected official delegates her signature to her deputy for her absence
    const { delegateSignature } = await elue.client.data<{ delegateSignature: { id: string; active: boolean } }>(
      `mutation ($to: ID!, $until: String!) { delegateSignature(to: $to, endsAt: $until, reason: "Congés") { id active } }`,
      { to: adjoint.id, until: new Date(Date.now() + 7 * 86_400_000).toISOString() },
    );
    expect(delegateSignature.active).toBe(true);
    const code = await fileApprovalRequest(citizen, 'approval-chain', { amount: 9000 });
    await completePrepare(parvis, accueil, code);
    await service.sign((await openTaskFor(parvis, code, 'service')).id, 'APPROVE');
    await chef.sign((await openTaskFor(parvis, code, 'chef')).id, 'APPROVE');

    // when the deputy, not in the elected officials' group, finds their step among those he may sign for her
    const elusTask = (await openTaskFor(parvis, code, 'elus')).id;
    const { delegatedTasks } = await adjoint.client.data<{
      delegatedTasks: { id: string; request: { trackingCode: string } }[];
    }>('{ delegatedTasks { id request { trackingCode } } }');
    expect(delegatedTasks).toContainEqual({ id: elusTask, request: { trackingCode: code } });
    // and signs it
    const { signDecision } = await adjoint.sign(elusTask, 'APPROVE', 'Par délégation.');

    // then the signature is his, with his key, on behalf of the official
    expect(signDecision.onBehalfOf).toBe('Élodie Élue');
    const variables = await closedWith(parvis, code);
    expect(variables.decision).toBe('approve');
    const last = (await signedEvents(parvis, code)).at(-1)!;
    expect(last.payload.signer.name).toBe('Denis Adjoint');
    expect(last.payload.onBehalfOf?.name).toBe('Élodie Élue');
    expect(last.payload.delegationId).toBe(delegateSignature.id);
    expect(last.payload.keyFingerprint).toBe(adjoint.key.fingerprint);
    const { verifySignatures } = await accueil.data<{ verifySignatures: Verification }>(VERIFY, { code });
    expect(verifySignatures.valid).toBe(true);
    expect(verifySignatures.signatures.at(-1)).toMatchObject({ signer: 'Denis Adjoint', onBehalfOf: 'Élodie Élue' });

    // and the delegation is in the audit trail, which managers read
    const manager = parvis.client();
    await manager.data(
      `mutation { signIn(municipality: "demo", email: "manager@demoville.fr", password: "demo-manager") { id } }`,
    );
    const { signatureAudit } = await manager.data<{
      signatureAudit: { action: string; actor: string; details: { delegate?: string } }[];
    }>(`{ signatureAudit { action actor details } }`);
    expect(signatureAudit).toContainEqual(
      expect.objectContaining({
        action: 'delegationGranted',
        actor: 'Élodie Élue',
        details: expect.objectContaining({ delegate: adjoint.id }),
      }),
    );
    expect(signatureAudit.filter((a) => a.action === 'keyEnrolled').length).toBeGreaterThanOrEqual(4);
  });
});

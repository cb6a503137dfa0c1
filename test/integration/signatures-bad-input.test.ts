import { createHash } from 'node:crypto';
import { canonicalJson } from '@parvis/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closedWith,
  completePrepare,
  fileApprovalRequest,
  openTaskFor,
  openTasks,
  requestStatus,
  signedEvents,
} from '../support/approval-requests.ts';
import { eventually, type GraphqlClient } from '../support/graphql-client.ts';
import type { RunningParvis } from '../support/parvis.ts';
import { browserKey, SIGN, Signatory, signText, startSignatureBook } from '../support/signatory.ts';
import { runVerify } from '../support/verify-command.ts';

const COMPLETE = `mutation ($id: ID!, $data: JSON) { completeTask(taskId: $id, data: $data) { status } }`;
const DELEGATE = `mutation ($to: ID!, $until: String!) { delegateSignature(to: $to, endsAt: $until) { id } }`;
const VERIFY = `query ($code: String!) { verifySignatures(trackingCode: $code) {
  valid chain { valid problems { position kind problem } } signatures { position valid problems } } }`;
const NEXT_WEEK = () => new Date(Date.now() + 7 * 86_400_000).toISOString();

interface Verification {
  valid: boolean;
  chain: { valid: boolean; problems: { position: number; kind: string | null; problem: string }[] };
  signatures: { position: number; valid: boolean; problems: string[] }[];
}

describe('the signature book refuses bad input and detects tampering', () => {
  let parvis: RunningParvis;
  let citizen: GraphqlClient;
  let accueil: GraphqlClient;
  let service: Signatory;
  let chef: Signatory;
  let code: string;
  let serviceTask: string;

  beforeAll(async () => {
    ({ parvis, citizen, accueil, service, chef } = await startSignatureBook());
    code = await fileApprovalRequest(citizen, 'approval-chain', { amount: 1200 });
    await completePrepare(parvis, accueil, code);
    serviceTask = (await openTaskFor(parvis, code, 'service')).id;
  });
  afterAll(async () => {
    await parvis?.stop();
  });

  /** Updates the workflow accepted: a refused one never enters its history. */
  const acceptedUpdates = async (trackingCode = code) => {
    const { workflow_id } = await requestStatus(parvis, trackingCode);
    const history = await parvis.temporal.workflow.getHandle(workflow_id).fetchHistory();
    return (history.events ?? []).filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes).length;
  };
  const codeOf = (result: { errors?: { extensions?: { code?: string } }[] }) => result.errors?.[0]?.extensions?.code;
  const messageOf = (result: { errors?: { message: string }[] }) => result.errors?.[0]?.message ?? '';

  it('refuses a forged signature, another agent’s key, a decision other than the one prepared, a step not theirs', async () => {
    // given the department's step open, and one update accepted so far (the instruction)
    expect(await acceptedUpdates()).toBe(1);
    const prepared = (await service.prepare(serviceTask, 'APPROVE')).data!.prepareSignature;

    // when the signature is made by a key that is not the one named
    const forger = await browserKey();
    const forged = await service.client.request(SIGN, {
      taskId: serviceTask,
      decision: 'APPROVE',
      comment: '',
      nonce: prepared.nonce,
      signature: await signText(forger.privateKey, prepared.payload),
      keyFingerprint: service.key.fingerprint,
    });
    // then
    expect(codeOf(forged)).toBe('SIGNATURE_INVALID');
    expect(messageOf(forged)).toContain('ne correspond pas au texte préparé');

    // when the agent names a colleague's key, signed with it
    const borrowed = await service.client.request(SIGN, {
      taskId: serviceTask,
      decision: 'APPROVE',
      nonce: prepared.nonce,
      signature: await signText(chef.key.privateKey, prepared.payload),
      keyFingerprint: chef.key.fingerprint,
    });
    expect(codeOf(borrowed)).toBe('KEY_INVALID');
    expect(messageOf(borrowed)).toContain("n'est pas la vôtre");

    // when the decision sent is not the one prepared and signed
    const switched = await service.client.request(SIGN, {
      taskId: serviceTask,
      decision: 'REFUSE',
      nonce: prepared.nonce,
      signature: await signText(service.key.privateKey, prepared.payload),
      keyFingerprint: service.key.fingerprint,
    });
    expect(codeOf(switched)).toBe('SIGNATURE_INVALID');

    // when the head of department tries to sign the department's step, or to use its nonce
    expect(codeOf(await chef.prepare(serviceTask, 'APPROVE'))).toBe('NOT_ALLOWED');
    const stolen = await chef.client.request(SIGN, {
      taskId: serviceTask,
      decision: 'APPROVE',
      nonce: prepared.nonce,
      signature: await signText(chef.key.privateKey, prepared.payload),
      keyFingerprint: chef.key.fingerprint,
    });
    expect(codeOf(stolen)).toBe('NONCE_INVALID');
    expect(messageOf(stolen)).toContain('délivré à un autre agent');

    // when the step takes a signature and the agent completes it without one
    const unsigned = await service.client.request(COMPLETE, { id: serviceTask, data: { decision: 'approve' } });
    expect(codeOf(unsigned)).toBe('SIGNATURE_REQUIRED');

    // then nothing of it entered the workflow, and the step is still open
    expect(await acceptedUpdates()).toBe(1);
    expect(await signedEvents(parvis, code)).toEqual([]);
    expect((await openTaskFor(parvis, code, 'service')).id).toBe(serviceTask);
  });

  it('refuses an expired nonce and a revoked key', async () => {
    // given a prepared signature whose nonce has expired
    const late = (await service.prepare(serviceTask, 'APPROVE')).data!.prepareSignature;
    await parvis.sql`update signature_nonces set expires_at = now() - interval '1 second' where nonce = ${late.nonce}`;
    const expired = await service.client.request(SIGN, {
      taskId: serviceTask,
      decision: 'APPROVE',
      nonce: late.nonce,
      signature: await signText(service.key.privateKey, late.payload),
      keyFingerprint: service.key.fingerprint,
    });
    expect(codeOf(expired)).toBe('NONCE_INVALID');
    expect(messageOf(expired)).toContain('expiré');

    // given a signature prepared, then the key revoked (lost laptop) before it is sent
    const prepared = (await service.prepare(serviceTask, 'APPROVE')).data!.prepareSignature;
    const revokedKey = service.key;
    await service.client.data(
      `mutation ($f: String!) { revokeSigningKey(fingerprint: $f, reason: "Poste perdu") { active } }`,
      {
        f: revokedKey.fingerprint,
      },
    );
    // when
    const revoked = await service.client.request(SIGN, {
      taskId: serviceTask,
      decision: 'APPROVE',
      nonce: prepared.nonce,
      signature: await signText(revokedKey.privateKey, prepared.payload),
      keyFingerprint: revokedKey.fingerprint,
    });
    // then
    expect(codeOf(revoked)).toBe('KEY_REVOKED');
    expect(codeOf(await service.prepare(serviceTask, 'APPROVE'))).toBe('KEY_INVALID');
    expect(await acceptedUpdates()).toBe(1);

    // and with a new key enrolled, the agent signs again
    await service.enrol();
    const { mySigningKeys } = await service.client.data<{
      mySigningKeys: { active: boolean; revocationReason: string | null }[];
    }>('{ mySigningKeys { active revocationReason } }');
    expect(mySigningKeys).toEqual([
      { active: true, revocationReason: null },
      { active: false, revocationReason: 'Poste perdu' },
    ]);
  });

  it('takes a nonce once: of two identical sends at the same moment, one is recorded, the replay refused', async () => {
    // given one signature, sent twice at once
    const prepared = (await service.prepare(serviceTask, 'APPROVE', 'Conforme.')).data!.prepareSignature;
    const send = async () =>
      service.client.request(SIGN, {
        taskId: serviceTask,
        decision: 'APPROVE',
        comment: 'Conforme.',
        nonce: prepared.nonce,
        signature: await signText(service.key.privateKey, prepared.payload),
        keyFingerprint: service.key.fingerprint,
      });
    // when
    const results = await Promise.all([send(), send()]);
    // then exactly one is recorded
    expect(results.filter((r) => !r.errors).length).toBe(1);
    expect(codeOf(results.find((r) => r.errors)!)).toBe('NONCE_INVALID');
    // and sent again later, it is refused as a replay
    const replay = await send();
    expect(codeOf(replay)).toBe('NONCE_INVALID');
    expect(messageOf(replay)).toContain('rejeu');
    expect(await acceptedUpdates()).toBe(2);
    expect((await signedEvents(parvis, code)).length).toBe(1);

    // and a step no longer open takes no signature
    expect(codeOf(await service.prepare(serviceTask, 'APPROVE'))).toBe('TASK_NOT_OPEN');
  });

  it('refuses a valid nonce for a step that closed after it was issued, and records nothing', async () => {
    // given a parallel chain that the first refusal ends, and the department's approval prepared
    const parallel = await fileApprovalRequest(citizen, 'approval-parallel', {
      rule: 'firstRefusal',
      signatories: ['service', 'chef'],
    });
    await openTasks(parvis, parallel, 2);
    const serviceStep = (await openTaskFor(parvis, parallel, 'service')).id;
    const prepared = (await service.prepare(serviceStep, 'APPROVE')).data!.prepareSignature;
    // when the head of department refuses first, which withdraws the department's step
    await chef.sign((await openTaskFor(parvis, parallel, 'chef')).id, 'REFUSE', 'Hors budget.');
    await eventually(async () => {
      const [step] = await parvis.sql<{ status: string }[]>`select status from tasks where id = ${serviceStep}`;
      return step!.status === 'cancelled' ? step : undefined;
    });
    // and the department's signature arrives afterwards, its nonce unused and unexpired
    const late = await service.client.request(SIGN, {
      taskId: serviceStep,
      decision: 'APPROVE',
      comment: '',
      nonce: prepared.nonce,
      signature: await signText(service.key.privateKey, prepared.payload),
      keyFingerprint: service.key.fingerprint,
    });
    // then it is refused: the step is no longer open
    expect(codeOf(late)).toBe('TASK_NOT_OPEN');
    expect(messageOf(late)).toContain("n'est plus ouverte (cancelled)");
    // and nothing of it entered the workflow: only the head's refusal is there
    expect(await acceptedUpdates(parallel)).toBe(1);
    expect((await signedEvents(parvis, parallel)).map((e) => e.payload.signer.name)).toEqual(['Charles Chef']);
    expect((await closedWith(parvis, parallel)).decisions).toEqual([null, 'refuse']);
  });

  it('refuses a delegation to oneself or in a loop, and names the loop', async () => {
    // given three agents
    const alice = await Signatory.create(parvis, 'Alice Adjointe', ['elus']);
    const bruno = await Signatory.create(parvis, 'Bruno Conseiller', ['elus']);
    const clara = await Signatory.create(parvis, 'Clara Maire', ['elus']);
    // when Alice delegates to herself
    const toSelf = await alice.client.request(DELEGATE, { to: alice.id, until: NEXT_WEEK() });
    expect(codeOf(toSelf)).toBe('DELEGATION_INVALID');
    expect(messageOf(toSelf)).toContain('vous déléguer votre propre signature');
    // when Alice → Bruno → Clara, then Clara → Alice
    await alice.client.data(DELEGATE, { to: bruno.id, until: NEXT_WEEK() });
    await bruno.client.data(DELEGATE, { to: clara.id, until: NEXT_WEEK() });
    const loop = await clara.client.request(DELEGATE, { to: alice.id, until: NEXT_WEEK() });
    // then the loop is refused and named
    expect(codeOf(loop)).toBe('DELEGATION_INVALID');
    expect(messageOf(loop)).toContain('Clara Maire → Alice Adjointe → Bruno Conseiller → Clara Maire');
    // and a direct loop too
    expect(codeOf(await bruno.client.request(DELEGATE, { to: alice.id, until: NEXT_WEEK() }))).toBe(
      'DELEGATION_INVALID',
    );
    const [delegations] = await parvis.sql<
      { count: number }[]
    >`select count(*)::int as count from signature_delegations`;
    expect(delegations!.count).toBe(2);
  });

  it('detects a stored signature, signed text, public key or timeline event altered, and says which', async () => {
    // given the request signed to its end
    await chef.sign((await openTaskFor(parvis, code, 'chef')).id, 'APPROVE', 'Vu.');
    await closedWith(parvis, code);
    const verify = async () =>
      (await accueil.data<{ verifySignatures: Verification }>(VERIFY, { code })).verifySignatures;
    expect((await verify()).valid).toBe(true);
    const [first, second] = await signedEvents(parvis, code);
    const { id: requestId } = await requestStatus(parvis, code);
    const restore = async (position: number, payload: unknown) =>
      parvis.sql`update timeline_events set payload = ${parvis.sql.json(payload as never)}
        where request_id = ${requestId} and position = ${position}`;

    // when the stored signature of the second decision is replaced
    const forged = { ...second!.payload, signature: first!.payload.signature };
    await restore(second!.position, forged);
    let report = await verify();
    // then both the event and the signature are named
    expect(report.valid).toBe(false);
    expect(report.chain.problems).toEqual([
      { position: second!.position, kind: 'signed', problem: expect.stringContaining('contenu modifié') },
    ]);
    expect(report.signatures.map((s) => s.valid)).toEqual([true, false]);
    expect(report.signatures[1]!.problems.join()).toContain('ne vérifie pas');
    await restore(second!.position, second!.payload);

    // when an event that is not a signature is altered
    const [submitted] = await parvis.sql<{ payload: Record<string, unknown> }[]>`select payload from timeline_events
      where request_id = ${requestId} and position = 1`;
    await restore(1, { ...submitted!.payload, procedure: 'Autre chose' });
    report = await verify();
    expect(report.chain.problems).toEqual([{ position: 1, kind: 'submitted', problem: expect.any(String) }]);
    expect(report.signatures.every((s) => s.valid)).toBe(true);
    await restore(1, submitted!.payload);

    // when someone who knows the chain's algorithm changes the signed decision and rehashes everything
    const altered = {
      ...first!.payload,
      decision: 'refuse',
      signedPayload: first!.payload.signedPayload.replace('"decision":"approve"', '"decision":"refuse"'),
    };
    await restore(first!.position, altered);
    await rehashChain(requestId);
    report = await verify();
    // then the chain holds, but the signature does not
    expect(report.chain.valid).toBe(true);
    expect(report.signatures[0]!.valid).toBe(false);
    expect(report.signatures[0]!.problems.join('\n')).toMatch(/texte signé modifié[\s\S]*ne vérifie pas/);

    // and the command line says the same, with exit code 1
    const cli = await runVerify(parvis, code);
    expect(cli.exitCode).toBe(1);
    expect(cli.stdout).toContain(`✗ événement / event ${first!.position}`);
    expect(cli.stdout).toContain('ALTÉRATION DÉTECTÉE');
    await restore(first!.position, first!.payload);
    await rehashChain(requestId);
    expect((await verify()).valid).toBe(true);
    expect((await runVerify(parvis, code)).exitCode).toBe(0);

    // when the public key kept for a signer is swapped for another
    const other = await browserKey();
    const [saved] = await parvis.sql<
      { public_key_spki: string }[]
    >`update signing_keys k set public_key_spki = ${other.spki}
      from signing_keys old where old.id = k.id and k.fingerprint = ${chef.key.fingerprint} returning old.public_key_spki`;
    report = await verify();
    expect(report.signatures[1]!.problems.join()).toContain('clé publique enregistrée');
    await parvis.sql`update signing_keys set public_key_spki = ${saved!.public_key_spki} where fingerprint = ${chef.key.fingerprint}`;
    expect((await verify()).valid).toBe(true);

    // when the request's data, which every signer signed the hash of, are changed afterwards
    await parvis.sql`update requests set data = data || '{"amount": 120000}' where id = ${requestId}`;
    report = await verify();
    expect(report.signatures.map((s) => s.valid)).toEqual([false, false]);
    expect(report.signatures[0]!.problems.join()).toContain('les données de la demande ne sont plus celles');
    await parvis.sql`update requests set data = data || '{"amount": 1200}' where id = ${requestId}`;
    expect((await verify()).valid).toBe(true);
  });

  /** Recomputes every hash of a request's timeline, as a forger who knows the algorithm would. */
  async function rehashChain(requestId: string) {
    const events = await parvis.sql<{ position: number; kind: string; payload: unknown; occurred_at: Date }[]>`
      select position, kind, payload, occurred_at from timeline_events where request_id = ${requestId} order by position`;
    let prev = '0'.repeat(64);
    for (const e of events) {
      const content = {
        requestId,
        position: e.position,
        kind: e.kind,
        payload: e.payload,
        occurredAt: e.occurred_at.toISOString(),
      };
      const hash = createHash('sha256').update(prev).update(canonicalJson(content)).digest('hex');
      await parvis.sql`update timeline_events set prev_hash = ${prev}, hash = ${hash}
        where request_id = ${requestId} and position = ${e.position}`;
      prev = hash;
    }
  }
});

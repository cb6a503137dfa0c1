import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closedWith,
  fileApprovalRequest,
  openTasks,
  requestStatus,
  signedEvents,
} from '../support/approval-requests.ts';
import { eventually, type GraphqlClient } from '../support/graphql-client.ts';
import type { RunningParvis } from '../support/parvis.ts';
import { Signatory, startSignatureBook } from '../support/signatory.ts';

const INBOX = '{ inbox: workQueue(filter: { scope: AVAILABLE }, first: 200) { id request { trackingCode } } }';
const WORK_QUEUE = '{ workQueue(first: 200) { id request { trackingCode } } }';

interface InboxTask {
  id: string;
  request: { trackingCode: string };
}

describe('a signature step naming agents rather than groups, on real Temporal and PostgreSQL', () => {
  let parvis: RunningParvis;
  let citizen: GraphqlClient;
  let nadia: Signatory;
  let yves: Signatory;
  let yann: Signatory;

  beforeAll(async () => {
    ({ parvis, citizen } = await startSignatureBook());
    // none of them is in a group: only the model's candidateUsers give them the steps
    nadia = await Signatory.create(parvis, 'Nadia Viseuse', []);
    yves = await Signatory.create(parvis, 'Yves Signataire', []);
    yann = await Signatory.create(parvis, 'Yann Tiers', []);
  });
  afterAll(async () => {
    await parvis?.stop();
  });

  /** The tasks of a request in the agent's inbox, as both the inbox and the portal's work queue list them. */
  const inboxOf = async (agent: Signatory, code: string) => {
    const { inbox } = await agent.client.data<{ inbox: InboxTask[] }>(INBOX);
    const { workQueue } = await agent.client.data<{ workQueue: InboxTask[] }>(WORK_QUEUE);
    const ofRequest = (tasks: InboxTask[]) => tasks.filter((t) => t.request.trackingCode === code).map((t) => t.id);
    expect(ofRequest(workQueue)).toEqual(ofRequest(inbox));
    return ofRequest(inbox);
  };
  /** Waits for the request's step to be in the agent's inbox, and gives its id. */
  const stepInInboxOf = (agent: Signatory, code: string) => eventually(async () => (await inboxOf(agent, code))[0]);

  const codeOf = (result: { errors?: { extensions?: { code?: string } }[] }) => result.errors?.[0]?.extensions?.code;
  /** Updates the workflow accepted: a refused one never enters its history. */
  const acceptedUpdates = async (code: string) => {
    const { workflow_id } = await requestStatus(parvis, code);
    const history = await parvis.temporal.workflow.getHandle(workflow_id).fetchHistory();
    return (history.events ?? []).filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes).length;
  };

  it('an agent named by e-mail, then one named by id, each finds the step in their inbox and signs it', async () => {
    // given a chain naming Nadia by her e-mail, as an analyst might type it, then Yves by his id
    const code = await fileApprovalRequest(citizen, 'approval-named', {
      signatories: [nadia.email.replace(/^n/, 'N'), yves.id],
    });
    const [first] = await openTasks(parvis, code, 1, 'Sign');

    // then the step is in Nadia's inbox, and in no one else's
    expect(await stepInInboxOf(nadia, code)).toBe(first!.id);
    expect(await inboxOf(yves, code)).toEqual([]);
    expect(await inboxOf(yann, code)).toEqual([]);

    // when an agent it does not name, in no group, tries to sign it
    const intruder = await yann.prepare(first!.id, 'APPROVE');
    // then he is refused before any nonce is issued, and the workflow heard nothing
    expect(codeOf(intruder)).toBe('NOT_ALLOWED');
    expect(intruder.errors?.[0]?.message).toContain(nadia.email.replace(/^n/, 'N'));
    const [nonces] = await parvis.sql<{ count: number }[]>`select count(*)::int as count from signature_nonces
      where agent_id = ${yann.id}`;
    expect(nonces!.count).toBe(0);
    expect(await acceptedUpdates(code)).toBe(0);

    // when Nadia signs
    await nadia.sign(first!.id, 'APPROVE', 'Visé.');

    // then the request moves on to Yves, named by his id: his inbox has the next step, hers no longer
    const second = await stepInInboxOf(yves, code);
    expect(second).not.toBe(first!.id);
    expect(await inboxOf(nadia, code)).toEqual([]);
    expect(codeOf(await yann.prepare(second, 'APPROVE'))).toBe('NOT_ALLOWED');

    // when Yves signs, the chain is complete and approved
    await yves.sign(second, 'APPROVE');
    const variables = await closedWith(parvis, code);
    expect(variables.decisions).toEqual(['approve', 'approve']);
    const signed = await signedEvents(parvis, code);
    expect(signed.map((e) => [e.payload.signer.name, e.payload.decision])).toEqual([
      ['Nadia Viseuse', 'approve'],
      ['Yves Signataire', 'approve'],
    ]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closedWith,
  completePrepare,
  fileApprovalRequest,
  openTaskFor,
  requestStatus,
} from '../support/approval-requests.ts';
import { signInByLink } from '../support/citizen-links.ts';
import type { GraphqlClient } from '../support/graphql-client.ts';
import type { RunningParvis } from '../support/parvis.ts';
import { pdfText } from '../support/pdf.ts';
import { type Signatory, startSignatureBook } from '../support/signatory.ts';
import { runVerify } from '../support/verify-command.ts';

const VERIFY = `query ($code: String!) { verifySignatures(trackingCode: $code) {
  valid dataErasedAt chain { valid problems { position problem } } signatures { signer valid problems notes } } }`;

interface Verification {
  valid: boolean;
  dataErasedAt: string | null;
  chain: { valid: boolean; problems: unknown[] };
  signatures: { signer: string; valid: boolean; problems: string[]; notes: string[] }[];
}

describe('signatures on the requests of a citizen who erased their account', () => {
  let parvis: RunningParvis;
  let citizen: GraphqlClient;
  let accueil: GraphqlClient;
  let service: Signatory;
  let chef: Signatory;
  let code: string;

  beforeAll(async () => {
    ({ parvis, citizen, accueil, service, chef } = await startSignatureBook());
    // a citizen with an account files a request, which the chain approves to its end
    await signInByLink(parvis, citizen, 'demo', 'lea@example.fr');
    code = await fileApprovalRequest(citizen, 'approval-chain', { email: 'lea@example.fr', amount: 1200 });
    await completePrepare(parvis, accueil, code);
    await service.sign((await openTaskFor(parvis, code, 'service')).id, 'APPROVE');
    await chef.sign((await openTaskFor(parvis, code, 'chef')).id, 'APPROVE', 'Vu.');
    await closedWith(parvis, code);
  });
  afterAll(async () => {
    await parvis?.stop();
  });

  const verify = async () =>
    (await accueil.data<{ verifySignatures: Verification }>(VERIFY, { code })).verifySignatures;

  it('tells the erasure of the data from their tampering', async () => {
    // given the signed request, verified intact
    expect(await verify()).toMatchObject({ valid: true, dataErasedAt: null });
    const { id: requestId } = await requestStatus(parvis, code);

    // when someone empties its data the way an erasure does, while the citizen's account still exists
    const [before] = await parvis.sql<{ data: Record<string, unknown> }[]>`
      select data from requests where id = ${requestId}`;
    await parvis.sql`update requests set data = '{"erased": true}'::jsonb where id = ${requestId}`;
    // then that is tampering, reported as such
    let report = await verify();
    expect(report.valid).toBe(false);
    expect(report.dataErasedAt).toBeNull();
    expect(report.signatures[0]!.problems.join()).toContain("the request's data differ from what was signed");
    await parvis.sql`update requests set data = ${parvis.sql.json(before!.data as never)} where id = ${requestId}`;

    // when the citizen erases their account
    await citizen.data('mutation { deleteMyAccount }');

    // then every signature still verifies, and says why the data could not be compared
    report = await verify();
    expect(report.valid).toBe(true);
    expect(report.chain).toEqual({ valid: true, problems: [] });
    expect(Date.parse(report.dataErasedAt!)).toBeGreaterThan(Date.now() - 60_000);
    expect(report.signatures.map((s) => [s.signer, s.valid, s.problems])).toEqual([
      ['Sophie Service', true, []],
      ['Charles Chef', true, []],
    ]);
    for (const signature of report.signatures)
      expect(signature.notes).toEqual([
        expect.stringMatching(
          new RegExp(`données de la demande effacées le ${report.dataErasedAt}.*data erased on ${report.dataErasedAt}`),
        ),
      ]);

    // and the command line says the same, with exit code 0
    const cli = await runVerify(parvis, code);
    expect(cli.exitCode).toBe(0);
    expect(cli.stdout).toContain(`data erased on ${report.dataErasedAt} — cannot be compared`);
    expect(cli.stdout).toContain('Tout est intact. / Everything holds.');
    expect(cli.stdout).not.toContain('ALTÉRATION');

    // and so does the decision document
    const pdf = await fetch(`${parvis.url}/documents/${code}/decision.pdf`, {
      headers: { cookie: (accueil as unknown as { cookie: string }).cookie },
    });
    expect(pdf.status).toBe(200);
    const text = await pdfText(new Uint8Array(await pdf.arrayBuffer()));
    expect(text).toContain('Toutes les signatures et la chaîne');
    expect(text).toMatch(/Données de la demande effacées le .* \(droit à l'effacement\)/);
    expect(text).toContain('comparaison impossible avec celles signées');
    expect(text).toContain('cannot be compared with those signed');
    expect(text).not.toContain('NON VALIDE');

    // when the erased data are then rewritten
    await parvis.sql`update requests set data = '{"erased": true, "amount": 120000}'::jsonb where id = ${requestId}`;
    // then that is tampering again
    report = await verify();
    expect(report.valid).toBe(false);
    expect(report.signatures.map((s) => s.valid)).toEqual([false, false]);
    expect(report.signatures[0]!.problems.join()).toContain('les données de la demande ne sont plus celles');
    expect((await runVerify(parvis, code)).exitCode).toBe(1);
  });
});

import type { Db } from '../common/database.ts';
import { documentFingerprint } from '../documents/fingerprint.ts';
import { DOCUMENT_NUMBER, loadIssuedDocument } from '../documents/issued-documents.ts';
import { normaliseTrackingCode } from '../requests/tracking-code.ts';
import { verifyRequest } from './verification.ts';

/** One signature as the public page shows it: who, in which role, when, what, and whether it holds. */
export interface CheckedSignature {
  step: string;
  signer: string;
  onBehalfOf: string | null;
  role: string[];
  signedAt: string;
  decision: string;
  valid: boolean;
}

/** What checkDocument finds, as the API's DocumentCheck resolves it. */
export type DocumentCheckResult = NonNullable<Awaited<ReturnType<typeof checkDocument>>>;
/** The issued document it checked, as the API's CheckedDocument resolves it. */
export type CheckedDocumentResult = NonNullable<DocumentCheckResult['document']>;

/**
 * What anyone holding a document may learn by its QR code: the town, the request's procedure, the
 * document's number, title, date and fingerprint, and each signature of the request checked again
 * now (verifyRequest) — signer, role, time, decision, valid or not — with the history's hash chain,
 * and the erasure of the request's data if there was one. No citizen's data, no comment, no
 * problem's detail (it may quote stored values): an agent reads those on the request's page.
 * Undefined when no such request, no such document, or a request with neither signature nor document.
 */
export async function checkDocument(db: Db, trackingCode: string, documentNumber?: string) {
  const code = normaliseTrackingCode(trackingCode);
  if (documentNumber !== undefined && !DOCUMENT_NUMBER.test(documentNumber)) return undefined;
  const document = documentNumber ? await loadIssuedDocument(db, code, documentNumber) : undefined;
  if (documentNumber && !document) return undefined;
  const report = await verifyRequest(db, code);
  if (!report || (!document && report.signatures.length === 0)) return undefined;
  const [about] = await db<{ municipality: string; title_fr: string; title_en: string }[]>`
    select m.name as municipality, p.title_fr, p.title_en from requests r
    join municipalities m on m.id = r.municipality_id
    join procedure_versions v on v.id = r.procedure_version_id
    join procedures p on p.municipality_id = v.municipality_id and p.key = v.procedure_key
    where r.id = ${report.requestId}`;
  // A role by the name its group has in the organisation, when it has one.
  const groups = await db<{ key: string; name: string }[]>`select key, name from agent_groups`;
  const named = new Map(groups.map((group) => [group.key, group.name]));
  return {
    municipality: about!.municipality,
    trackingCode: report.trackingCode,
    procedureTitle: { fr: about!.title_fr, en: about!.title_en },
    document: document && {
      number: document.documentNumber,
      title: document.title,
      issuedAt: document.issuedAt.toISOString(),
      fingerprint: documentFingerprint(document),
    },
    valid: report.valid,
    historyIntact: report.chain.valid,
    signatures: report.signatures.map(
      (signature): CheckedSignature => ({
        step: signature.step,
        signer: signature.signer,
        onBehalfOf: signature.onBehalfOf,
        role: signature.groups.map((key) => named.get(key) ?? key),
        signedAt: signature.signedAt,
        decision: signature.decision,
        valid: signature.valid,
      }),
    ),
    dataErasedAt: report.dataErasedAt,
    checkedAt: report.checkedAt,
  };
}

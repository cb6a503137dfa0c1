import type { TransactionSql as Sql } from 'postgres';
import { type ChainReport, checkChain, type TimelineEvent, timelineEvents } from './chain.ts';
import { correctionsSince } from './corrected-data.ts';
import { dataHash, readPayload } from './decision-payload.ts';
import { NONCE_LIFETIME_MS } from './prepare.ts';
import { fingerprintOf, sha256Hex, verifySignature } from './public-key.ts';

/** One signature of a request, checked again from what is stored. */
export interface SignatureCheck {
  position: number;
  signatureId: string | null;
  step: string;
  groups: string[];
  decision: string;
  comment: string;
  signer: string;
  signerId: string;
  onBehalfOf: string | null;
  signedAt: string;
  keyFingerprint: string;
  payloadHash: string;
  valid: boolean;
  problems: string[];
  /** what could not be checked and why, without being tampering (data erased under the right to erasure) */
  notes: string[];
}

export interface VerificationReport {
  trackingCode: string;
  requestId: string;
  valid: boolean;
  checkedAt: string;
  /** when the request's data were erased with the citizen's account, if they were */
  dataErasedAt: string | null;
  chain: ChainReport;
  signatures: SignatureCheck[];
}

interface RequestRow {
  id: string;
  municipality_id: string;
  tracking_code: string;
  data: unknown;
  data_erased_at: Date | null;
}

interface StoredKey {
  agent_id: string;
  fingerprint: string;
  public_key_spki: string;
  revoked_at: Date | null;
}

/**
 * Re-verifies every signature of a request and its timeline's hash chain from PostgreSQL, and says
 * precisely what does not hold: which event, which signature, what. Works on the API's sealed
 * transaction as on the owner's connection (the command line).
 */
export async function verifyRequest(sql: Sql, trackingCode: string): Promise<VerificationReport | undefined> {
  // Erasing an account (accounts/erase.ts) empties its requests' data to {"erased": true} and stamps
  // the citizen's erased_at in the same transaction: only both together are an erasure, so data
  // rewritten any other way are still reported as altered.
  const [request] = await sql<RequestRow[]>`
    select r.id, r.municipality_id, r.tracking_code, r.data, c.erased_at as data_erased_at
    from requests r left join citizens c on c.id = r.citizen_id and r.data = '{"erased": true}'::jsonb
    where r.tracking_code = ${trackingCode}`;
  if (!request) return undefined;
  const events = await timelineEvents(sql, request.id);
  const chain = checkChain(request.id, events);
  const keys = await sql<StoredKey[]>`select agent_id, fingerprint, public_key_spki, revoked_at from signing_keys
    where municipality_id = ${request.municipality_id}`;
  const byFingerprint = new Map(keys.map((key) => [key.fingerprint, key]));
  const signatures = events
    .filter((event) => event.kind === 'signed')
    .map((event) => checkSignature(event, request, byFingerprint, events));
  return {
    trackingCode: request.tracking_code,
    requestId: request.id,
    valid: chain.valid && signatures.every((s) => s.valid),
    checkedAt: new Date().toISOString(),
    dataErasedAt: request.data_erased_at?.toISOString() ?? null,
    chain,
    signatures,
  };
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

function checkSignature(
  event: TimelineEvent,
  request: RequestRow,
  keys: Map<string, StoredKey>,
  events: TimelineEvent[],
): SignatureCheck {
  const p = event.payload;
  const signer = (p.signer ?? {}) as { id?: string; name?: string };
  const onBehalfOf = p.onBehalfOf as { id?: string; name?: string } | undefined;
  const signedPayload = text(p.signedPayload);
  const fingerprint = text(p.keyFingerprint);
  const problems: string[] = [];
  const notes: string[] = [];
  const where = `événement ${event.position} / event ${event.position}`;

  if (sha256Hex(signedPayload) !== text(p.payloadHash))
    problems.push(`${where} : texte signé modifié, son empreinte SHA-256 ne correspond plus / signed text altered`);
  const signed = readPayload(signedPayload);
  if (!signed) problems.push(`${where} : texte signé illisible / signed text unreadable`);
  else {
    const expect = (what: string, stored: unknown, inSigned: unknown) => {
      if (JSON.stringify(stored) !== JSON.stringify(inSigned))
        problems.push(
          `${where} : ${what} enregistré(e) (${JSON.stringify(stored)}) différent(e) de celui/celle signé(e) (${JSON.stringify(inSigned)}) / recorded ${what} differs from the signed one`,
        );
    };
    expect('décision / decision', p.decision, signed.decision);
    expect('commentaire / comment', p.comment, signed.comment);
    expect('signataire / signer', signer.id, signed.signer.id);
    expect('pour le compte de / on behalf of', onBehalfOf?.id, signed.onBehalfOf?.id);
    expect('étape / step', p.taskKey, signed.task.key);
    expect('clé / key', fingerprint, signed.key);
    expect('demande / request', request.id, signed.request.id);
    expect('mairie / tenant', request.municipality_id, signed.tenant);
    const currentHash = dataHash(request.data);
    // Data the citizen corrected since, as the timeline records it, were seen by the signer before.
    const corrections =
      currentHash === signed.request.dataHash
        ? undefined
        : correctionsSince(events, event.position, signed.request.dataHash, currentHash);
    if (corrections)
      notes.push(
        `${where} : données corrigées depuis par le citoyen (événement${corrections.length > 1 ? 's' : ''} ${corrections.join(', ')}) ; le signataire a vu celles d'avant / data corrected since by the citizen (event${corrections.length > 1 ? 's' : ''} ${corrections.join(', ')}); the signer saw those before`,
      );
    else if (currentHash !== signed.request.dataHash) {
      // Data erased after this signature cannot be compared; anything else changed them.
      const erasedAt = request.data_erased_at;
      if (erasedAt && erasedAt.getTime() >= Date.parse(signed.time))
        notes.push(
          `${where} : données de la demande effacées le ${erasedAt.toISOString()} (droit à l'effacement) — comparaison impossible / data erased on ${erasedAt.toISOString()} — cannot be compared`,
        );
      else
        problems.push(
          `${where} : les données de la demande ne sont plus celles que le signataire a vues / the request's data differ from what was signed`,
        );
    }
    const signedAt = Date.parse(text(p.signedAt));
    const preparedAt = Date.parse(signed.time);
    if (!(signedAt >= preparedAt && signedAt <= preparedAt + NONCE_LIFETIME_MS))
      problems.push(
        `${where} : heure de signature (${text(p.signedAt)}) hors de la validité du jeton préparé à ${signed.time} / signing time outside the nonce's validity`,
      );
  }

  const key = keys.get(fingerprint);
  if (!key) problems.push(`${where} : clé ${fingerprint.slice(0, 16)}… inconnue / unknown key`);
  else {
    if (fingerprintOf(key.public_key_spki) !== fingerprint)
      problems.push(
        `${where} : la clé publique enregistrée sous l'empreinte ${fingerprint.slice(0, 16)}… a été modifiée / stored public key altered`,
      );
    if (key.agent_id !== signer.id)
      problems.push(`${where} : la clé n'appartient pas au signataire / the key is not the signer's`);
    if (key.revoked_at && key.revoked_at.getTime() < Date.parse(text(p.signedAt)))
      problems.push(
        `${where} : clé révoquée le ${key.revoked_at.toISOString()}, avant la signature / key revoked before signing`,
      );
    if (!verifySignature(key.public_key_spki, signedPayload, text(p.signature)))
      problems.push(
        `${where} : la signature ${text(p.signatureId)} ne vérifie pas avec la clé ${fingerprint.slice(0, 16)}… / signature does not verify`,
      );
  }
  return {
    position: event.position,
    signatureId: text(p.signatureId) || null,
    step: text(p.name),
    groups: signed?.task.groups ?? [],
    decision: text(p.decision),
    comment: text(p.comment),
    signer: signer.name ?? '',
    signerId: signer.id ?? '',
    onBehalfOf: onBehalfOf?.name ?? null,
    signedAt: text(p.signedAt),
    keyFingerprint: fingerprint,
    payloadHash: text(p.payloadHash),
    valid: problems.length === 0,
    problems,
    notes,
  };
}

import { upsertAgent } from '@parvis/graphql';
import { deployApprovalProcedures } from './approval-requests.ts';
import type { GraphqlClient } from './graphql-client.ts';
import { type RunningParvis, startParvis } from './parvis.ts';

const subtle = globalThis.crypto.subtle;

/** A key made like the portal makes it: ECDSA P-256 in WebCrypto, private half not extractable. */
export interface BrowserKey {
  privateKey: CryptoKey;
  /** base64 DER SubjectPublicKeyInfo, what the portal sends to enrolSigningKey */
  spki: string;
  /** hex SHA-256 of the SPKI */
  fingerprint: string;
}

export async function browserKey(): Promise<BrowserKey> {
  const pair = await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
  const spki = new Uint8Array(await subtle.exportKey('spki', pair.publicKey));
  const digest = new Uint8Array(await subtle.digest('SHA-256', spki));
  return {
    privateKey: pair.privateKey,
    spki: Buffer.from(spki).toString('base64'),
    fingerprint: Buffer.from(digest).toString('hex'),
  };
}

/** Signs a text's UTF-8 bytes as WebCrypto does (IEEE P1363 r‖s), in base64url. */
export async function signText(key: CryptoKey, text: string): Promise<string> {
  const signature = await subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key, new TextEncoder().encode(text));
  return Buffer.from(signature).toString('base64url');
}

const PREPARE = `mutation ($taskId: ID!, $decision: Decision!, $comment: String, $onBehalfOf: ID) {
  prepareSignature(taskId: $taskId, decision: $decision, comment: $comment, onBehalfOf: $onBehalfOf) {
    nonce payload expiresAt keyFingerprint onBehalfOf } }`;
export const SIGN = `mutation ($taskId: ID!, $decision: Decision!, $comment: String, $nonce: String!, $signature: String!, $keyFingerprint: String!) {
  signDecision(taskId: $taskId, decision: $decision, comment: $comment, nonce: $nonce, signature: $signature, keyFingerprint: $keyFingerprint) {
    signatureId decision signedAt keyFingerprint payloadHash onBehalfOf } }`;

export interface Prepared {
  nonce: string;
  payload: string;
  expiresAt: string;
  keyFingerprint: string;
  onBehalfOf: string | null;
}

/** An agent of `demo` with a browser-made key enrolled, who signs through the API. */
export class Signatory {
  key!: BrowserKey;
  id!: string;

  constructor(
    readonly client: GraphqlClient,
    readonly email: string,
    readonly name: string,
  ) {}

  static async create(parvis: RunningParvis, name: string, groups: string[], roles = ['agent']): Promise<Signatory> {
    const email = `${name
      .toLowerCase()
      .normalize('NFD')
      .replace(/[^a-z]/g, '.')}@demoville.fr`;
    await upsertAgent(parvis.sql, {
      municipalityId: 'demo',
      email,
      displayName: name,
      password: 'signer-pass',
      roles,
      groups,
    });
    const signatory = new Signatory(parvis.client(), email, name);
    const { signIn } = await signatory.client.data<{ signIn: { id: string } }>(
      `mutation ($email: String!) { signIn(municipality: "demo", email: $email, password: "signer-pass") { id } }`,
      { email },
    );
    signatory.id = signIn.id;
    await signatory.enrol();
    return signatory;
  }

  /** Makes a new key in "the browser" and enrols its public half. */
  async enrol(): Promise<BrowserKey> {
    this.key = await browserKey();
    await this.client.data(`mutation ($k: String!) { enrolSigningKey(publicKey: $k, label: "test") { fingerprint } }`, {
      k: this.key.spki,
    });
    return this.key;
  }

  prepare(taskId: string, decision: 'APPROVE' | 'REFUSE' | 'RETURN', comment = '', onBehalfOf?: string) {
    return this.client.request<{ prepareSignature: Prepared }>(PREPARE, { taskId, decision, comment, onBehalfOf });
  }

  /** Prepares, signs the exact text in "the browser", and sends the signature. */
  async sign(taskId: string, decision: 'APPROVE' | 'REFUSE' | 'RETURN', comment = '', onBehalfOf?: string) {
    const prepared = await this.client.data<{ prepareSignature: Prepared }>(PREPARE, {
      taskId,
      decision,
      comment,
      onBehalfOf,
    });
    const { nonce, payload } = prepared.prepareSignature;
    const signature = await signText(this.key.privateKey, payload);
    return this.client.data<{ signDecision: { signatureId: string; onBehalfOf: string | null } }>(SIGN, {
      taskId,
      decision,
      comment,
      nonce,
      signature,
      keyFingerprint: this.key.fingerprint,
    });
  }
}

/** Parvis ready for approval chains: their procedures, the front desk that instructs, the first two levels. */
export interface SignatureBook {
  parvis: RunningParvis;
  citizen: GraphqlClient;
  /** the front desk, signed in: it completes the "Prepare" step */
  accueil: GraphqlClient;
  /** the department's level, its key enrolled */
  service: Signatory;
  /** the head of department's level, its key enrolled */
  chef: Signatory;
}

/** Starts Parvis with the approval procedures and the signatories every chain begins with. */
export async function startSignatureBook(): Promise<SignatureBook> {
  const parvis = await startParvis();
  try {
    await deployApprovalProcedures(parvis);
    const accueil = parvis.client();
    await accueil.data(
      `mutation { signIn(municipality: "demo", email: "accueil@demoville.fr", password: "demo-accueil") { id } }`,
    );
    return {
      parvis,
      citizen: parvis.client(),
      accueil,
      service: await Signatory.create(parvis, 'Sophie Service', ['service']),
      chef: await Signatory.create(parvis, 'Charles Chef', ['chef']),
    };
  } catch (error) {
    await parvis.stop();
    throw error;
  }
}

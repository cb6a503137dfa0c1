// GraphQL documents of the signature book (parapheur), with the shape of what they return.

export interface SigningKeyInfo {
  fingerprint: string;
  label: string | null;
  enrolledAt: string;
  revokedAt: string | null;
  active: boolean;
}

export const MY_SIGNING_KEYS = /* GraphQL */ `query MySigningKeys { mySigningKeys { fingerprint label enrolledAt revokedAt active } }`;

export const ENROL_SIGNING_KEY = /* GraphQL */ `
  mutation EnrolSigningKey($publicKey: String!, $label: String) {
    enrolSigningKey(publicKey: $publicKey, label: $label) { fingerprint label enrolledAt revokedAt active }
  }`;

export type Decision = 'approve' | 'refuse' | 'return';

export interface PreparedSignature {
  nonce: string;
  payload: string;
  expiresAt: string;
  keyFingerprint: string;
  onBehalfOf: string | null;
}

export const PREPARE_SIGNATURE = /* GraphQL */ `
  mutation PrepareSignature($taskId: ID!, $decision: Decision!, $comment: String) {
    prepareSignature(taskId: $taskId, decision: $decision, comment: $comment) {
      nonce payload expiresAt keyFingerprint onBehalfOf
    }
  }`;

export interface SignedDecision {
  signatureId: string;
  decision: Decision;
  signedAt: string;
  keyFingerprint: string;
  onBehalfOf: string | null;
}

export const SIGN_DECISION = /* GraphQL */ `
  mutation SignDecision($taskId: ID!, $decision: Decision!, $comment: String, $nonce: String!, $signature: String!, $keyFingerprint: String!) {
    signDecision(taskId: $taskId, decision: $decision, comment: $comment, nonce: $nonce, signature: $signature, keyFingerprint: $keyFingerprint) {
      signatureId decision signedAt keyFingerprint onBehalfOf
    }
  }`;

export interface Delegation {
  id: string;
  delegatorId: string;
  delegator: string;
  delegateId: string;
  delegate: string;
  startsAt: string;
  endsAt: string;
  reason: string | null;
  revokedAt: string | null;
  active: boolean;
}

export interface Colleague {
  id: string;
  displayName: string;
  groups: string[];
}

const DELEGATION_FIELDS = /* GraphQL */ `
  fragment DelegationFields on SignatureDelegation {
    id delegatorId delegator delegateId delegate startsAt endsAt reason revokedAt active
  }`;

export const SIGNATURE_BOOK = /* GraphQL */ `
  query SignatureBook($lang: Lang) {
    me { id }
    myDelegations { ...DelegationFields }
    delegationCandidates { id displayName groups }
    delegatedTasks { id name channel candidateGroups openedAt request { trackingCode procedureTitle(lang: $lang) } }
  }
  ${DELEGATION_FIELDS}`;

export const DELEGATE_SIGNATURE = /* GraphQL */ `
  mutation DelegateSignature($to: ID!, $endsAt: String!, $reason: String) {
    delegateSignature(to: $to, endsAt: $endsAt, reason: $reason) { ...DelegationFields }
  }
  ${DELEGATION_FIELDS}`;

export const REVOKE_DELEGATION = /* GraphQL */ `
  mutation RevokeDelegation($id: ID!) { revokeDelegation(id: $id) { ...DelegationFields } }
  ${DELEGATION_FIELDS}`;

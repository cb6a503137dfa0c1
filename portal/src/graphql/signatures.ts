// GraphQL documents of the signature book (parapheur), with the shape of what they return.
import type { Operation } from '../composables/useGraphql.ts';
import type {
  DelegateSignatureMutation,
  DelegateSignatureMutationVariables,
  DelegationFieldsFragment,
  EnrolSigningKeyMutation,
  EnrolSigningKeyMutationVariables,
  MySigningKeysQuery,
  MySigningKeysQueryVariables,
  PrepareSignatureMutation,
  PrepareSignatureMutationVariables,
  RevokeDelegationMutation,
  RevokeDelegationMutationVariables,
  SignatureBookQuery,
  SignatureBookQueryVariables,
  SignDecisionMutation,
  SignDecisionMutationVariables,
} from '../graphql/generated/operations.ts';

export type SigningKeyInfo = MySigningKeysQuery['mySigningKeys'][number];

export const MY_SIGNING_KEYS: Operation<MySigningKeysQuery, MySigningKeysQueryVariables> =
  /* GraphQL */ `query MySigningKeys { mySigningKeys { fingerprint label enrolledAt revokedAt active } }`;

export const ENROL_SIGNING_KEY: Operation<EnrolSigningKeyMutation, EnrolSigningKeyMutationVariables> = /* GraphQL */ `
  mutation EnrolSigningKey($publicKey: String!, $label: String) {
    enrolSigningKey(publicKey: $publicKey, label: $label) { fingerprint label enrolledAt revokedAt active }
  }`;

export type Decision = 'APPROVE' | 'REFUSE' | 'RETURN';

export type PreparedSignature = PrepareSignatureMutation['prepareSignature'];

export const PREPARE_SIGNATURE: Operation<PrepareSignatureMutation, PrepareSignatureMutationVariables> = /* GraphQL */ `
  mutation PrepareSignature($taskId: ID!, $decision: Decision!, $comment: String) {
    prepareSignature(taskId: $taskId, decision: $decision, comment: $comment) {
      nonce payload expiresAt keyFingerprint onBehalfOf
    }
  }`;

export type SignedDecision = SignDecisionMutation['signDecision'];

export const SIGN_DECISION: Operation<SignDecisionMutation, SignDecisionMutationVariables> = /* GraphQL */ `
  mutation SignDecision($taskId: ID!, $decision: Decision!, $comment: String, $nonce: String!, $signature: String!, $keyFingerprint: String!) {
    signDecision(taskId: $taskId, decision: $decision, comment: $comment, nonce: $nonce, signature: $signature, keyFingerprint: $keyFingerprint) {
      signatureId decision signedAt keyFingerprint onBehalfOf
    }
  }`;

export type Delegation = DelegationFieldsFragment;

export interface Colleague {
  id: string;
  displayName: string;
  groups: string[];
}

const DELEGATION_FIELDS = /* GraphQL */ `
  fragment DelegationFields on SignatureDelegation {
    id delegatorId delegator delegateId delegate startsAt endsAt reason revokedAt active
  }`;

export const SIGNATURE_BOOK: Operation<SignatureBookQuery, SignatureBookQueryVariables> = /* GraphQL */ `
  query SignatureBook($lang: Lang) {
    me { id }
    myDelegations { ...DelegationFields }
    delegationCandidates { id displayName groups }
    delegatedTasks { id name channel candidateGroups openedAt request { trackingCode procedureTitle(lang: $lang) } }
  }
  ${DELEGATION_FIELDS}`;

export const DELEGATE_SIGNATURE: Operation<DelegateSignatureMutation, DelegateSignatureMutationVariables> =
  /* GraphQL */ `
  mutation DelegateSignature($to: ID!, $endsAt: String!, $reason: String) {
    delegateSignature(to: $to, endsAt: $endsAt, reason: $reason) { ...DelegationFields }
  }
  ${DELEGATION_FIELDS}`;

export const REVOKE_DELEGATION: Operation<RevokeDelegationMutation, RevokeDelegationMutationVariables> = /* GraphQL */ `
  mutation RevokeDelegation($id: ID!) { revokeDelegation(id: $id) { ...DelegationFields } }
  ${DELEGATION_FIELDS}`;

import { requireAgent } from '../common/context.ts';
import { userError } from '../common/errors.ts';
import { requireRole } from '../common/roles.ts';
import type { Resolvers } from '../generated/resolvers.ts';
import { mayReadRequest } from '../requests/access.ts';
import { normaliseTrackingCode } from '../requests/tracking-code.ts';
import { auditTrail } from './audit.ts';
import { delegatedTasks } from './delegated-tasks.ts';
import { delegateSignature, delegationCandidates, delegationRepository, revokeDelegation } from './delegations.ts';
import { enrolSigningKey, keyRepository, revokeSigningKey } from './keys.ts';
import { prepareSignature } from './prepare.ts';
import { signDecision } from './sign.ts';
import { findSignableTask } from './signable-task.ts';
import { verifyRequest } from './verification.ts';

export const signatureTypeDefs = /* GraphQL */ `
  "A signer's decision on a document: approve, refuse or return for changes."
  enum Decision {
    "approve and sign (approuver)"
    APPROVE
    "refuse (refuser)"
    REFUSE
    "send back to the agent for changes (renvoyer pour modification)"
    RETURN
  }

  "The public half of a signing key an agent's browser made (ECDSA P-256); the private half never leaves it."
  type SigningKey {
    "hex SHA-256 of the DER SubjectPublicKeyInfo"
    fingerprint: String!
    "ES256 (ECDSA P-256 with SHA-256)"
    algorithm: String!
    "a name for the key (the browser, the device); null when none"
    label: String
    "the public key as a JWK"
    publicKeyJwk: JSON!
    "the owning agent's name"
    owner: String!
    "when it was enrolled (ISO 8601)"
    enrolledAt: String!
    "when it was revoked; null while it holds"
    revokedAt: String
    "why it was revoked; null while it holds"
    revocationReason: String
    "whether it may sign now"
    active: Boolean!
  }

  "What the agent's browser must sign: the exact text (RFC 8785 canonical JSON), once, before expiresAt."
  type PreparedSignature {
    "single-use, to send back with the signature"
    nonce: String!
    "the exact text to sign (RFC 8785 canonical JSON)"
    payload: String!
    "when the nonce expires (ISO 8601)"
    expiresAt: String!
    "the fingerprint of the key that must sign"
    keyFingerprint: String!
    "the agent signed for, under a delegation"
    onBehalfOf: String
  }

  "A decision signed, verified and recorded in the request's timeline."
  type SignedDecision {
    "the signature's id"
    signatureId: ID!
    "the task decided"
    taskId: ID!
    "what was decided"
    decision: Decision!
    "when it was signed (ISO 8601)"
    signedAt: String!
    "the fingerprint of the key that signed"
    keyFingerprint: String!
    "SHA-256 of the signed text, hex"
    payloadHash: String!
    "the delegating agent's name, for a signature by delegation; null otherwise"
    onBehalfOf: String
  }

  "An agent's signature delegated to another for a period (absence)."
  type SignatureDelegation {
    "the delegation's id"
    id: ID!
    "the agent whose signature is delegated"
    delegatorId: ID!
    "the delegating agent's name"
    delegator: String!
    "the agent who signs in their place"
    delegateId: ID!
    "the delegate's name"
    delegate: String!
    "when it starts (ISO 8601)"
    startsAt: String!
    "when it ends (ISO 8601)"
    endsAt: String!
    "why (an absence, a leave); null when none given"
    reason: String
    "when it was made (ISO 8601)"
    createdAt: String!
    "when it was revoked; null otherwise"
    revokedAt: String
    "whether the delegate may sign now"
    active: Boolean!
  }

  "An agent of the municipality one may delegate one's signature to."
  type Colleague {
    "the agent's id"
    id: ID!
    "their name"
    displayName: String!
    "keys of their groups"
    groups: [String!]!
  }

  "One event of the signature audit: a key enrolled or revoked, a decision signed."
  type SignatureAuditEntry {
    "when (ISO 8601)"
    at: String!
    "who acted, by name"
    actor: String!
    "keyEnrolled, keyRevoked, delegationGranted, delegationRevoked"
    action: String!
    "the details of the event"
    details: JSON!
  }

  "A link of the timeline's hash chain that does not hold."
  type ChainProblem {
    "the event's position in the chain"
    position: Int!
    "the event's kind; null when the event is missing"
    kind: String
    "what does not hold, in words"
    problem: String!
  }

  "The check of a request's hash-chained timeline."
  type ChainCheck {
    "whether every link holds"
    valid: Boolean!
    "how many events were checked"
    events: Int!
    "the links that do not hold"
    problems: [ChainProblem!]!
  }

  "One signature of a request, verified again from what is stored."
  type SignatureCheck {
    "position of its event in the timeline"
    position: Int!
    "the signature's id; null when the timeline names one that is not stored"
    signatureId: ID
    "the step it decided"
    step: String!
    "the groups the step was for: the signer's role"
    groups: [String!]!
    "approve, refuse or return, as signed"
    decision: String!
    "the signer's comment, as signed"
    comment: String!
    "the signer's name"
    signer: String!
    "the delegating agent's name; null otherwise"
    onBehalfOf: String
    "when it was signed (ISO 8601)"
    signedAt: String!
    "the fingerprint of the key that signed"
    keyFingerprint: String!
    "SHA-256 of the signed text, hex"
    payloadHash: String!
    "whether the signature verifies against the stored key and text"
    valid: Boolean!
    "what does not hold, in words; empty when valid"
    problems: [String!]!
    "What could not be checked, and why, without being tampering: data erased under the right to erasure."
    notes: [String!]!
  }

  "A request's signatures and timeline, verified again from what is stored."
  type SignatureVerification {
    "the request's tracking code"
    trackingCode: String!
    "whether the chain and every signature hold"
    valid: Boolean!
    "when it was checked (ISO 8601)"
    checkedAt: String!
    "When the request's data were erased with the citizen's account (right to erasure), if they were."
    dataErasedAt: String
    "the check of the request's timeline"
    chain: ChainCheck!
    "each signature, checked"
    signatures: [SignatureCheck!]!
  }

  extend type Task {
    "Whether this step takes a signed decision (signature book) rather than a form."
    signatureRequired: Boolean!
  }

  extend type Query {
    "The signed-in agent's signing keys, newest first (at most one active)."
    mySigningKeys: [SigningKey!]!
    "Delegations of signature given by or to the signed-in agent."
    myDelegations: [SignatureDelegation!]!
    "The other agents of the municipality, by name: whom one may delegate one's signature to."
    delegationCandidates: [Colleague!]!
    "Open steps the signed-in agent may sign for someone else, under a live delegation."
    delegatedTasks: [Task!]!
    "Managers: the audit trail of keys and delegations, newest first."
    signatureAudit: [SignatureAuditEntry!]!
    "Re-verifies every signature of a request and its timeline's hash chain: agents of its municipality, or the citizen with the e-mail it was filed with."
    verifySignatures(
      "the request's tracking code (XXXX-XXXX-XXXX)"
      trackingCode: String!
      "the e-mail address the request was filed with, for a citizen without an account"
      email: String
    ): SignatureVerification
  }

  extend type Mutation {
    "Enrols the public key (SPKI in base64, or JWK) the agent's browser generated; the previous active key is revoked."
    enrolSigningKey(
      "the public key, as a JWK in JSON"
      publicKey: String!
      "a name for the key (the browser, the device)"
      label: String
    ): SigningKey!
    "Revokes a signing key: signatures made before stay valid, none can be made after."
    revokeSigningKey(
      "the key's fingerprint"
      fingerprint: String!
      "why, in words people read"
      reason: String
    ): SigningKey!
    "Fixes the text to sign for a decision on a step, with a single-use nonce."
    prepareSignature(
      "the task's id"
      taskId: ID!
      "APPROVE, REFUSE or RETURN"
      decision: Decision!
      "what the signer adds, shown with the decision"
      comment: String
      "the delegating agent, for a signature by delegation"
      onBehalfOf: ID
    ): PreparedSignature!
    "Verifies the browser's signature of the prepared text, then records the decision in the workflow."
    signDecision(
      "the task's id" taskId: ID!
      "APPROVE, REFUSE or RETURN" decision: Decision!
      "what the signer adds, shown with the decision" comment: String
      "the nonce prepareSignature gave" nonce: String!
      "the browser's ECDSA signature of the prepared payload, base64url" signature: String!
      "the fingerprint of the key that signed" keyFingerprint: String!
    ): SignedDecision!
    "Delegates the signed-in agent's signature to another agent from startsAt (now when left out) to endsAt."
    delegateSignature(
      "the delegate's id"
      to: ID!
      "ISO date and time; absent, now"
      startsAt: String
      "ISO date and time"
      endsAt: String!
      "why, in words people read"
      reason: String
    ): SignatureDelegation!
    "Ends a signature delegation now."
    revokeDelegation("the delegation's id" id: ID!): SignatureDelegation!
  }
`;

const iso = (date: Date | null) => date?.toISOString() ?? null;

export const signatureResolvers: Resolvers = {
  Query: {
    mySigningKeys: (_, __, ctx) => {
      const agent = requireAgent(ctx);
      return ctx.db.within(agent.municipalityId, (db) => keyRepository(db).byAgent(agent.id));
    },
    myDelegations: (_, __, ctx) => {
      const agent = requireAgent(ctx);
      return ctx.db.within(agent.municipalityId, (db) => delegationRepository(db).ofAgent(agent.id));
    },
    delegationCandidates: (_, __, ctx) => {
      const agent = requireAgent(ctx);
      return ctx.db.within(agent.municipalityId, (db) => delegationCandidates(db, agent));
    },
    delegatedTasks: (_, __, ctx) => {
      const agent = requireAgent(ctx);
      return ctx.db.within(agent.municipalityId, (db) => delegatedTasks(db, agent));
    },
    signatureAudit: (_, __, ctx) => {
      const agent = requireRole(ctx, 'manager', 'administrator');
      return ctx.db.within(agent.municipalityId, (db) => auditTrail(db));
    },
    verifySignatures: async (_, args, ctx) => {
      const code = normaliseTrackingCode(args.trackingCode);
      // With the request's e-mail, anyone (the citizen); else an agent the request concerns.
      const agent = args.email ? undefined : ctx.agent;
      let municipality = agent?.municipalityId;
      if (!municipality && args.email) {
        const [match] = await ctx.db.outside(
          (db) => db<{ m: string | null }[]>`select parvis_tracked_request(${code}, ${args.email!}) as m`,
        );
        municipality = match?.m ?? undefined;
      }
      if (!municipality)
        throw userError(
          'UNAUTHENTICATED',
          'Connectez-vous, ou donnez l’e-mail de la demande. / Sign in, or give the request’s e-mail.',
        );
      const report = await ctx.db.within(municipality, async (db) =>
        agent && !(await mayReadRequest(db, agent, { trackingCode: code })) ? undefined : verifyRequest(db, code),
      );
      if (!report)
        throw userError(
          'NOT_FOUND',
          `Aucune demande ${code} dans votre mairie. / No such request in your municipality.`,
        );
      return report;
    },
  },
  Mutation: {
    enrolSigningKey: (_, args, ctx) => {
      const agent = requireAgent(ctx);
      return ctx.db.within(agent.municipalityId, (db) =>
        enrolSigningKey(db, agent, args.publicKey, args.label ?? undefined),
      );
    },
    revokeSigningKey: (_, args, ctx) => {
      const agent = requireAgent(ctx);
      return ctx.db.within(agent.municipalityId, (db) =>
        revokeSigningKey(db, agent, args.fingerprint, args.reason ?? undefined),
      );
    },
    prepareSignature: (_, args, ctx) => {
      const agent = requireAgent(ctx);
      return ctx.db.within(agent.municipalityId, (db) =>
        prepareSignature(db, agent, {
          ...args,
          comment: args.comment ?? undefined,
          onBehalfOf: args.onBehalfOf ?? undefined,
        }),
      );
    },
    signDecision: (_, args, ctx) =>
      signDecision(ctx, requireAgent(ctx), { ...args, comment: args.comment ?? undefined }),
    delegateSignature: (_, args, ctx) => {
      const agent = requireAgent(ctx);
      return ctx.db.within(agent.municipalityId, (db) =>
        delegateSignature(db, agent, {
          ...args,
          startsAt: args.startsAt ?? undefined,
          reason: args.reason ?? undefined,
        }),
      );
    },
    revokeDelegation: (_, args, ctx) => {
      const agent = requireAgent(ctx);
      return ctx.db.within(agent.municipalityId, (db) => revokeDelegation(db, agent, args.id));
    },
  },
  SigningKey: {
    publicKeyJwk: (k) => k.public_key_jwk,
    owner: (k) => k.agent_name,
    enrolledAt: (k) => k.enrolled_at.toISOString(),
    revokedAt: (k) => iso(k.revoked_at),
    revocationReason: (k) => k.revocation_reason,
    active: (k) => k.revoked_at === null,
  },
  PreparedSignature: {
    expiresAt: (p) => p.expiresAt.toISOString(),
    onBehalfOf: (p) => p.onBehalfOf?.name ?? null,
  },
  SignatureDelegation: {
    delegatorId: (d) => d.delegator_id,
    delegator: (d) => d.delegator_name,
    delegateId: (d) => d.delegate_id,
    delegate: (d) => d.delegate_name,
    startsAt: (d) => d.starts_at.toISOString(),
    endsAt: (d) => d.ends_at.toISOString(),
    createdAt: (d) => d.created_at.toISOString(),
    revokedAt: (d) => iso(d.revoked_at),
    active: (d) => !d.revoked_at && d.starts_at <= new Date() && d.ends_at > new Date(),
  },
  Colleague: { displayName: (c: { display_name: string }) => c.display_name },
  SignatureAuditEntry: {
    at: (a) => a.at.toISOString(),
    actor: (a) => a.actor_name,
  },
  Task: {
    signatureRequired: async (t, _, ctx) =>
      (await ctx.db.within(t.municipality_id, (db) => findSignableTask(db, t.id)))?.signature_property === 'required',
  },
};

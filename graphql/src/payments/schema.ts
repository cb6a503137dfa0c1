import { userError } from '../common/errors.ts';
import { CASEWORKERS, requireRole } from '../common/roles.ts';
import { isUuid } from '../common/uuid.ts';
import type { Resolvers } from '../generated/resolvers.ts';
import { recordRefund, requestPayments } from './repository.ts';

export const paymentTypeDefs = /* GraphQL */ `
  "Where a payment a procedure asked for stands."
  enum PaymentStatus {
    "Asked; the citizen has not paid yet."
    PENDING
    "Paid: the provider confirmed it."
    PAID
    "The bank refused the card; nothing was charged."
    REFUSED
    "The citizen left the provider's page without paying."
    ABANDONED
    "Nothing came before the payment's end; the provider had no result."
    EXPIRED
    "Paid, then refunded by the town hall (an agent recorded it)."
    REFUNDED
  }

  "A payment a request's procedure asked for (a parvis:payment step), through the town's provider (PayFiP)."
  type Payment {
    "The payment's id."
    id: ID!
    "In euros."
    amount: Float!
    "What is paid for."
    label: String!
    "The town's reference of the debt (PayFiP's refdet)."
    reference: String!
    "Where it stands."
    status: PaymentStatus!
    "The provider's page where the citizen pays; null once it is no longer PENDING or has expired."
    payUrl: String
    "ISO 8601: the end of the time given to pay."
    expiresAt: String!
    "ISO 8601: when its outcome came."
    settledAt: String
    "The bank's authorisation number of a paid payment."
    authorisation: String
    "ISO 8601: when an agent recorded its refund."
    refundedAt: String
    "Why it was refunded."
    refundReason: String
  }

  extend type Request {
    "The payments its procedure asked for, the first first."
    payments: [Payment!]!
  }

  extend type Mutation {
    "Agents: records the refund of a paid payment (the town's accountant pays it back; PayFiP has no refund call). Refused when it is not PAID (BAD_USER_INPUT, nothing changed) or unknown (NOT_FOUND)."
    refundPayment(
      "The payment's id."
      paymentId: ID!
      "Why it is refunded, as the accountant will read it."
      reason: String!
    ): Payment!
  }
`;

export const paymentResolvers: Resolvers = {
  Request: {
    payments: (request, _, ctx) => ctx.db.within(request.municipality_id, (tx) => requestPayments(tx, request.id)),
  },
  Mutation: {
    refundPayment: async (_, args, ctx) => {
      const agent = requireRole(ctx, ...CASEWORKERS);
      const reason = args.reason.trim();
      if (reason === '' || reason.length > 500) {
        throw userError('BAD_USER_INPUT', 'reason : un motif de 1 à 500 caractères. / reason: 1 to 500 characters.', {
          field: 'reason',
        });
      }
      if (!isUuid(args.paymentId)) throw userError('NOT_FOUND', 'Paiement inconnu. / Unknown payment.');
      const refunded = await ctx.db.within(agent.municipalityId, (tx) =>
        recordRefund(tx, {
          municipalityId: agent.municipalityId,
          paymentId: args.paymentId,
          by: agent.displayName,
          reason,
        }),
      );
      if (refunded === undefined) throw userError('NOT_FOUND', 'Paiement inconnu. / Unknown payment.');
      if (typeof refunded === 'string') {
        throw userError(
          'BAD_USER_INPUT',
          `Seul un paiement payé se rembourse ; celui-ci est ${refunded}. / Only a paid payment is refunded; this one is ${refunded}.`,
          { status: refunded },
        );
      }
      return refunded;
    },
  },
};

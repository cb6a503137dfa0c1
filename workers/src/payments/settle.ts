import { timingSafeEqual } from 'node:crypto';
import type { Sql } from 'postgres';
import {
  PAYMENT_MESSAGE,
  type PaymentStatus,
  type PaymentSettlement as Settlement,
  type PaymentSettlementInput as SettlementInput,
} from '../messages.ts';
import { townProvider } from './settings.ts';

interface StoredPayment {
  id: string;
  reference: string;
  amount_cents: number;
  year: number;
  operation_id: string | null;
  notify_token: string;
  status: PaymentStatus;
  tracking_code: string;
  authorisation: string | null;
  expires_at: Date;
}

/**
 * Settles a payment from what the provider says of it, never from what was posted: the posted
 * operation must be the payment's, its details are read from the provider and must be the payment
 * asked for (client number, reference, amount, year). A payment settled once stays so (a repeated
 * notification changes nothing); an expiry with no result marks it EXPIRED.
 */
export async function settlePayment(sql: Sql, input: SettlementInput): Promise<Settlement> {
  const log = async (outcome: Settlement['outcome'], reason?: string, paymentId: string | null = input.paymentId) => {
    // A call naming no town Parvis hosts is only in the API's log: there is no town to keep it for.
    await sql`insert into payment_attempts (municipality_id, payment_id, source, operation_id, outcome, reason)
      select ${input.municipalityId}, ${paymentId}, ${input.source}, ${input.operationId ?? null}, ${outcome}, ${reason ?? null}
      where exists (select 1 from municipalities where id = ${input.municipalityId})`;
  };
  const refuse = async (
    refusal: NonNullable<Settlement['refusal']>,
    reason: string,
    paymentId: string | null = input.paymentId,
  ): Promise<Settlement> => {
    await log('REFUSED', reason, paymentId);
    return { outcome: 'REFUSED', refusal, reason };
  };

  const [payment] = /^[0-9a-f-]{36}$/.test(input.paymentId)
    ? await sql<StoredPayment[]>`select p.id, p.reference, p.amount_cents, p.year, p.operation_id, p.notify_token,
          p.status, r.tracking_code, p.authorisation, p.expires_at
        from payments p join requests r on r.id = p.request_id
        where p.id = ${input.paymentId} and p.municipality_id = ${input.municipalityId}`
    : [];
  if (!payment) return refuse('UNKNOWN_PAYMENT', 'paiement inconnu / unknown payment', null);
  const known = { status: payment.status, trackingCode: payment.tracking_code };

  if (input.source === 'notification' && !tokenMatches(input.token, payment.notify_token)) {
    return {
      ...(await refuse('BAD_SIGNATURE', 'signature de la notification invalide / bad notification signature')),
      ...known,
    };
  }
  // The payer's return is only a cue: the provider is asked about the payment's own operation.
  const operationId = input.source === 'notification' ? input.operationId : payment.operation_id;
  if (!payment.operation_id || operationId !== payment.operation_id) {
    return {
      ...(await refuse(
        'UNKNOWN_OPERATION',
        `opération ${operationId ?? '(aucune)'} inconnue pour ce paiement / unknown operation`,
      )),
      ...known,
    };
  }
  if (payment.status !== 'PENDING') {
    await log('DUPLICATE', `déjà ${payment.status} / already ${payment.status}`);
    // Its message again: published once under its id, it reaches the request if an earlier run stopped short.
    return { outcome: 'DUPLICATE', ...known, ...resultMessage(payment, payment.status) };
  }

  const town = await townProvider(sql, input.municipalityId);
  if (!town)
    return {
      ...(await refuse('MISMATCH', 'la commune n’a plus de prestataire de paiement / no payment provider')),
      ...known,
    };
  const details = await town.provider.details(payment.operation_id);
  if (details === undefined) {
    return {
      ...(await refuse(
        'UNKNOWN_OPERATION',
        'opération inconnue du prestataire / the provider knows no such operation',
      )),
      ...known,
    };
  }
  let status: PaymentStatus;
  let authorisation: string | null = null;
  if (details === 'PENDING') {
    if (input.source !== 'expiry') {
      await log('PENDING', 'paiement non terminé / payment not finished');
      return { outcome: 'PENDING', ...known };
    }
    status = 'EXPIRED';
  } else {
    const problem = town.provider.verify(
      {
        operationId: payment.operation_id,
        clientNumber: town.clientNumber,
        reference: payment.reference,
        amountCents: payment.amount_cents,
        year: payment.year,
      },
      details,
    );
    if (problem) return { ...(await refuse('MISMATCH', problem)), ...known };
    if (!details.result)
      return { ...(await refuse('MISMATCH', 'résultat inconnu du prestataire / unknown result')), ...known };
    status = details.result;
    authorisation = details.authorisation ?? null;
  }

  const [settled] = await sql<{ status: PaymentStatus }[]>`update payments
    set status = ${status}, settled_at = now(), authorisation = ${authorisation}
    where id = ${payment.id} and status = 'PENDING' returning status`;
  if (!settled) {
    // Another notification settled it meanwhile.
    const [now] = await sql<{ status: PaymentStatus }[]>`select status from payments where id = ${payment.id}`;
    await log('DUPLICATE', `déjà ${now!.status} / already ${now!.status}`);
    return {
      outcome: 'DUPLICATE',
      status: now!.status,
      trackingCode: payment.tracking_code,
      ...resultMessage(payment, now!.status),
    };
  }
  await log('ACCEPTED', status);
  return {
    outcome: 'ACCEPTED',
    status,
    trackingCode: payment.tracking_code,
    ...resultMessage({ ...payment, authorisation }, status),
  };
}

/** The `paiement` message of a settled payment: its status (and authorisation) for the waiting request. */
function resultMessage(
  payment: Pick<StoredPayment, 'id' | 'reference' | 'authorisation'>,
  status: PaymentStatus,
): Pick<Settlement, 'message'> {
  // A refund comes after the request went on: it wakes nothing.
  if (status === 'PENDING' || status === 'REFUNDED') return {};
  return {
    message: {
      messageName: PAYMENT_MESSAGE,
      correlationKey: payment.reference,
      variables: {
        paymentStatus: status,
        ...(payment.authorisation ? { paymentAuthorisation: payment.authorisation } : {}),
      },
      messageId: `payment:${payment.id}`,
    },
  };
}

function tokenMatches(given: string | undefined, expected: string): boolean {
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

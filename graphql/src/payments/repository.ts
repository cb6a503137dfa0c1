import type { Db } from '../common/database.ts';

/** A payment as the API shows it (the GraphQL type Payment). */
export interface PaymentView {
  id: string;
  amount: number;
  label: string;
  reference: string;
  status: 'PENDING' | 'PAID' | 'REFUSED' | 'ABANDONED' | 'EXPIRED' | 'REFUNDED';
  payUrl: string | null;
  expiresAt: string;
  settledAt: string | null;
  authorisation: string | null;
  refundedAt: string | null;
  refundReason: string | null;
}

interface PaymentRow {
  id: string;
  amount_cents: number;
  label: string;
  reference: string;
  status: PaymentView['status'];
  page_url: string | null;
  expires_at: Date;
  settled_at: Date | null;
  authorisation: string | null;
  refunded_at: Date | null;
  refund_reason: string | null;
}

const view = (row: PaymentRow): PaymentView => ({
  id: row.id,
  amount: row.amount_cents / 100,
  label: row.label,
  reference: row.reference,
  status: row.status,
  // The provider's page only while paying still makes sense.
  payUrl: row.status === 'PENDING' && row.expires_at.getTime() > Date.now() ? row.page_url : null,
  expiresAt: row.expires_at.toISOString(),
  settledAt: row.settled_at?.toISOString() ?? null,
  authorisation: row.authorisation,
  refundedAt: row.refunded_at?.toISOString() ?? null,
  refundReason: row.refund_reason,
});

const COLUMNS =
  'id, amount_cents, label, reference, status, page_url, expires_at, settled_at, authorisation, refunded_at, refund_reason';

/** A request's payments, the first asked first. */
export async function requestPayments(db: Db, requestId: string): Promise<PaymentView[]> {
  const rows = await db<PaymentRow[]>`select ${db.unsafe(COLUMNS)} from payments
    where request_id = ${requestId} order by created_at`;
  return rows.map(view);
}

/**
 * Records a refund of a paid payment: who, when, why; the attempt log keeps it too. The money goes
 * back through the town's accountant (PayFiP has no refund call): Parvis records that it was decided.
 * Undefined when the payment is unknown; its status when it is not PAID (nothing changed).
 */
export async function recordRefund(
  db: Db,
  input: { municipalityId: string; paymentId: string; by: string; reason: string },
): Promise<PaymentView | PaymentView['status'] | undefined> {
  const [current] = await db<PaymentRow[]>`select ${db.unsafe(COLUMNS)} from payments
    where id = ${input.paymentId} for update`;
  if (!current) return undefined;
  if (current.status !== 'PAID') return current.status;
  const [row] = await db<PaymentRow[]>`update payments
    set status = 'REFUNDED', refunded_at = now(), refunded_by = ${input.by}, refund_reason = ${input.reason}
    where id = ${input.paymentId} returning ${db.unsafe(COLUMNS)}`;
  await db`insert into payment_attempts (municipality_id, payment_id, source, operation_id, outcome, reason)
    select municipality_id, id, 'refund', operation_id, 'ACCEPTED', ${input.reason} from payments where id = ${input.paymentId}`;
  return view(row!);
}
